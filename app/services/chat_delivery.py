"""Waking the other side of a chat: Redis pub/sub when REDIS_URL is set, nothing otherwise.

Messages are committed to the database first; a notice here only says "look again", so a lost
notice (restart, Redis down) delays a message until the next poll but never loses it. Without
Redis the browser polls every second; with Redis a poll may wait (long-poll) until a notice for
its conversation arrives from any server process.
"""

from __future__ import annotations

import logging
import time

from .. import redis_client

log = logging.getLogger(__name__)


def channel(conversation_id: int) -> str:
    return redis_client.key("chat", str(conversation_id))


def available() -> bool:
    return redis_client.client() is not None


def publish(conversation_id: int) -> None:
    """Tell every process waiting on this conversation to look again (after the commit)."""
    redis = redis_client.client()
    if redis is None:
        return
    try:
        redis.publish(channel(conversation_id), b"1")
    except Exception:  # a notice is an optimisation; pollers still find the message
        log.warning("chat notice not published", exc_info=True)


class Waiter:
    """A subscription opened BEFORE the caller's last look at the database, so a message
    committed in between still wakes it."""

    def __init__(self, conversation_id: int):
        redis = redis_client.client()
        self.pubsub = redis.pubsub(ignore_subscribe_messages=True) if redis else None
        if self.pubsub is not None:
            self.pubsub.subscribe(channel(conversation_id))

    def wait(self, seconds: float) -> bool:
        """True when a notice came within `seconds`."""
        if self.pubsub is None:
            return False
        deadline = time.monotonic() + seconds
        try:
            while (left := deadline - time.monotonic()) > 0:
                if self.pubsub.get_message(timeout=min(left, 1.0)):
                    return True
        except Exception:
            log.warning("chat wait failed; the client polls again", exc_info=True)
        return False

    def close(self) -> None:
        if self.pubsub is not None:
            try:
                self.pubsub.close()
            except Exception:
                log.debug("closing a chat subscription failed", exc_info=True)
