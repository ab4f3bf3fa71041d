"""The outbox worker: claims due messages, sends them, retries with backoff.

A claim is a conditional UPDATE, so many workers can run; a claim that outlives its lease
(a worker that died mid-send) is taken over, and the message keeps its Message-ID so a
receiver can drop the duplicate.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from datetime import timedelta

from flask import Flask, current_app
from sqlalchemy import and_, or_, select, update

from ..extensions import db
from ..models import OutboxMessage, utcnow
from . import mailer, whatsapp

log = logging.getLogger("eptsp.outbox")
LEASE = timedelta(seconds=120)
EXPIRY_EVERY = 3600.0  # seconds between two runs of the revision-deadline check
CAPTCHA_PURGE_EVERY = 600.0  # seconds between two purges of expired captcha challenges
RECAP_EVERY = 3600.0  # seconds between two checks whether last month's recap went out
RETENTION_EVERY = 86400.0  # seconds between two retention purges (drafts, accounts, spent rows)


def _claim(message_id: int) -> bool:
    now = utcnow()
    result = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            or_(
                # still due: another worker may have failed it meanwhile and set a backoff
                and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
                and_(OutboxMessage.status == "sending", OutboxMessage.claimed_until < now),
            ),
        )
        .values(status="sending", claimed_until=now + LEASE)
    )
    db.session.commit()
    return result.rowcount == 1


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 6 * 3600))


def message_id(key: str) -> str:
    """The email's Message-ID, the same on every attempt. Its left part must be a dot-atom
    (RFC 5322): keys like "app7:event9:email" would otherwise be cut at the first ":" into
    "<app7", one id shared by every notice of the application, so receivers that drop
    duplicates by Message-ID would drop real notices."""
    left = re.sub(r"[^A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+", ".", key).strip(".") or "message"
    return f"<{left}@eptsp>"


def _deliver(message: OutboxMessage, config) -> None:
    if message.channel == "whatsapp":
        whatsapp.send(config["WHATSAPP_GATEWAY_URL"], config.get("WHATSAPP_TOKEN"),
                      message.recipient, message.body, message.idempotency_key,
                      timeout=float(config.get("WHATSAPP_TIMEOUT", 15)))
        return
    msg = mailer.build_message(
        config["MAIL_FROM"], message.recipient, message.subject, message.body,
        message_id(message.idempotency_key),
    )
    mailer.send(config.get("SMTP_URL"), msg)


def process_due(batch: int = 50) -> int:
    """Send what is due now; returns how many were sent."""
    now = utcnow()
    due = db.session.scalars(
        select(OutboxMessage.id)
        .where(
            or_(
                and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
                and_(OutboxMessage.status == "sending", OutboxMessage.claimed_until < now),
            )
        )
        .order_by(OutboxMessage.id)
        .limit(batch)
    ).all()
    sent = 0
    config = current_app.config
    for message_id in due:
        if not _claim(message_id):
            continue
        message = db.session.get(OutboxMessage, message_id)
        try:
            _deliver(message, config)
        except Exception as exc:  # any delivery failure is retried, never lost
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            message.claimed_until = None
            if message.attempts >= config["OUTBOX_MAX_ATTEMPTS"]:
                message.status = "failed"
            else:
                message.status = "pending"
                message.next_attempt_at = utcnow() + _backoff(message.attempts)
            log.warning("outbox message %s failed: %s", message.id, message.last_error)
        else:
            message.attempts += 1
            message.status = "sent"
            message.sent_at = utcnow()
            message.claimed_until = None
            sent += 1
        db.session.commit()
    return sent


def run_forever(interval: float = 2.0, stop: threading.Event | None = None) -> None:
    """Send what is due every ``interval`` seconds until ``stop`` is set; a set ``stop`` ends
    the loop after the current pass, so a message being sent is finished, not cut off."""
    stop = stop or threading.Event()
    last_run: dict[str, float] = {}
    while not stop.is_set():
        try:
            _housekeeping(last_run)
            process_due()
        except Exception:  # keep the worker alive across transient database errors
            log.exception("outbox worker pass failed")
            db.session.rollback()
        finally:
            db.session.remove()
        stop.wait(interval)


def _housekeeping(last_run: dict[str, float]) -> None:
    """Periodic jobs, each at most once per its period per worker (all are idempotent)."""
    now = time.monotonic()
    for name, every, job in (("expire-revisions", EXPIRY_EVERY, _expire_revisions),
                             ("purge-captcha", CAPTCHA_PURGE_EVERY, _purge_captcha),
                             ("monthly-recap", RECAP_EVERY, _monthly_recap),
                             ("retention", RETENTION_EVERY, _retention),
                             ("purge-spent", RETENTION_EVERY, _purge_spent)):
        if name not in last_run or now - last_run[name] >= every:
            last_run[name] = now
            job()


def _expire_revisions() -> None:
    """Revision deadlines that passed, and permit documents that could not be produced when
    issued (each idempotent)."""
    from ..services.expiry import expire_overdue
    from ..services.issuance import produce_pending

    for job in (expire_overdue, produce_pending):
        _housekeep(job, f"housekeeping {job.__name__}")


def _housekeep(job, what: str) -> None:
    """Runs one housekeeping job; a failure is logged and rolled back, never allowed to stop
    the delivery of messages."""
    try:
        job()
    except Exception:
        log.exception("%s failed", what)
        db.session.rollback()


def _purge_captcha() -> None:
    """Captcha challenges nobody answered before they expired (the database store only)."""
    from .. import captcha_store

    _housekeep(captcha_store.purge_expired, "purging expired captcha challenges")


def _monthly_recap() -> None:
    """Last month's report recap to REPORT_RECIPIENTS, once per month and recipient."""
    from ..reports.recap import send_monthly

    _housekeep(send_monthly, "queueing the monthly report recap")


def _retention() -> None:
    """Personal data past its retention period (app/privacy/retention.py)."""
    from ..privacy import retention

    _housekeep(retention.purge, "retention purge")


def _purge_spent() -> None:
    """Login delays, document retry counts, one-time codes and ended login sessions nobody
    needs any more (app/security/housekeeping.py)."""
    from ..security import housekeeping

    _housekeep(housekeeping.purge, "purging spent security rows")


def start_inprocess_worker(app: Flask) -> threading.Thread:
    stop = threading.Event()

    def target() -> None:
        with app.app_context():
            run_forever(stop=stop)

    thread = threading.Thread(target=target, name="outbox-worker", daemon=True)
    thread.start()
    app.extensions["outbox_stop"] = stop
    return thread
