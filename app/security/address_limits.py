"""Failures counted per client address in the rate limiter's storage: memory by default,
Redis when configured (app/redis_client.py), so every worker on every host counts together.

Per-account delays (app/security/throttle.py) cannot see one address trying many accounts
(password spraying: one common password against thirty e-mails) or many tokens; these limits
do. Used by the API's token check and by the password check of every login. A setting (config.py)
names the limit ("20 per 10 minutes"); the scope keeps the counts of different checks apart.
"""

from __future__ import annotations

import math
import time

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse

from ..extensions import limiter


def _limit(setting: str):
    return parse(current_app.config[setting])


def blocked_for(setting: str, scope: str) -> int | None:
    """Seconds this address must wait before its next try, or None when it may try."""
    if not limiter.enabled:
        return None
    item, key = _limit(setting), get_remote_address()
    if limiter.limiter.test(item, scope, key):
        return None
    reset_at, _remaining = limiter.limiter.get_window_stats(item, scope, key)
    return max(1, math.ceil(reset_at - time.time()))


def count_failure(setting: str, scope: str) -> None:
    if limiter.enabled:
        limiter.limiter.hit(_limit(setting), scope, get_remote_address())
