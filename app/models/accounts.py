"""Who people are: applicant and staff profiles beside FAB's `ab_user` login record."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, utcnow

APPLICANT_KINDS = ("perorangan", "badan_usaha")


def full_name(user) -> str:
    """First and last name as one: FAB keeps them apart, most accounts here fill the first
    only, and every screen, e-mail and record names a person this way. Empty when neither
    is set (the callers' fallback is never the login name: an applicant's is their
    NIK/NPWP)."""
    return " ".join(part for part in (user.first_name, user.last_name) if part).strip()


def display_name(user) -> str:
    """A person where someone must be named: their name, else their e-mail, else their id."""
    return full_name(user) or user.email or f"#{user.id}"


class ApplicantProfile(Model):
    """Pemohon data. The login identity (NIK or NPWP) is ab_user.username; it is repeated here
    so identity searches need no join and a unique index guards against a double account."""

    __tablename__ = "applicant_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    nik: Mapped[str | None] = mapped_column(String(16), unique=True)
    npwp: Mapped[str | None] = mapped_column(String(16), index=True)
    nib: Mapped[str | None] = mapped_column(String(13))
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    education: Mapped[str | None] = mapped_column(String(32))
    occupation: Mapped[str | None] = mapped_column(String(100))
    company_name: Mapped[str | None] = mapped_column(String(200))
    pic_name: Mapped[str | None] = mapped_column(String(200))
    pic_nik: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    province_code: Mapped[str | None] = mapped_column(String(2))
    regency_code: Mapped[str | None] = mapped_column(String(5))
    district_code: Mapped[str | None] = mapped_column(String(8))
    village_code: Mapped[str | None] = mapped_column(String(13))
    phone: Mapped[str] = mapped_column(String(20), nullable=False)
    postal_code: Mapped[str | None] = mapped_column(String(5))
    photo_key: Mapped[str | None] = mapped_column(String(200))
    # consent to the privacy notice (UU PDP 27/2022 art. 20-22): when the person ticked it at
    # registration and which text it was (PRIVACY_NOTICE_VERSION then). Empty for accounts
    # made otherwise (demo seed, staff): no consent is ever presumed
    privacy_consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    privacy_notice_version: Mapped[str | None] = mapped_column(String(40))
    # the account's language ("id" or "en"): the page language they registered in, changed on
    # the profile (Preferensi). Every e-mail to their address is written in it
    # (app/notify/outbox.py) and the site turns to it when they log in (app/account_language.py)
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="id",
                                          server_default="id")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )

    user = relationship("User", foreign_keys=[user_id])

    @property
    def identity(self) -> str:
        return self.nik or self.npwp or ""

    @property
    def display_name(self) -> str:
        return self.company_name or self.name


class StaffProfile(Model):
    """Staff carry an agency scope and a TOTP secret; the secret is only confirmed once the
    person has proved they can produce codes from it."""

    __tablename__ = "staff_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    agency_code: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # set when an administrator gave the person a password (a new account, a forced reset):
    # after login they choose their own before any console screen opens
    must_change_password: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                                       server_default=false())
    # the account's language, as ApplicantProfile.language (e-mails, the site after login);
    # chosen on the console's Preferensi page
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="id",
                                          server_default="id")

    user = relationship("User", foreign_keys=[user_id])
