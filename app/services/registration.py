"""Applicant registration (Perorangan and Badan Usaha) with email verification codes.

The fields and their checks are the form definitions register_perorangan / register_badan_usaha
(app/forms/definitions), cleaned by the form engine like any permit form. This service adds
what a definition cannot hold: the password policy, the emailed code, and the checks that need
the database (NIK, NPWP or e-mail already registered), run from the same cleaning step.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from .. import forms, passwords
from ..extensions import db
from ..models import ApplicantProfile, EmailCode, User, utcnow
from ..notify import enqueue_email
from . import codes
from .errors import DomainError, RateLimited, ValidationFailed
from .users import applicant_role, email_taken, normalise_email

CODE_PURPOSE = "register"
WRONG_CODE = "Kode Email Yang Anda Inputkan Salah!"
EMAIL_CODES_PER_WINDOW = 3
# applicant kind -> its form definition (the kind decides which fields apply)
KIND_FORMS = {"perorangan": "register_perorangan", "badan_usaha": "register_badan_usaha"}
Errors = dict[str, list[str]]


def send_email_code(email: str) -> None:
    """Mail a 6-digit code; at most three per address in the code's lifetime."""
    email, problem = normalise_email(email)
    if problem:
        raise DomainError(problem, field="email")
    if email_taken(email):
        raise DomainError(f"Email {email} sudah terdaftar di database kami", field="email")
    minutes = current_app.config["EMAIL_CODE_MINUTES"]
    since = utcnow() - timedelta(minutes=minutes)
    recent = db.session.scalar(
        select(func.count(EmailCode.id)).where(EmailCode.email == email,
                                               EmailCode.created_at >= since)
    )
    if recent >= EMAIL_CODES_PER_WINDOW:
        raise RateLimited(
            f"Kode sudah dikirim {recent} kali. Tunggu {minutes} menit sebelum meminta lagi.",
            field="email",
        )
    code = codes.new_code()
    db.session.add(EmailCode(email=email, code_hash=codes.hash_code(code, CODE_PURPOSE),
                             expires_at=utcnow() + timedelta(minutes=minutes)))
    enqueue_email(email, "Kode Verifikasi Pendaftaran E-PTSP", "mail/register_code.txt",
                  confidential=True,
                  code=code, minutes=minutes)
    db.session.commit()


def _consume_code(email: str, code: str) -> bool:
    now = utcnow()
    candidates = db.session.scalars(
        select(EmailCode).where(EmailCode.email == email, EmailCode.used_at.is_(None),
                                EmailCode.expires_at > now)
    ).all()
    for row in candidates:
        if codes.matches(code or "", row.code_hash, CODE_PURPOSE):
            row.used_at = now
            return True
    return False


def already_registered(kind: str, clean: dict) -> Errors:
    """The one place that asks the database whether an identity is taken: the NIK of a
    Perorangan, the NPWP a Badan Usaha logs in with, and the e-mail address."""
    errors: Errors = {}
    if kind == "perorangan" and clean.get("nik"):
        nik = clean["nik"]
        if db.session.scalar(select(func.count()).where(ApplicantProfile.nik == nik)):
            errors["nik"] = [f"NIK {nik} sudah terdaftar di database kami"]
    if kind == "badan_usaha" and clean.get("npwp"):
        npwp = clean["npwp"]
        if db.session.scalar(select(func.count()).where(User.username == npwp)):
            errors["npwp"] = [f"NPWP {npwp} sudah terdaftar di database kami"]
    email, _problem = normalise_email(clean.get("email"))
    if email and email_taken(email):
        errors["email"] = [f"Email {email} sudah terdaftar di database kami"]
    return errors


def validate_registration(data: dict) -> tuple[dict, Errors]:
    """Checks every field and returns (clean values, errors) — never stops at the first."""
    kind = data.get("kind")
    if kind not in KIND_FORMS:
        return {}, {"kind": ["Jenis pemohon tidak valid"]}
    name = KIND_FORMS[kind]
    clean, errors = forms.clean(name, data, also=lambda c: already_registered(kind, c))
    clean = {"kind": kind, **forms.values(name, clean)}
    if clean.get("email"):
        clean["email"] = normalise_email(clean["email"])[0]
    password = data.get("password") or ""
    hints = [v for v in (clean.get("nik"), clean.get("npwp"),
                         (clean.get("email") or "").split("@")[0]) if v]
    problems = passwords.password_problems(password, user_inputs=hints)
    if problems:
        errors["password"] = problems
    if data.get("password_confirm") is not None and data.get("password_confirm") != password:
        errors["password_confirm"] = ["Konfirmasi password tidak sama"]
    return clean, errors


def register_applicant(data: dict) -> User:
    """Create the account, or raise ValidationFailed and change nothing."""
    clean, errors = validate_registration(data)
    if not errors and not _consume_code(clean["email"], (data.get("email_code") or "").strip()):
        errors["email_code"] = [WRONG_CODE]
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors)
    if clean["kind"] == "badan_usaha":
        clean["name"] = clean["pic_name"]
    login_id = clean["nik"] if clean["kind"] == "perorangan" else clean["npwp"]
    display = clean.get("company_name") or clean["name"]
    user = User(
        first_name=display[:64],
        last_name="",
        username=login_id,
        email=clean["email"],
        password=generate_password_hash(
            data["password"], method=current_app.config["FAB_PASSWORD_HASH_METHOD"]
        ),
        active=True,
    )
    user.roles = [applicant_role()]
    db.session.add(user)
    db.session.flush()
    fields = {k: v for k, v in clean.items() if k not in ("email",)}
    db.session.add(ApplicantProfile(user_id=user.id, **fields))
    enqueue_email(clean["email"], "Selamat datang di E-PTSP", "mail/welcome.txt",
                  name=display, login_id=login_id)
    try:
        db.session.commit()
    except IntegrityError as exc:  # a concurrent registration took the NIK/NPWP/email
        db.session.rollback()
        raise ValidationFailed({"__all__": ["Proses Pendaftaran Gagal"]}) from exc
    return user
