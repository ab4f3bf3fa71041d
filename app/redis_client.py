"""The app's Redis (REDIS_URL), shared by every web and worker process, or none at all.

Unset, the install keeps its embedded defaults: rate-limit counters in each process's memory and
pending captcha answers in the database. Set, the rate limiter counts in Redis (unless
RATELIMIT_STORAGE_URI names another store), so N gunicorn workers on M hosts enforce one limit
instead of N x M, and captcha answers wait there with a TTL.

The redis package is imported only when REDIS_URL is set (by `configure`), so an install on the
embedded defaults never loads it.
"""

from __future__ import annotations

import sys

from flask import Flask, current_app

__all__ = ["client", "configure", "key", "reachable", "unreachable"]

_TIMEOUT_SECONDS = 5  # a stuck Redis fails a request in seconds instead of hanging a worker
# the health probe's own: a load balancer's check gives up after a few seconds, and a probe that
# waited out the requests' timeout on a hung Redis would be read as a dead node
_PROBE_TIMEOUT_SECONDS = 1


def configure(app: Flask) -> None:
    """Decide the limiter's storage and open the client; runs before ``limiter.init_app``."""
    url = app.config.get("REDIS_URL")
    prefix = app.config.get("REDIS_KEY_PREFIX") or "eptsp"
    storage = app.config.get("RATELIMIT_STORAGE_URI") or url or "memory://"
    app.config["RATELIMIT_STORAGE_URI"] = storage
    if storage.startswith("redis"):
        options = dict(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {})
        options.setdefault("key_prefix", f"{prefix}:limits")
        options.setdefault("socket_timeout", _TIMEOUT_SECONDS)
        options.setdefault("socket_connect_timeout", _TIMEOUT_SECONDS)
        app.config["RATELIMIT_STORAGE_OPTIONS"] = options
    redis = None
    if url:
        import redis as redis_py

        # connections are opened on first use, so each forked gunicorn worker gets its own
        redis = redis_py.Redis.from_url(url, socket_timeout=_TIMEOUT_SECONDS,
                                        socket_connect_timeout=_TIMEOUT_SECONDS)
        app.extensions["eptsp_redis_probe"] = redis_py.Redis.from_url(
            url, socket_timeout=_PROBE_TIMEOUT_SECONDS,
            socket_connect_timeout=_PROBE_TIMEOUT_SECONDS)
    app.extensions["eptsp_redis"] = redis


def client():
    """The current app's Redis client, or None when REDIS_URL is unset."""
    return current_app.extensions.get("eptsp_redis")


def reachable() -> bool:
    """True when REDIS_URL is unset or Redis answers a PING within a second (the health probe's
    own client); False (logged) when it cannot."""
    redis = current_app.extensions.get("eptsp_redis_probe")
    if redis is None:
        return True
    try:
        redis.ping()
    except Exception as exc:
        if not unreachable(exc):
            raise
        current_app.logger.exception("health check: Redis unreachable")
        return False
    return True


def unreachable(exc: BaseException) -> bool:
    """True for a Redis error (the store cannot be reached now): what the callers that carry
    on without Redis catch. The redis package is only looked at when something loaded it."""
    if "redis" not in sys.modules:
        return False
    from redis.exceptions import RedisError

    return isinstance(exc, RedisError)


def key(*parts: str) -> str:
    """A key in this install's namespace (REDIS_KEY_PREFIX)."""
    prefix = current_app.config.get("REDIS_KEY_PREFIX") or "eptsp"
    return ":".join((prefix, *parts))
