"""Rows of the security tables that nobody needs any more, deleted by the outbox worker once
a day (app/notify/worker.py); without this these tables only grow.

- auth_throttle: login and TOTP delays once neither their wait nor their counting window
  can change anything (security/throttle.purge_forgotten), permit documents' retry counts
  once past the policy's month and only when the permit has its document
  (services/document_retries.purge_settled);
- email_code and password_reset: codes and PINs expired more than RETENTION_CODE_DAYS ago;
- user_session: logins ended more than RETENTION_SESSION_DAYS ago (their IP address is
  personal data; the audit log keeps each login with its own IP retention);
- api_token: API tokens revoked or expired more than RETENTION_SESSION_DAYS ago (a token is
  a login for a program; the audit log keeps its making and revoking).

Each decision stays with the module that owns the table (what "in force" means is theirs);
this only runs them and sets the cutoffs. The audit log is append-only and not touched here.
Captcha challenges and outbox messages have purges of their own (captcha_store, privacy
retention). 0 in a RETENTION_ setting keeps those rows forever.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app

from ..extensions import db
from ..models import utcnow
from ..services import api_tokens, codes, document_retries, password_reset
from . import sessions, throttle

log = logging.getLogger("eptsp.housekeeping")


def _cutoff(setting: str) -> datetime | None:
    days = int(current_app.config.get(setting) or 0)
    return utcnow() - timedelta(days=days) if days > 0 else None


def purge(*, dry_run: bool = False) -> dict[str, int]:
    """Deletes what is spent, in one transaction; the counts per table. A dry run makes the
    same deletes and rolls them back, so it counts by the very rules a real run applies."""
    counts = {"auth_throttle": throttle.purge_forgotten() + document_retries.purge_settled()}
    codes_before = _cutoff("RETENTION_CODE_DAYS")
    if codes_before is not None:
        counts["email_code"] = codes.purge_spent(codes_before)
        counts["password_reset"] = password_reset.purge_spent(codes_before)
    sessions_before = _cutoff("RETENTION_SESSION_DAYS")
    if sessions_before is not None:
        counts["user_session"] = sessions.purge_ended(sessions_before)
        counts["api_token"] = api_tokens.purge_spent(sessions_before)
    if dry_run:
        db.session.rollback()
        return counts
    db.session.commit()
    if any(counts.values()):
        log.info("spent security rows deleted: %s", counts)
    return counts
