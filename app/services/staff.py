"""Staff login's second factor (TOTP): enrolment by QR, checking a code, and who counts as
staff. Creating and changing staff accounts is `services.user_admin`."""

from __future__ import annotations

import time

import pyotp
import segno
from flask import current_app
from sqlalchemy import select

from .. import forms
from ..extensions import db
from ..i18n import N_
from ..models import StaffProfile, utcnow
from ..security import throttle
from ..security.roles import APPLICANT_ROLE
from .errors import DomainError, ValidationFailed

PREFERENCES_FORM = "staff_preferences"  # what staff choose for their own account
# the same choices as an administrator sets them on the account's screens (Pengguna): the
# fields of PREFERENCES_FORM, checked by it (checked_preferences), with help texts that speak
# of the account rather than to "you" (tests/unit/test_account_forms.py keeps them equal)
ACCOUNT_FORM = "staff_account"
WRONG_TOTP = N_("Kode autentikator salah atau sudah dipakai.")
MSG_TOTP_WAIT = N_("Terlalu banyak kode autentikator yang salah. Coba lagi dalam {wait} "
                   "{unit}.")


def is_staff(user) -> bool:
    """A user with any role but Pemohon. One created on FAB's user screen has no staff
    profile yet; it gets one in the office's own agency (changed with `users set-agency`)."""
    if user is None or not user.roles or any(r.name == APPLICANT_ROLE for r in user.roles):
        return False
    if db.session.scalar(select(StaffProfile.id).where(StaffProfile.user_id == user.id)) is None:
        db.session.add(StaffProfile(user_id=user.id,
                                    agency_code=current_app.config["OFFICE_AGENCY"]))
        db.session.commit()
    return True


def enrolment_secret(profile: StaffProfile) -> str:
    """A pending secret is kept until confirmed, so reloading the page shows the same QR."""
    if not profile.totp_secret:
        profile.totp_secret = pyotp.random_base32()
        db.session.commit()
    return profile.totp_secret


def provisioning_uri(user, profile: StaffProfile) -> str:
    return pyotp.TOTP(enrolment_secret(profile)).provisioning_uri(
        name=user.email, issuer_name=current_app.config["TOTP_ISSUER"]
    )


def qr_svg(uri: str) -> str:
    return segno.make(uri, error="m").svg_inline(scale=5)


def verify_totp(profile: StaffProfile, code: str) -> None:
    """Accepts the current 30-second step (±1); a step once used cannot be replayed. After a
    few wrong codes the account waits longer and longer before the next code is looked at
    (per account, whatever the address: only someone with the password gets here)."""
    policy, key = throttle.totp_policy(), f"user:{profile.user_id}"
    wait = throttle.wait_seconds(policy, key)
    if wait:
        amount, unit = throttle.wait_parts(wait)
        raise DomainError(MSG_TOTP_WAIT.format(wait=amount, unit=unit), field="code")
    code = (code or "").strip().replace(" ", "")
    if profile.totp_secret:
        totp = pyotp.TOTP(profile.totp_secret)
        now_step = int(time.time()) // 30
        for offset in (0, -1, 1):
            step = now_step + offset
            if totp.at(step * 30) == code and step > (profile.totp_last_step or -1):
                profile.totp_last_step = step
                if profile.totp_confirmed_at is None:
                    profile.totp_confirmed_at = utcnow()
                throttle.succeeded(policy, key)
                db.session.commit()
                return
    throttle.failed(policy, key, user_id=profile.user_id)
    from . import audit

    audit.record("login.totp_failed", "Kode autentikator salah pada login staf",
                 subject=profile.user.email or "", user=profile.user)
    db.session.commit()
    raise DomainError(WRONG_TOTP, field="code")


def checked_preferences(data: dict) -> dict:
    """A staff account's choices (its language) from what was typed, checked through the same
    field definitions as an applicant's Preferensi: one list of languages, one rule. Raises
    ValidationFailed (every error on its field) before anything changes."""
    clean, errors = forms.clean(PREFERENCES_FORM, data)
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors, message=N_("Data belum lengkap atau tidak valid"))
    return forms.values(PREFERENCES_FORM, clean)


def preferences_of(profile: StaffProfile) -> dict:
    """The account's choices as its forms show them (the Preferensi page, the account's
    screen in Pengguna)."""
    return {field: getattr(profile, field) for field in forms.keys(PREFERENCES_FORM)}


def save_preferences(profile: StaffProfile, data: dict) -> None:
    """A staff member's own choices (their Preferensi page); an administrator sets them
    with the rest of the account (user_admin.update_staff)."""
    for field, value in checked_preferences(data).items():
        setattr(profile, field, value)
    db.session.commit()
