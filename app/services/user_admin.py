"""Managing people's accounts: the console's Pengguna and Pemohon screens and `flask users`
call this module and nothing else for it (the staff list's filters and pages:
services.staff_list).

Flask-AppBuilder stays the identity engine underneath (its User and Role rows, its security
manager finds roles); staff carry a StaffProfile with their agency (Instansi, one of the
current catalogue's agencies) and TOTP. Passwords follow the applicants' policy
(`app.passwords.password_problems`). Deactivating an account, resetting its authenticator or
forcing a new password ends its sessions and API tokens at once (`sessions.end_all`); every
change is written to the office-wide audit log in the same transaction.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Mapping, Sequence

from flask import current_app
from sqlalchemy import func, or_, select

from .. import i18n, passwords
from ..extensions import db
from ..i18n import N_
from ..models import ApplicantProfile, Role, StaffProfile, User
from ..security import sessions
from ..security.roles import APPLICANT_ROLE
from . import audit, catalogue_store, staff
from .auth import hash_password
from .errors import MSG_PASSWORD_CONFIRM, MSG_PASSWORD_RULES, DomainError, ValidationFailed
from .pagination import Page, paginate_rows
from .registration import normalise_email
from .users import digits, staff_profile_of

MSG_ACCOUNT_NOT_FOUND = N_("Akun tidak ditemukan.")
MSG_STAFF_NOT_FOUND = N_("Akun staf tidak ditemukan.")
MSG_EMAIL_TAKEN = N_("Email {email} sudah terdaftar di database kami")
MSG_NOT_CREATED = N_("Akun staf belum dibuat: pesan kesalahan tertulis di bawah isian yang perlu "
                     "diperbaiki.")
MSG_NO_ROLE = N_("Pilih minimal satu peran staf yang dikenal.")
MSG_UNKNOWN_ROLES = N_("Pilih minimal satu peran staf yang dikenal (tidak dikenal: {roles}).")
MSG_OWN_ADMIN = N_("Anda tidak dapat melepas peran {role} dari akun Anda sendiri.")
MSG_NAME_LONG = N_("Nama paling panjang {limit} karakter (tertulis {length}).")
# a staff member's name is kept in first_name: its column decides how long a name may be
NAME_MAX = User.__table__.c.first_name.type.length
PER_PAGE = 25


class AccountNotFound(DomainError):
    pass


# choices ----------------------------------------------------------------------------------
def staff_roles() -> list[Role]:
    """Every role a staff member can hold (all but the applicants' and the anonymous one)."""
    hidden = {APPLICANT_ROLE, current_app.config["AUTH_ROLE_PUBLIC"]}
    return sorted((r for r in current_app.appbuilder.sm.get_all_roles()
                   if r.name not in hidden), key=lambda r: r.name)


def agency_choices() -> list[tuple[str, str]]:
    """(code, "CODE — name") of the current catalogue's agencies, named in the reader's
    language as the reports name them; the office alone before a catalogue is published."""
    cat = catalogue_store.current()
    if cat is None or not cat.agencies:
        office = current_app.config["OFFICE_AGENCY"]
        return [(office, office)]
    return [(a["code"], f"{a['code']} — {i18n.in_locale(a['name'])}") for a in cat.agencies]


def _clean_agency(agency: str) -> str:
    """One of the current catalogue's agencies (any code before a catalogue is published:
    there is nothing to check it against yet)."""
    code = (agency or "").strip().upper()
    cat = catalogue_store.current()
    known = {a["code"] for a in cat.agencies} if cat is not None else {code}
    if not code or code not in known:
        raise DomainError(N_("Pilih instansi dari katalog yang berlaku."), field="agency")
    return code


def _clean_roles(names: str | Sequence[str]) -> list[Role]:
    names = [names] if isinstance(names, str) else list(names)
    allowed = {r.name: r for r in staff_roles()}
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise DomainError(MSG_UNKNOWN_ROLES.format(roles=", ".join(unknown)) if unknown
                          else MSG_NO_ROLE, field="roles")
    return [allowed[n] for n in dict.fromkeys(names)]


# passwords --------------------------------------------------------------------------------
def generate_password(length: int = 14) -> str:
    """A random password that meets the policy (capital, small letter, digit, symbol)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        text = "".join(secrets.choice(alphabet) for _ in range(length - 1)) + "-"
        if not passwords.password_problems(text):
            return text


def _checked_password(password: str, email: str, field_name: str = "password") -> str:
    problems = passwords.password_problems(password, user_inputs=(email,))
    if problems:
        raise ValidationFailed({field_name: problems}, MSG_PASSWORD_RULES)
    return password


# staff ------------------------------------------------------------------------------------
def _clean_name(name: str | None) -> str:
    """The name as kept, refused rather than cut when it does not fit its column."""
    cleaned = (name or "").strip()
    if len(cleaned) > NAME_MAX:
        raise DomainError(MSG_NAME_LONG.format(limit=NAME_MAX, length=len(cleaned)),
                          field="name")
    return cleaned


def _collect(problems: dict[str, list[str]], field: str, check, value):
    """check(value), or None with its refusal added to `problems` under its field."""
    try:
        return check(value)
    except DomainError as exc:
        problems.setdefault(exc.field or field, []).append(exc.message)
        return None


def create_staff(email: str, role: str | Sequence[str], agency: str, name: str | None = None,
                 password: str | None = None, *, must_change: bool = False,
                 preferences: Mapping | None = None) -> tuple[User, str]:
    """A staff account; returns it and its first password (generated when none is given).
    `must_change`: the person chooses their own password right after their first login.
    `preferences`: the account's choices (its language), checked as on the staff member's
    own Preferensi page; without them the account keeps the defaults (Indonesian).
    Every refusal comes at once, each on its field (ValidationFailed), so a form is not sent
    back once per mistake."""
    problems: dict[str, list[str]] = {}
    email_norm, problem = normalise_email(email)
    if problem:
        problems["email"] = [problem]
    elif db.session.scalar(select(User.id).where(func.lower(User.email) == email_norm)):
        problems["email"] = [MSG_EMAIL_TAKEN.format(email=email_norm)]
    roles = _collect(problems, "roles", _clean_roles, role)
    name = _collect(problems, "name", _clean_name, name)
    agency = _collect(problems, "agency", _clean_agency, agency)
    chosen_prefs = _checked_preferences(problems, preferences)
    if password:
        rules = passwords.password_problems(password, user_inputs=(email_norm or email,))
        if rules:
            problems["password"] = rules
    if problems:
        raise ValidationFailed(problems, MSG_NOT_CREATED)
    password = password or generate_password()
    display = name or email_norm.split("@")[0]
    user = User(first_name=display, last_name="", username=email_norm, email=email_norm,
                password=hash_password(password), active=True)
    user.roles = roles
    db.session.add(user)
    db.session.flush()
    db.session.add(StaffProfile(user_id=user.id, agency_code=agency,
                                must_change_password=must_change, **chosen_prefs))
    audit.record("account.created", f"Akun staf {email_norm} dibuat: peran "
                 f"{', '.join(r.name for r in roles)}, instansi {agency}", subject=email_norm,
                 details={"roles": [r.name for r in roles], "agency": agency, **chosen_prefs})
    db.session.commit()
    return user, password


def _checked_preferences(problems: dict[str, list[str]], preferences: Mapping | None) -> dict:
    """staff.checked_preferences(preferences), or {} with its refusals added to `problems`
    (none asked: {}, the account's defaults)."""
    if preferences is None:
        return {}
    try:
        return staff.checked_preferences(dict(preferences))
    except ValidationFailed as exc:
        for field, messages in exc.errors.items():
            problems.setdefault(field, []).extend(messages)
        return {}


def get_staff(user_id) -> tuple[User, StaffProfile]:
    found = db.session.execute(
        select(User, StaffProfile).join(StaffProfile, StaffProfile.user_id == User.id)
        .where(User.id == _id(user_id))).first()
    if found is None:
        raise AccountNotFound(MSG_STAFF_NOT_FOUND)
    return found[0], found[1]


def update_staff(user: User, *, roles: Sequence[str] | None = None, agency: str | None = None,
                 name: str | None = None, preferences: Mapping | None = None,
                 by=None) -> None:
    """Changes roles, agency, name and the account's preferences (its language, checked as
    on the staff member's own Preferensi page); a Super Admin cannot take that role from
    themselves (someone must be able to manage accounts)."""
    profile = staff_profile(user)
    # refused before anything changes
    name = _clean_name(name) if name is not None else ""
    chosen_prefs = staff.checked_preferences(dict(preferences)) if preferences is not None \
        else {}
    before = {"roles": sorted(r.name for r in user.roles), "agency": profile.agency_code,
              "name": user.first_name, **{k: getattr(profile, k) for k in chosen_prefs}}
    if roles is not None:
        chosen = _clean_roles(roles)
        admin = current_app.config["AUTH_ROLE_ADMIN"]
        if by is not None and by.id == user.id and admin in before["roles"] and \
                admin not in {r.name for r in chosen}:
            raise DomainError(MSG_OWN_ADMIN.format(role=admin), field="roles")
        user.roles = chosen
    if agency is not None:
        profile.agency_code = _clean_agency(agency)
    if name:
        user.first_name, user.last_name = name, ""
    for field, value in chosen_prefs.items():
        setattr(profile, field, value)
    after = {"roles": sorted(r.name for r in user.roles), "agency": profile.agency_code,
             "name": user.first_name, **{k: getattr(profile, k) for k in chosen_prefs}}
    if after == before:
        return
    changed = [f"{k}: {_show(before[k])} → {_show(after[k])}" for k in after
               if after[k] != before[k]]
    audit.record("account.updated", f"Akun staf {user.email} diubah ({'; '.join(changed)})",
                 subject=user.email, details={"before": before, "after": after}, user=by)
    db.session.commit()


def _show(value) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def staff_profile(user: User) -> StaffProfile:
    profile = staff_profile_of(user)
    if profile is None:
        raise AccountNotFound(MSG_STAFF_NOT_FOUND)
    return profile


def set_agency(user: User, agency: str) -> None:
    update_staff(user, agency=agency)


def reset_totp(user: User, *, by=None) -> None:
    """The person enrols an authenticator again at their next login; their sessions end (a
    lost phone may be in someone's hands)."""
    profile = staff_profile(user)
    profile.totp_secret = None
    profile.totp_confirmed_at = None
    profile.totp_last_step = None
    sessions.end_all(user.id)
    audit.record("account.totp_reset", f"Autentikator {user.email} direset; sesi diakhiri",
                 subject=user.email, user=by)
    db.session.commit()


def force_password_reset(user: User, *, by=None) -> str:
    """A new one-time password (returned, shown once to the administrator); the person must
    choose their own after logging in with it. Sessions and API tokens end."""
    profile = staff_profile(user)
    password = generate_password()
    user.password = hash_password(password)
    profile.must_change_password = True
    sessions.end_all(user.id)
    audit.record("account.password_reset", f"Password {user.email} direset paksa; sesi dan "
                 "token API diakhiri", subject=user.email, user=by)
    db.session.commit()
    return password


def change_own_password(user: User, password: str, confirm: str,
                        current: str | None = None) -> None:
    """A staff member's own new password: required after an administrator gave them one;
    otherwise they prove they know the present one first."""
    if not must_change_password(user) and not passwords_equal(user, current or ""):
        raise ValidationFailed({"current": [N_("Password saat ini salah")]},
                               MSG_PASSWORD_RULES)
    if password != confirm:
        raise ValidationFailed({"password_confirm": [MSG_PASSWORD_CONFIRM]},
                               MSG_PASSWORD_RULES)
    _checked_password(password, user.email)
    if passwords_equal(user, password):
        raise ValidationFailed({"password": [N_("Gunakan password yang berbeda dari sebelumnya")]},
                               MSG_PASSWORD_RULES)
    user.password = hash_password(password)
    staff_profile(user).must_change_password = False
    audit.record("account.password_changed", f"Password {user.email} diganti oleh pemiliknya",
                 subject=user.email, user=user)
    db.session.commit()


def passwords_equal(user: User, password: str) -> bool:
    from werkzeug.security import check_password_hash

    return bool(user.password) and check_password_hash(user.password, password)


def must_change_password(user) -> bool:
    profile = staff_profile_of(user)
    return bool(profile is not None and profile.must_change_password)


# any account ------------------------------------------------------------------------------
def _id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise AccountNotFound(MSG_ACCOUNT_NOT_FOUND) from None


def _label(user: User) -> str:
    return user.email or audit.person_name(user)


def deactivate(user: User, *, by=None, reason: str = "") -> None:
    """The account can no longer log in; its sessions and API tokens end now."""
    if by is not None and by.id == user.id:
        raise DomainError(N_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if not user.active:
        return
    user.active = False
    sessions.end_all(user.id)
    reason = reason.strip()[:500]
    audit.record("account.deactivated", f"Akun {_label(user)} dinonaktifkan; sesi dan token "
                 "API diakhiri" + (f". Alasan: {reason}" if reason else ""),
                 subject=_label(user), user=by)
    db.session.commit()


def reactivate(user: User, *, by=None) -> None:
    if user.active:
        return
    user.active = True
    audit.record("account.reactivated", f"Akun {_label(user)} diaktifkan kembali",
                 subject=_label(user), user=by)
    db.session.commit()


def get_account(user_id) -> User:
    user = db.session.get(User, _id(user_id))
    if user is None:
        raise AccountNotFound(MSG_ACCOUNT_NOT_FOUND)
    return user


# applicants -------------------------------------------------------------------------------
def applicants_page(page: int, per_page: int = PER_PAGE) -> Page:
    """Applicants newest first; items are (User, ApplicantProfile)."""
    stmt = select(User, ApplicantProfile).join(ApplicantProfile,
                                               ApplicantProfile.user_id == User.id)
    return paginate_rows(stmt.order_by(ApplicantProfile.id.desc()), page, per_page)


def find_applicants(query: str, limit: int = 50) -> list[tuple[User, ApplicantProfile]]:
    """By NIK, NPWP or NIB (the whole number), or by e-mail (exact, any case); the caller
    posts the text so no identity number lands in an address or access log."""
    text = (query or "").strip()
    stmt = select(User, ApplicantProfile).join(ApplicantProfile,
                                               ApplicantProfile.user_id == User.id)
    if "@" in text:
        stmt = stmt.where(func.lower(User.email) == text.lower())
    elif len(digits(text)) >= 8:
        number = digits(text)
        stmt = stmt.where(or_(ApplicantProfile.nik == number, ApplicantProfile.npwp == number,
                              ApplicantProfile.nib == number))
    else:
        raise DomainError(N_("Masukkan NIK, NPWP atau NIB lengkap, atau alamat email."), field="q")
    return [(u, p) for u, p in db.session.execute(stmt.order_by(User.id).limit(limit))]


def get_applicant(user_id) -> tuple[User, ApplicantProfile]:
    found = db.session.execute(
        select(User, ApplicantProfile).join(ApplicantProfile,
                                            ApplicantProfile.user_id == User.id)
        .where(User.id == _id(user_id))).first()
    if found is None:
        raise AccountNotFound(N_("Akun pemohon tidak ditemukan."))
    return found[0], found[1]
