"""Where a built-in captcha's answer waits for its one check: Redis when REDIS_URL is set, else
the database (table ``captcha_challenge``).

The session cookie names the challenge by a random id and nothing else; the HMAC of the answer
stays on the server. Taking an answer deletes it in the same step (Redis MULTI/EXEC, SQL
``DELETE ... RETURNING``), so of any number of requests carrying the same id, even from copies of
one old cookie sent in parallel, exactly one gets to compare its answer. Both stores are shared
by every web process, so the image and the form post may be served by different workers or
hosts.

Redis going away must not lock everyone out of logging in and registering: while it cannot be
reached an answer waits in the database table instead, and taking one looks there after Redis.
Each answer is in exactly one store, so it still counts once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import delete

from . import redis_client
from .extensions import db
from .models import CaptchaChallenge, utcnow

__all__ = ["discard", "purge_expired", "put", "take"]

log = logging.getLogger(__name__)


def _naive_utc(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC).replace(tzinfo=None)


def put(challenge_id: str, digest: str, ttl_seconds: int, expires_at: float) -> None:
    """Keep ``digest`` under ``challenge_id`` until it is taken or expires."""
    redis = redis_client.client()
    if redis is not None:
        try:
            redis.set(redis_client.key("captcha", challenge_id), digest, ex=max(1, ttl_seconds))
            return
        except Exception as exc:
            if not redis_client.unreachable(exc):
                raise
            log.warning("captcha: Redis unreachable, answer kept in the database", exc_info=True)
    db.session.add(CaptchaChallenge(id=challenge_id, digest=digest,
                                    expires_at=_naive_utc(expires_at)))
    db.session.commit()


def take(challenge_id: str) -> str | None:
    """The digest kept under ``challenge_id``, removed in the same step; None when it is gone
    (already checked, replaced, expired or never made)."""
    redis = redis_client.client()
    if redis is not None:
        pipe = redis.pipeline(transaction=True)
        name = redis_client.key("captcha", challenge_id)
        pipe.get(name)
        pipe.delete(name)
        try:
            value, _deleted = pipe.execute()
        except Exception as exc:
            if not redis_client.unreachable(exc):
                raise
            log.warning("captcha: Redis unreachable, looking in the database", exc_info=True)
            value = None
        if value is not None:
            return value.decode("ascii")
    digest = db.session.execute(
        delete(CaptchaChallenge).where(CaptchaChallenge.id == challenge_id)
        .returning(CaptchaChallenge.digest)
    ).scalar()
    db.session.commit()
    return digest


def discard(challenge_ids: list[str]) -> None:
    """Forget challenges that a newer one replaced, so they cannot be answered any more."""
    if not challenge_ids:
        return
    redis = redis_client.client()
    if redis is not None:
        try:
            redis.delete(*(redis_client.key("captcha", i) for i in challenge_ids))
        except Exception as exc:
            if not redis_client.unreachable(exc):
                raise
            log.warning("captcha: Redis unreachable, discarding in the database only")
    db.session.execute(delete(CaptchaChallenge).where(CaptchaChallenge.id.in_(challenge_ids)))
    db.session.commit()


def purge_expired() -> int:
    """Delete database challenges nobody answered in time (Redis expires its own keys)."""
    result = db.session.execute(
        delete(CaptchaChallenge).where(CaptchaChallenge.expires_at < utcnow())
    )
    db.session.commit()
    return result.rowcount or 0
