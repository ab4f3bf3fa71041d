"""One-time numeric codes: random, and stored only as a keyed hash.

Codes mailed to an address (registration, a visitor's complaint contact) share the email_code
table and its limit: at most EMAIL_CODES_PER_WINDOW codes per address in a code's lifetime,
whatever asked for them, so no form of the site can be used to flood a stranger's inbox. The
purpose is part of the hash, so a code sent for one thing never proves another.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..i18n import N_
from ..models import EmailCode, utcnow

EMAIL_CODES_PER_WINDOW = 3
MSG_TOO_MANY = N_("Kode sudah dikirim {count} kali. Tunggu {minutes} menit sebelum meminta "
                  "lagi.")


def new_code(digits: int = 6) -> str:
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def hash_code(code: str, purpose: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{purpose}:{code.strip()}".encode(), hashlib.sha256).hexdigest()


def matches(code: str, stored_hash: str, purpose: str) -> bool:
    return hmac.compare_digest(hash_code(code, purpose), stored_hash)


def email_code_minutes() -> int:
    return current_app.config["EMAIL_CODE_MINUTES"]


def recent_email_codes(email: str) -> int:
    """How many codes the address was sent within a code's lifetime (the shared limit)."""
    since = utcnow() - timedelta(minutes=email_code_minutes())
    return db.session.scalar(select(func.count(EmailCode.id)).where(
        EmailCode.email == email, EmailCode.created_at >= since)) or 0


class TooManyCodes(Exception):
    """The address had its share of codes lately; `message` says how long to wait."""

    def __init__(self, count: int):
        super().__init__(count)
        self.message = MSG_TOO_MANY.format(count=count, minutes=email_code_minutes())


def add_email_code(email: str, purpose: str) -> str:
    """A new code for `email` stored (hashed, in the caller's transaction); the caller mails
    it. Refused (TooManyCodes) past the shared per-address limit: here, so no form that mails
    a code can skip it."""
    recent = recent_email_codes(email)
    if recent >= EMAIL_CODES_PER_WINDOW:
        raise TooManyCodes(recent)
    code = new_code()
    db.session.add(EmailCode(email=email, code_hash=hash_code(code, purpose),
                             expires_at=utcnow() + timedelta(minutes=email_code_minutes())))
    return code


def consume_email_code(email: str, code: str, purpose: str) -> bool:
    """Uses up a matching, unexpired, unused code of `email` for `purpose` (False: none)."""
    now = utcnow()
    candidates = db.session.scalars(select(EmailCode).where(
        EmailCode.email == email, EmailCode.used_at.is_(None), EmailCode.expires_at > now)).all()
    for row in candidates:
        if matches(code or "", row.code_hash, purpose):
            row.used_at = now
            return True
    return False
