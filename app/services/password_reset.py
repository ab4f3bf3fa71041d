"""Forgot password as in the manual: identity + phone + email must all match, then a PIN."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from forms_schema.identity import normalise_phone, phone_problem

from .. import passwords
from ..extensions import db
from ..i18n import N_
from ..models import PasswordReset, User, utcnow
from ..notify import enqueue_email
from ..security import sessions, throttle
from . import codes
from .auth import hash_password
from .errors import MSG_PASSWORD_CONFIRM, MSG_PASSWORD_RULES, DomainError, ValidationFailed
from .users import digits, find_applicant, profile_of

PURPOSE = "reset"
MISMATCH = N_("No KTP / NPWP, No.Telp dan Email Anda Harus Benar!")
BAD_PIN = N_("PIN salah atau sudah tidak berlaku. Silakan periksa email Anda atau minta PIN "
             "baru.")


def request_reset(identity_number: str, phone: str, email: str) -> str:
    """Returns an opaque token naming the reset; the PIN goes only to the account's email."""
    user = find_applicant(digits(identity_number)) if digits(identity_number) else None
    profile = profile_of(user) if user else None
    phone_ok = (profile is not None and phone_problem(phone) is None
                and normalise_phone(phone) == profile.phone)
    email_ok = user is not None and (email or "").strip().lower() == user.email.lower()
    if not (phone_ok and email_ok):
        raise DomainError(MISMATCH)
    minutes = current_app.config["RESET_PIN_MINUTES"]
    pin = codes.new_code()
    token = secrets.token_urlsafe(24)
    db.session.add(PasswordReset(token=token, user_id=user.id,
                                 pin_hash=codes.hash_code(pin, PURPOSE),
                                 expires_at=utcnow() + timedelta(minutes=minutes)))
    enqueue_email(user.email, N_("PIN Reset Password E-PTSP"), "mail/reset_pin.txt",
                  confidential=True, pin=pin, minutes=minutes, name=profile.display_name)
    db.session.commit()
    return token


def live_reset(token: str) -> PasswordReset | None:
    row = db.session.scalar(select(PasswordReset).where(PasswordReset.token == (token or "")))
    max_tries = current_app.config["RESET_PIN_MAX_TRIES"]
    if row is None or row.used_at or row.expires_at <= utcnow() or row.tries >= max_tries:
        return None
    return row


def complete_reset(token: str, pin: str, password: str, confirm: str) -> None:
    row = live_reset(token)
    if row is None:
        raise DomainError(BAD_PIN, field="pin")
    errors: dict[str, list[str]] = {}
    problems = passwords.password_problems(password or "")
    if problems:
        errors["password"] = problems
    if password != confirm:
        errors["password_confirm"] = [MSG_PASSWORD_CONFIRM]
    if not codes.matches(pin or "", row.pin_hash, PURPOSE):
        row.tries += 1
        db.session.commit()
        raise DomainError(BAD_PIN, field="pin")
    if errors:
        raise ValidationFailed(errors, message=MSG_PASSWORD_RULES)
    user = row.user_id
    account = db.session.get(User, user)
    account.password = hash_password(password)
    row.used_at = utcnow()
    throttle.clear_account(user)
    sessions.end_all(user)
    enqueue_email(account.email, N_("Password E-PTSP Anda telah diubah"),
                  "mail/password_changed.txt",
                  name=account.first_name)
    db.session.commit()
