"""Failures counted per client address in the rate limiter's storage: memory by default,
Redis when configured (app/redis_client.py), so every worker on every host counts together.

Per-account delays (app/security/throttle.py) cannot see one address trying many accounts
(password spraying: one common password against thirty e-mails) or many tokens; these limits
do. Used by the API's token check and by the password check of every login. A setting (config.py)
names the limit ("20 per 10 minutes"); the scope keeps the counts of different checks apart.
"""

from __future__ import annotations

import logging
import math
import time

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import STRATEGIES

from .. import redis_client
from ..extensions import limiter

log = logging.getLogger(__name__)
_memory = {}  # strategy name -> this process's limiter, used while Redis cannot be reached


def _limit(setting: str):
    return parse(current_app.config[setting])


def _with_limiter(action):
    """`action(limiter)` on the shared storage, or, while Redis cannot be reached, on this
    process's memory, as Flask-Limiter does for its route limits
    (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED): a login or an API call must not fail with 500
    because a counter is out of reach."""
    try:
        return action(limiter.limiter)
    except Exception as exc:
        if not redis_client.unreachable(exc):
            raise
        log.warning("address limits: Redis unreachable, counting in this process's memory")
        name = current_app.config.get("RATELIMIT_STRATEGY") or "fixed-window"
        if name not in _memory:
            _memory[name] = STRATEGIES[name](MemoryStorage())
        return action(_memory[name])


def blocked_for(setting: str, scope: str) -> int | None:
    """Seconds this address must wait before its next try, or None when it may try."""
    if not limiter.enabled:
        return None
    item, key = _limit(setting), get_remote_address()

    def wait(strategy) -> int | None:
        if strategy.test(item, scope, key):
            return None
        reset_at, _remaining = strategy.get_window_stats(item, scope, key)
        return max(1, math.ceil(reset_at - time.time()))

    return _with_limiter(wait)


def count_failure(setting: str, scope: str) -> None:
    if limiter.enabled:
        item, key = _limit(setting), get_remote_address()
        _with_limiter(lambda strategy: strategy.hit(item, scope, key))
