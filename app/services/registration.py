"""Applicant registration (Perorangan and Badan Usaha) with email verification codes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from .. import identity, passwords, regions
from ..extensions import db
from ..models import ApplicantProfile, EmailCode, User, utcnow
from ..notify import enqueue_email
from . import codes
from .errors import DomainError, RateLimited, ValidationFailed
from .users import applicant_role, digits, email_taken

CODE_PURPOSE = "register"
WRONG_CODE = "Kode Email Yang Anda Inputkan Salah!"
EMAIL_CODES_PER_WINDOW = 3
GENDERS = {"L": "Laki-laki", "P": "Perempuan"}
EDUCATION_LEVELS = ["SD", "SMP", "SMA/SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3",
                    "Tidak Sekolah"]


def normalise_email(value: str | None) -> tuple[str | None, str | None]:
    """Returns (normalised email, error message)."""
    value = (value or "").strip()
    if not value:
        return None, "Email wajib diisi"
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return None, "Format email tidak valid"
    return result.normalized.lower(), None


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


def _parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime((value or "").strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


def check_region(data: dict, errors: dict[str, list[str]]) -> None:
    """Each level must exist and sit inside the level above it."""
    chain = [("province_code", "Provinsi"), ("regency_code", "Kab/Kota"),
             ("district_code", "Kecamatan"), ("village_code", "Kelurahan/Desa")]
    parent = None
    for field, label in chain:
        code = (data.get(field) or "").strip()
        if not code:
            errors.setdefault(field, []).append(f"{label} wajib dipilih")
            return
        region = regions.get(code)
        if region is None or (parent is not None and region.parent != parent):
            errors.setdefault(field, []).append(f"{label} tidak valid")
            return
        parent = code


def _require(data: dict, errors: dict, field: str, label: str) -> str:
    value = (data.get(field) or "").strip()
    if not value:
        errors.setdefault(field, []).append(f"{label} wajib diisi")
    return value


def validate_registration(data: dict) -> tuple[dict, dict[str, list[str]]]:
    """Checks every field and returns (clean values, errors) — never stops at the first."""
    errors: dict[str, list[str]] = {}
    kind = data.get("kind")
    if kind not in ("perorangan", "badan_usaha"):
        errors["kind"] = ["Jenis pemohon tidak valid"]
        return {}, errors
    clean: dict = {"kind": kind}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if kind == "perorangan":
        nik = (data.get("nik") or "").strip()
        problem = identity.check_nik(nik, regions.province_exists)
        if problem:
            add("nik", problem)
        elif db.session.scalar(select(func.count()).where(ApplicantProfile.nik == nik)):
            add("nik", f"NIK {nik} sudah terdaftar di database kami")
        clean["nik"] = nik
        npwp = identity.normalise_npwp(data.get("npwp") or "")
        if npwp:
            problem = identity.check_npwp(npwp)
            if problem:
                add("npwp", problem)
        clean["npwp"] = npwp or None
        clean["name"] = _require(data, errors, "name", "Nama")
        gender = data.get("gender")
        if gender not in GENDERS:
            add("gender", "Jenis Kelamin wajib dipilih")
        clean["gender"] = gender
        birth = _parse_date(data.get("birth_date"))
        if birth is None:
            add("birth_date", "Tanggal Lahir wajib diisi dengan format yang benar")
        elif birth > date.today():
            add("birth_date", "Tanggal Lahir tidak boleh di masa depan")
        clean["birth_date"] = birth
        education = data.get("education")
        if education not in EDUCATION_LEVELS:
            add("education", "Jenjang Pendidikan wajib dipilih")
        clean["education"] = education
    else:
        npwp = identity.normalise_npwp(data.get("npwp") or "")
        problem = identity.check_npwp(npwp)
        if problem:
            add("npwp", problem)
        elif db.session.scalar(select(func.count()).where(User.username == npwp)):
            add("npwp", f"NPWP {npwp} sudah terdaftar di database kami")
        clean["npwp"] = npwp
        nib = digits(data.get("nib"))
        if nib:
            problem = identity.check_nib(nib)
            if problem:
                add("nib", problem)
        clean["nib"] = nib or None
        clean["company_name"] = _require(data, errors, "company_name", "Nama Perusahaan")
        clean["pic_name"] = _require(data, errors, "pic_name", "Nama Penanggung Jawab")
        clean["name"] = clean["pic_name"]
        pic_nik = (data.get("pic_nik") or "").strip()
        problem = identity.check_nik(pic_nik, regions.province_exists)
        if problem:
            add("pic_nik", problem)
        clean["pic_nik"] = pic_nik

    clean["address"] = _require(data, errors, "address", "Alamat")
    check_region(data, errors)
    for field in ("province_code", "regency_code", "district_code", "village_code"):
        clean[field] = (data.get(field) or "").strip() or None
    phone = data.get("phone") or ""
    problem = identity.check_phone(phone)
    if problem:
        add("phone", problem)
    else:
        clean["phone"] = identity.normalise_phone(phone)
    postal = (data.get("postal_code") or "").strip()
    problem = identity.check_postal_code(postal)
    if problem:
        add("postal_code", problem)
    clean["postal_code"] = postal
    email, problem = normalise_email(data.get("email"))
    if problem:
        add("email", problem)
    elif email_taken(email):
        add("email", f"Email {email} sudah terdaftar di database kami")
    clean["email"] = email
    password = data.get("password") or ""
    hints = [v for v in (clean.get("nik"), clean.get("npwp"), (email or "").split("@")[0]) if v]
    for problem in passwords.password_problems(password, user_inputs=hints):
        add("password", problem)
    if data.get("password_confirm") is not None and data.get("password_confirm") != password:
        add("password_confirm", "Konfirmasi password tidak sama")
    return clean, errors


def register_applicant(data: dict) -> User:
    """Create the account, or raise ValidationFailed and change nothing."""
    clean, errors = validate_registration(data)
    if not errors and not _consume_code(clean["email"], (data.get("email_code") or "").strip()):
        errors["email_code"] = [WRONG_CODE]
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors)
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
