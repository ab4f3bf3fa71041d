"""Forgot password as in the manual: identity + phone + email must all match, then a PIN."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

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


def _live(token: str, now) -> tuple:
    return (PasswordReset.token == (token or ""), PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now)


def live_reset(token: str) -> PasswordReset | None:
    max_tries = current_app.config["RESET_PIN_MAX_TRIES"]
    row = db.session.scalar(select(PasswordReset).where(*_live(token, utcnow())))
    return None if row is None or row.tries >= max_tries else row


def complete_reset(token: str, pin: str, password: str, confirm: str) -> None:
    """The new password's rules are checked first, without looking at the PIN, so fixing a
    weak password costs no try. Then the PIN is tried: every try is counted in the database
    before it is compared (codes.count_try), so two tabs or scripts guessing at once each
    count and RESET_PIN_MAX_TRIES holds; and the reset is used up by a conditional UPDATE,
    so one PIN changes the password once."""
    errors: dict[str, list[str]] = {}
    problems = passwords.password_problems(password or "")
    if problems:
        errors["password"] = problems
    if password != confirm:
        errors["password_confirm"] = [MSG_PASSWORD_CONFIRM]
    if errors:
        if live_reset(token) is None:
            raise DomainError(BAD_PIN, field="pin")
        raise ValidationFailed(errors, message=MSG_PASSWORD_RULES)
    now = utcnow()
    tried = codes.count_try(PasswordReset.tries, current_app.config["RESET_PIN_MAX_TRIES"],
                            _live(token, now), (PasswordReset.id, PasswordReset.pin_hash,
                                                PasswordReset.user_id))
    if not tried or not codes.matches(pin or "", tried[0].pin_hash, PURPOSE):
        raise DomainError(BAD_PIN, field="pin")
    row_id, _hash, user = tried[0]
    if not codes.use_once(PasswordReset.used_at, row_id, now):
        # a parallel request with the same PIN changed the password first
        db.session.rollback()
        raise DomainError(BAD_PIN, field="pin")
    account = db.session.get(User, user)
    account.password = hash_password(password)
    throttle.clear_account(user)
    sessions.end_all(user)
    enqueue_email(account.email, N_("Password E-PTSP Anda telah diubah"),
                  "mail/password_changed.txt",
                  name=account.first_name)
    db.session.commit()


def purge_spent(before) -> int:
    """Deletes the resets that expired before `before`: used or not, no PIN of theirs is
    accepted any more (_live). The caller commits."""
    return db.session.execute(delete(PasswordReset).where(PasswordReset.expires_at < before)
                              ).rowcount or 0
