"""Personal API tokens: made, listed, revoked and checked here for the REST API, the account
page and the CLI alike.

A token is 32 random bytes (url-safe text) behind a recognisable prefix. Only its SHA-256 is
stored, so the text is shown once, when it is made. A token acts as its owner, with the
owner's roles and agency and nothing more; it can expire and be revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update

from ..extensions import db
from ..i18n import N_
from ..models import ApiToken, User, utcnow
from . import audit
from .errors import DomainError

MSG_NOT_FOUND = N_("Token tidak ditemukan.")
MSG_NAME_TOO_LONG = N_("Nama token paling panjang {limit} karakter.")
MSG_DAYS_RANGE = N_("Masa berlaku antara 1 dan {limit} hari.")
MSG_TOO_MANY = N_("Paling banyak {limit} token aktif per akun. Cabut token yang tidak dipakai "
                  "lagi terlebih dahulu.")
PREFIX = "eptsp_"
MAX_NAME = 100
MAX_DAYS = 365
MAX_ACTIVE = 10  # per account: enough for a few integrations, not a drawer full of keys
TOUCH_EVERY = timedelta(minutes=5)  # last_used_at is written at most this often
MAX_TOKEN_LENGTH = 200  # longer header values are not ours; refuse them without hashing


class TokenNotFound(DomainError):
    pass


@dataclass(frozen=True)
class Created:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def status(token: ApiToken, now: datetime | None = None) -> str:
    """aktif | kedaluwarsa | dicabut"""
    now = now or utcnow()
    if token.revoked_at is not None:
        return "dicabut"
    if token.expires_at is not None and token.expires_at <= now:
        return "kedaluwarsa"
    return "aktif"


def _active_filter(now: datetime):
    return (ApiToken.revoked_at.is_(None),
            (ApiToken.expires_at.is_(None)) | (ApiToken.expires_at > now))


def clean_name(name: str | None) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise DomainError(N_("Nama token wajib diisi (mis. nama aplikasi yang memakainya)."),
                          field="name")
    if len(text) > MAX_NAME:
        raise DomainError(MSG_NAME_TOO_LONG.format(limit=MAX_NAME), field="name")
    return text


def clean_days(days) -> int | None:
    """None or 0 = no expiry; otherwise 1..MAX_DAYS."""
    if days in (None, "", 0, "0"):
        return None
    try:
        value = int(days)
    except (TypeError, ValueError):
        raise DomainError(N_("Masa berlaku harus berupa jumlah hari."), field="days") from None
    if not 1 <= value <= MAX_DAYS:
        raise DomainError(MSG_DAYS_RANGE.format(limit=MAX_DAYS), field="days")
    return value


def create(user, name: str | None, days=None) -> Created:
    """Validates, stores the hash and commits; the caller shows `secret` once."""
    name = clean_name(name)
    days = clean_days(days)
    now = utcnow()
    active = db.session.scalar(select(func.count(ApiToken.id)).where(
        ApiToken.user_id == user.id, *_active_filter(now))) or 0
    if active >= MAX_ACTIVE:
        raise DomainError(MSG_TOO_MANY.format(limit=MAX_ACTIVE))
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret), created_at=now,
                     expires_at=now + timedelta(days=days) if days else None)
    db.session.add(token)
    audit.record("token.created", f"Token API '{name}' dibuat untuk {user.email}"
                 + (f", berlaku {days} hari" if days else ", tanpa batas waktu"),
                 subject=user.email or "")
    db.session.commit()
    return Created(token, secret)


def list_for(user_id: int) -> list[ApiToken]:
    """Every token of the account, newest first (revoked and expired ones included)."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke(user_id: int, token_id) -> ApiToken:
    """Another account's token and a missing one look the same."""
    try:
        token_id = int(token_id)
    except (TypeError, ValueError):
        raise TokenNotFound(MSG_NOT_FOUND) from None
    token = db.session.scalar(select(ApiToken).where(ApiToken.id == token_id,
                                                     ApiToken.user_id == user_id))
    if token is None:
        raise TokenNotFound(MSG_NOT_FOUND)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        owner = db.session.get(User, user_id)
        audit.record("token.revoked", f"Token API '{token.name}' milik {owner.email} dicabut",
                     subject=owner.email or "")
        db.session.commit()
    return token


def revoke_named(user_id: int, name: str | None = None) -> int:
    """Revoke the account's live tokens of that name (all of them when name is None)."""
    conditions = [ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None)]
    if name is not None:
        conditions.append(ApiToken.name == clean_name(name))
    result = db.session.execute(update(ApiToken).where(*conditions).values(revoked_at=utcnow()))
    if result.rowcount:
        owner = db.session.get(User, user_id)
        which = f"'{clean_name(name)}'" if name is not None else "semua"
        audit.record("token.revoked", f"Token API {which} milik {owner.email} dicabut "
                     f"({result.rowcount} token)", subject=owner.email or "")
    db.session.commit()
    return result.rowcount


def purge_spent(before: datetime) -> int:
    """Deletes the tokens revoked or expired before `before` (security/housekeeping): they
    can never act again, and the owner's list shows them only while they are recent. The
    audit log keeps each one's making and revoking; the caller commits."""
    return db.session.execute(delete(ApiToken).where(or_(
        ApiToken.revoked_at < before, ApiToken.expires_at < before))).rowcount or 0


def authenticate(secret: str | None) -> User | None:
    """The active owner of a live token, or None. Touches last_used_at sparingly."""
    secret = (secret or "").strip()
    if not secret or len(secret) > MAX_TOKEN_LENGTH:
        return None
    now = utcnow()
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or status(token, now) != "aktif":
        return None
    user = db.session.get(User, token.user_id)
    if user is None or not user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        db.session.execute(update(ApiToken).where(ApiToken.id == token.id)
                           .values(last_used_at=now))
        db.session.commit()
    return user


def find_user(email: str) -> User | None:
    email = (email or "").strip().lower()
    if not email:
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == email))
