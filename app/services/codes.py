"""One-time numeric codes: random, and stored only as a keyed hash.

Codes mailed to an address (registration, a visitor's complaint contact) share the email_code
table and its limit: at most EMAIL_CODES_PER_WINDOW codes per address in a code's lifetime,
whatever asked for them, so no form of the site can be used to flood a stranger's inbox. The
purpose is part of the hash, so a code sent for one thing never proves another. A code has
CODE_MAX_ATTEMPTS tries, counted here for both, so the page's rate limit is not all that
stands between a guesser and a six-digit code.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from ..extensions import db
from ..i18n import N_
from ..models import EmailCode, utcnow

EMAIL_CODES_PER_WINDOW = 3
MSG_TOO_MANY = N_("Kode sudah dikirim {count} kali. Tunggu {minutes} menit sebelum meminta "
                  "lagi.")
MSG_VOID = N_("Kode verifikasi sudah terlalu sering salah dimasukkan dan tidak berlaku lagi. "
              "Minta kode baru.")


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


def count_try(counter, limit: int, where, returning) -> list:
    """One try counted against every row matching `where` whose `counter` is still below
    `limit`: `returning` of each row it was counted on (none: no chance left). One UPDATE
    ... SET counter = counter + 1 ... RETURNING, committed at once: parallel tries each
    count (a read-modify-write lets two guesses that read the same count write it once),
    the limit holds whichever try gets there first, and a caller that refuses the form and
    rolls back cannot un-count it. Rows are never reloaded from the session: whatever it
    holds, the database decides."""
    table = counter.class_
    tried = db.session.execute(
        update(table).where(*where, counter < limit).values({counter: counter + 1})
        .returning(*returning).execution_options(synchronize_session=False)).all()
    db.session.commit()
    return tried


def use_once(used_at, row_id: int, now) -> bool:
    """Marks row `row_id` used (`used_at` = now) unless it already is: one conditional UPDATE,
    so of two requests with the same right code or PIN only one is let through. True for
    that one."""
    table = used_at.class_
    return db.session.execute(
        update(table).where(table.id == row_id, used_at.is_(None)).values({used_at: now})
        .execution_options(synchronize_session=False)).rowcount == 1


class CodeVoid(Exception):
    """The address's codes were tried CODE_MAX_ATTEMPTS times each: none is accepted any more,
    right or wrong; `message` asks for a new one."""

    def __init__(self):
        super().__init__(MSG_VOID)
        self.message = MSG_VOID


def _live(email: str, now):
    return (EmailCode.email == email, EmailCode.used_at.is_(None), EmailCode.expires_at > now)


def consume_email_code(email: str, code: str, purpose: str) -> bool:
    """Uses up a matching, unexpired, unused code of `email` for `purpose` (False: none).

    Every try counts against each live code of the address (a guess is a guess at any of
    them), counted in the database (attempts + 1, so parallel tries all count) and committed
    at once: a caller that refuses the form rolls back, and the try must stay counted.
    Callers ask before they change anything. A code tried CODE_MAX_ATTEMPTS times is void:
    CodeVoid is raised, on the try that used its last chance and on every one after."""
    now, limit = utcnow(), current_app.config["CODE_MAX_ATTEMPTS"]
    tried = count_try(EmailCode.attempts, limit, _live(email, now),
                      (EmailCode.id, EmailCode.code_hash))
    for row_id, code_hash in tried:
        if matches(code or "", code_hash, purpose):
            return use_once(EmailCode.used_at, row_id, now)
    chances = db.session.scalars(select(EmailCode.attempts).where(*_live(email, now))).all()
    if chances and all(attempts >= limit for attempts in chances):
        raise CodeVoid()
    return False


def purge_spent(before) -> int:
    """Deletes the codes that expired before `before`: used or not, such a code is accepted
    nowhere and, made longer than a code's lifetime ago, no longer counts towards the
    address's limit (recent_email_codes). The caller commits."""
    return db.session.execute(delete(EmailCode).where(EmailCode.expires_at < before)
                              ).rowcount or 0
