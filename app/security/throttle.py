"""Growing delays after failed guesses, instead of a lock a stranger could trigger.

A hard lock after five wrong passwords lets anyone who knows a NIK shut its owner out. Here a
few failures are free; after that every further try under the same key must wait, and the
wait doubles with each failure up to a ceiling. Attempts made while waiting are refused
without looking at the password and are not counted, so a guesser gains nothing by hammering.

Keys are chosen by the caller (app/services/auth.py, app/services/staff.py,
app/services/document_retries.py):
- a login per account *and client address*: a stranger elsewhere delays only themselves;
- a login per account from all addresses, with a far higher allowance (ASVS 2.2.1: at most
  100 failures an hour on one account), against guessing spread over many addresses;
- a staff member's TOTP codes per account (only someone who has the password gets there);
- a permit whose document could not be produced (not a guess, but the same growing delay:
  a template too heavy for the limits is not printed again on every pass).
An account that does not exist is keyed by what was typed and behaves the same, so the delay
tells nothing about which accounts exist. Keys are stored as an HMAC under the secret key, so
the table holds no NIK, e-mail or IP address.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..i18n import N_
from ..models import AuthThrottle, utcnow


@dataclass(frozen=True)
class Policy:
    scope: str
    free: int  # failures allowed before the first delay
    first_delay: float  # seconds; doubles with every further failure
    max_delay: float  # seconds
    forget_after: timedelta  # failures older than this no longer count


def login_policy() -> Policy:
    config = current_app.config
    return Policy("login", config["LOGIN_FREE_FAILURES"], config["LOGIN_DELAY_SECONDS"],
                  config["LOGIN_DELAY_MAX_SECONDS"], timedelta(days=1))


def account_policy() -> Policy:
    config = current_app.config
    return Policy("login-account", config["LOGIN_ACCOUNT_FAILURES_PER_HOUR"],
                  config["LOGIN_DELAY_SECONDS"], config["LOGIN_DELAY_MAX_SECONDS"],
                  timedelta(hours=1))


def totp_policy() -> Policy:
    config = current_app.config
    return Policy("totp", config["TOTP_FREE_FAILURES"], config["TOTP_DELAY_SECONDS"],
                  config["TOTP_DELAY_MAX_SECONDS"], timedelta(days=1))


def _digest(policy: Policy, key: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{policy.scope}\x00{key}".encode(), hashlib.sha256).hexdigest()


def delay_after(policy: Policy, failures: int) -> float:
    """Seconds to wait after `failures` failures in a row."""
    if failures < policy.free:
        return 0.0
    return min(policy.max_delay, policy.first_delay * 2 ** min(failures - policy.free, 40))


def wait_seconds(policy: Policy, key: str) -> int:
    """Whole seconds before the next try under `key` is looked at (0: now)."""
    row = db.session.get(AuthThrottle, _digest(policy, key))
    if row is None:
        return 0
    now = utcnow()
    if now - row.last_failure_at > policy.forget_after:
        return 0
    ready = row.last_failure_at + timedelta(seconds=delay_after(policy, row.failures))
    return max(0, math.ceil((ready - now).total_seconds()))


def failed(policy: Policy, key: str, *, user_id: int | None = None) -> int:
    """Count one failure (the caller commits); the failures in a row now. Counted with one
    UPDATE, so parallel failures each count (and each gets a count of its own)."""
    digest, now = _digest(policy, key), utcnow()
    stale = now - policy.forget_after
    db.session.execute(  # a long-forgotten streak starts again from zero
        update(AuthThrottle).where(AuthThrottle.key == digest,
                                   AuthThrottle.last_failure_at < stale)
        .values(failures=0))
    counted = _count(digest, now)
    if counted is not None:
        return counted
    try:
        with db.session.begin_nested():
            db.session.add(AuthThrottle(key=digest, scope=policy.scope, user_id=user_id,
                                        failures=1, last_failure_at=now))
        return 1
    except IntegrityError:  # a parallel failure created it first
        return _count(digest, now) or 1


def _count(digest: str, now) -> int | None:
    return db.session.execute(
        update(AuthThrottle).where(AuthThrottle.key == digest)
        .values(failures=AuthThrottle.failures + 1, last_failure_at=now)
        .returning(AuthThrottle.failures)
        .execution_options(synchronize_session=False)).scalar_one_or_none()


def succeeded(policy: Policy, key: str) -> None:
    """The right answer clears the key's streak (the caller commits)."""
    db.session.execute(delete(AuthThrottle).where(AuthThrottle.key == _digest(policy, key)))


def clear_account(user_id: int) -> None:
    """Every streak of an account (a new password, an erased account); the caller commits."""
    db.session.execute(delete(AuthThrottle).where(AuthThrottle.user_id == user_id))


def kept_for(policy: Policy) -> timedelta:
    """How long a row of `policy` still matters after its last failure: it makes its key wait
    up to max_delay and counts towards the next delay for forget_after; past both it changes
    nothing (a new failure starts from zero), so it can go."""
    return max(policy.forget_after, timedelta(seconds=policy.max_delay))


def purge(policy: Policy, *, keep: Iterable[str] = ()) -> int:
    """Deletes the rows of `policy` no longer in force, except those of the keys in `keep`
    (a caller that knows a row is still needed); the caller commits."""
    kept = [_digest(policy, key) for key in keep]
    where = [AuthThrottle.scope == policy.scope,
             AuthThrottle.last_failure_at < utcnow() - kept_for(policy)]
    if kept:
        where.append(AuthThrottle.key.not_in(kept))
    return db.session.execute(delete(AuthThrottle).where(*where)).rowcount or 0


def purge_forgotten() -> int:
    """The login and TOTP rows no longer in force (the outbox worker, daily: without it the
    table only grows); permit documents' rows are purged by services/document_retries,
    which knows which permits still fail. The caller commits."""
    return sum(purge(policy()) for policy in (login_policy, account_policy, totp_policy))


def wait_parts(seconds: int) -> tuple[int, str]:
    """(30, "detik") / (5, "menit") for a refusal message's {wait} {unit}: the unit is a
    marked text of its own, so a page shows it in its reader's language."""
    if seconds < 90:
        return seconds, N_("detik")
    return math.ceil(seconds / 60), N_("menit")


def rows_of(user_id: int) -> list[AuthThrottle]:
    return list(db.session.scalars(select(AuthThrottle).where(AuthThrottle.user_id == user_id)))
