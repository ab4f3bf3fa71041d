"""Finding accounts by what people type: NIK, NPWP, NIB or email."""

from __future__ import annotations

from email_validator import validate_email
from flask import current_app, g, has_request_context
from sqlalchemy import func, or_, select

from forms_schema import email_problem

from ..extensions import db
from ..i18n import N_
from ..models import ApplicantProfile, StaffProfile, User
from ..security.roles import APPLICANT_ROLE

MSG_EMAIL_REQUIRED = N_("Email wajib diisi")


def digits(value: str | None) -> str:
    return "".join(ch for ch in (value or "") if ch.isdigit())


def find_applicant(identity: str) -> User | None:
    identity = (identity or "").strip()
    if not identity:
        return None
    if "@" in identity:
        query = select(ApplicantProfile).join(User, User.id == ApplicantProfile.user_id).where(
            func.lower(User.email) == identity.lower()
        )
    else:
        number = digits(identity)
        if not number:
            return None
        query = select(ApplicantProfile).where(
            or_(ApplicantProfile.nik == number, ApplicantProfile.npwp == number,
                ApplicantProfile.nib == number)
        )
    profiles = db.session.scalars(query.limit(2)).all()
    return profiles[0].user if len(profiles) == 1 else None


def find_staff(identity: str) -> User | None:
    identity = (identity or "").strip()
    if not identity:
        return None
    query = select(User).where(
        or_(func.lower(User.email) == identity.lower(), User.username == identity)
    )
    user = db.session.scalars(query).first()
    if user is None or profile_of(user) is not None:
        return None
    return user


def normalise_email(value: str | None) -> tuple[str | None, str | None]:
    """(the address as accounts store it, None) or (None, the message). The check is the form
    engine's e-mail rule; accounts then compare addresses lower-cased."""
    value = (value or "").strip()
    if not value:
        return None, MSG_EMAIL_REQUIRED
    problem = email_problem(value)
    if problem:
        return None, problem
    return validate_email(value, check_deliverability=False).normalized.lower(), None


def email_taken(email: str) -> bool:
    return db.session.scalar(
        select(func.count(User.id)).where(func.lower(User.email) == email.strip().lower())
    ) > 0


def applicant_role():
    return current_app.appbuilder.sm.find_role(APPLICANT_ROLE)


def profile_of(user) -> ApplicantProfile | None:
    return db.session.scalar(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id))


def staff_profile_of(user) -> StaffProfile | None:
    """The staff member's profile, read once per request: a console page asks for it several
    times (the forced password change before any screen, the agency the person acts for)."""
    memo = g.setdefault("staff_profiles", {}) if has_request_context() else {}
    found = memo.get(user.id)
    if found is None or found not in db.session:
        found = db.session.scalar(select(StaffProfile).where(StaffProfile.user_id == user.id))
        if found is not None:
            memo[user.id] = found
    return found
