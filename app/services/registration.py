"""Applicant registration (Perorangan and Badan Usaha) with email verification codes.

The fields and their checks are the form definitions register_perorangan / register_badan_usaha
(app/forms/definitions), cleaned by the form engine like any permit form. This service adds
what a definition cannot hold: the password policy, the emailed code, the checks that need
the database (NIK, NPWP or e-mail already registered), and the record of the privacy notice's
acceptance (when, which version).

No enumeration (ASVS 2.2/3.x): neither "kirim kode" nor the registration itself says whether a
NIK, NPWP or e-mail address already has an account. "Kirim kode" answers the same for every
well-formed address; an address that has an account gets a notice instead of a code. A
registration whose identity is taken ends exactly like one that succeeds (same page, same
message); the owner of the existing account is told by e-mail, and so is the person who
registered (they proved the address with the code), without naming whose account it is.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from .. import forms, i18n, passwords
from ..extensions import db
from ..i18n import N_
from ..models import ApplicantProfile, User, utcnow
from ..notify import enqueue_email
from ..privacy import masking
from . import codes
from .errors import MSG_PASSWORD_CONFIRM, DomainError, RateLimited, ValidationFailed
from .users import applicant_role, email_taken, normalise_email

CODE_PURPOSE = "register"
WRONG_CODE = N_("Kode Email Yang Anda Inputkan Salah!")
# applicant kind -> its form definition (the kind decides which fields apply)
KIND_FORMS = {"perorangan": "register_perorangan", "badan_usaha": "register_badan_usaha"}
Errors = dict[str, list[str]]
# the definitions' required checkbox (fields.json privacy_consent): the form engine refuses a
# registration without it, with the definition's message
CONSENT_FIELD = "privacy_consent"


def send_email_code(email: str) -> None:
    """Mail a 6-digit code; at most three per address in the code's lifetime (codes.py). An
    address that already has an account gets a notice and no code, with the same answer on
    the page."""
    email, problem = normalise_email(email)
    if problem:
        raise DomainError(problem, field="email")
    # a row either way, so the per-address limit counts the same; for a registered address
    # nobody ever sees the code, so it can never be used
    try:
        code = codes.add_email_code(email, CODE_PURPOSE)
    except codes.TooManyCodes as exc:
        raise RateLimited(exc.message, field="email") from exc
    if email_taken(email):
        enqueue_email(email, N_("Permintaan kode pendaftaran E-PTSP"),
                      "mail/register_email_taken.txt")
    else:
        enqueue_email(email, N_("Kode Verifikasi Pendaftaran E-PTSP"), "mail/register_code.txt",
                      confidential=True, code=code, minutes=codes.email_code_minutes())
    db.session.commit()


def _consume_code(email: str, code: str) -> bool:
    return codes.consume_email_code(email, code, CODE_PURPOSE)


def already_registered(kind: str, clean: dict) -> dict[str, User]:
    """The one place that asks the database whether an identity is taken: the NIK of a
    Perorangan, the NPWP a Badan Usaha logs in with, and the e-mail address. Returns what is
    taken (field -> the account holding it); never shown to the person registering."""
    taken: dict[str, User] = {}
    if kind == "perorangan" and clean.get("nik"):
        owner = db.session.scalar(select(User).join(ApplicantProfile,
                                                    ApplicantProfile.user_id == User.id)
                                  .where(ApplicantProfile.nik == clean["nik"]))
        if owner is not None:
            taken["nik"] = owner
    if kind == "badan_usaha" and clean.get("npwp"):
        owner = db.session.scalar(select(User).where(User.username == clean["npwp"]))
        if owner is not None:
            taken["npwp"] = owner
    email, _problem = normalise_email(clean.get("email"))
    if email:
        owner = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if owner is not None:
            taken["email"] = owner
    return taken


def _tell_about_taken(clean: dict, taken: dict[str, User]) -> None:
    """Each existing account's owner learns that someone tried to register with their
    identity; the person registering learns that the account could not be made."""
    labels = {"nik": "NIK", "npwp": "NPWP", "email": N_("alamat email")}
    owners: dict[int, tuple[User, list[tuple[str, str]]]] = {}
    for field, owner in taken.items():
        shown = masking.mask_identity(clean[field]) if field in ("nik", "npwp") else owner.email
        owners.setdefault(owner.id, (owner, []))[1].append((labels[field], shown))
    for owner, what in owners.values():
        enqueue_email(owner.email, N_("Percobaan pendaftaran dengan data akun E-PTSP Anda"),
                      "mail/register_attempt_owner.txt", name=owner.first_name,
                      what=i18n.PerLanguage({lang: ", ".join(
                          f"{i18n.translated(label, lang)} {shown}" for label, shown in what)
                          for lang in current_app.config["LANGUAGES"]}))
    if clean["email"] not in {owner.email.lower() for owner, _what in owners.values()}:
        enqueue_email(clean["email"], N_("Pendaftaran akun E-PTSP tidak dapat diselesaikan"),
                      "mail/register_refused.txt")


def validate_registration(data: dict) -> tuple[dict, Errors]:
    """Checks every field and returns (clean values, errors) — never stops at the first."""
    kind = data.get("kind")
    if kind not in KIND_FORMS:
        return {}, {"kind": [N_("Jenis pemohon tidak valid")]}
    name = KIND_FORMS[kind]
    clean, errors = forms.clean(name, data)
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
        errors["password_confirm"] = [MSG_PASSWORD_CONFIRM]
    return clean, errors


def register_applicant(data: dict) -> User | None:
    """Create the account (returned), or raise ValidationFailed and change nothing. When the
    NIK, NPWP or e-mail already has an account, nothing is created, the owners are told by
    e-mail, and None is returned: the caller answers exactly as for a new account."""
    clean, errors = validate_registration(data)
    if not errors:
        try:
            if not _consume_code(clean["email"], (data.get("email_code") or "").strip()):
                errors["email_code"] = [WRONG_CODE]
        except codes.CodeVoid as exc:
            errors["email_code"] = [exc.message]
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors)
    taken = already_registered(clean["kind"], clean)
    if taken:
        _tell_about_taken(clean, taken)
        db.session.commit()  # the code stays used
        return None
    try:
        user = _create(clean, data["password"])
        db.session.commit()
    except IntegrityError:  # a concurrent registration took the NIK/NPWP/email
        db.session.rollback()
        _tell_about_taken(clean, already_registered(clean["kind"], clean))
        db.session.commit()
        return None
    return user


def _create(clean: dict, password: str) -> User:
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
            password, method=current_app.config["FAB_PASSWORD_HASH_METHOD"]
        ),
        active=True,
    )
    user.roles = [applicant_role()]
    db.session.add(user)
    db.session.flush()
    fields = {k: v for k, v in clean.items() if k not in ("email", CONSENT_FIELD)}
    # the page's language at registration is the first language of the person's e-mails
    db.session.add(ApplicantProfile(user_id=user.id, **fields, **_consent(clean),
                                    language=i18n.choose()))
    enqueue_email(clean["email"], N_("Selamat datang di E-PTSP"), "mail/welcome.txt",
                  name=display, login_id=masking.mask_identity(login_id),
                  id_label="NIK" if clean["kind"] == "perorangan" else "NPWP")
    return user


def _consent(clean: dict) -> dict:
    """What the account records of the ticked privacy notice (UU PDP: the controller must be
    able to show the consent): the moment and the notice's version then in force. Only this
    path records it; accounts made any other way keep it empty rather than presume it."""
    if clean.get(CONSENT_FIELD) is not True:
        return {}
    return {"privacy_consent_at": utcnow(), "privacy_notice_version": notice_version()}


def notice_version() -> str:
    """The privacy notice's version in force (configuration, changed with the notice's text):
    the one the registration page shows and the one its consent records."""
    return current_app.config["PRIVACY_NOTICE_VERSION"]

