"""Finding accounts by what people type: NIK, NPWP, NIB or email."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, or_, select

from ..extensions import db
from ..models import ApplicantProfile, StaffProfile, User
from ..security.roles import APPLICANT_ROLE


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


def email_taken(email: str) -> bool:
    return db.session.scalar(
        select(func.count(User.id)).where(func.lower(User.email) == email.strip().lower())
    ) > 0


def applicant_role():
    return current_app.appbuilder.sm.find_role(APPLICANT_ROLE)


def profile_of(user) -> ApplicantProfile | None:
    return db.session.scalar(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id))


def staff_profile_of(user) -> StaffProfile | None:
    return db.session.scalar(select(StaffProfile).where(StaffProfile.user_id == user.id))
