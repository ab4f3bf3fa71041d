"""Waking the other side of a chat: Redis pub/sub when REDIS_URL is set, nothing otherwise.

Messages are committed to the database first; a notice here only says "look again", so a lost
notice (restart, Redis down) delays a message until the next poll but never loses it. Without
Redis the browser polls every second; with Redis a poll may wait (long-poll) until a notice for
its conversation arrives from any server process.

Each server process listens with ONE Redis connection (a pattern subscription in a background
thread, the "hub") and wakes its waiting requests through threading events, so 500 waiting
chats cost 500 threads but not 500 Redis connections.
"""

from __future__ import annotations

import logging
import os
import threading

from flask import Flask, current_app

from .. import redis_client

log = logging.getLogger(__name__)


# set on an app whose server is stopping (`stop_waiting`): its polls no longer wait
_STOPPING = "eptsp_chat_stopping"


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


class _Hub:
    """This process's one subscription to every conversation channel of the install."""

    def __init__(self, redis, pattern: str):
        self.redis, self.pattern = redis, pattern
        self.waiters: dict[bytes, set[Waiter]] = {}
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="chat-hub", daemon=True)
        self.thread.start()

    def register(self, name: bytes, waiter: Waiter) -> None:
        with self.lock:
            self.waiters.setdefault(name, set()).add(waiter)

    def unregister(self, name: bytes, waiter: Waiter) -> None:
        with self.lock:
            found = self.waiters.get(name)
            if found is not None:
                found.discard(waiter)
                if not found:
                    del self.waiters[name]

    def _run(self) -> None:
        while True:
            pubsub = None
            try:
                pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
                pubsub.psubscribe(self.pattern)
                while True:
                    message = pubsub.get_message(timeout=5.0)
                    if message:
                        self._wake(message["channel"])
            except Exception:
                log.warning("chat hub lost Redis; reconnecting", exc_info=True)
                threading.Event().wait(1.0)
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:
                        log.debug("closing the chat hub's subscription failed", exc_info=True)

    def _wake(self, name: bytes) -> None:
        with self.lock:
            waiters = list(self.waiters.get(name, ()))
        for waiter in waiters:
            waiter.event.set()

    def release_all(self) -> int:
        with self.lock:
            waiters = [w for found in self.waiters.values() for w in found]
        for waiter in waiters:
            waiter.released = True
            waiter.event.set()
        return len(waiters)


_hubs: dict[tuple[int, str], _Hub] = {}
_hubs_lock = threading.Lock()


def _hub() -> _Hub | None:
    redis = redis_client.client()
    if redis is None:
        return None
    pattern = redis_client.key("chat", "*")
    key = (os.getpid(), pattern)  # a forked worker starts its own thread
    with _hubs_lock:
        hub = _hubs.get(key)
        if hub is None:
            hub = _hubs[key] = _Hub(redis, pattern)
    return hub


class Waiter:
    """Registered BEFORE the caller's last look at the database, so a message committed in
    between still wakes it."""

    def __init__(self, conversation_id: int):
        self.hub = _hub()
        self.name = channel(conversation_id).encode()
        self.event = threading.Event()
        self.released = False
        if self.hub is not None:
            self.hub.register(self.name, self)
            # read after registering: a stop either finds this waiter or is seen here
            if current_app.extensions.get(_STOPPING):
                self.released = True

    @property
    def active(self) -> bool:
        """False without Redis, and once the server is stopping (`stop_waiting`): the poll
        answers now."""
        return self.hub is not None and not self.released

    def wait(self, seconds: float) -> bool:
        """True when a notice came within `seconds`; ready for the next wait."""
        woken = self.event.wait(seconds)
        self.event.clear()
        return woken

    def close(self) -> None:
        if self.hub is not None:
            self.hub.unregister(self.name, self)


def stop_waiting(app: Flask) -> int:
    """The server serving `app` is stopping: every long poll waiting in this process takes its
    last look and answers now, and one that starts from now on does not wait. Otherwise each
    open chat holds the stop (or a graceful restart) for up to CHAT_LONGPOLL_SECONDS, and a
    poll that wakes after the app's connections were closed opens a new one nobody closes.
    Returns how many were waiting."""
    app.extensions[_STOPPING] = True
    with _hubs_lock:
        hubs = [hub for (pid, _pattern), hub in _hubs.items() if pid == os.getpid()]
    return sum(hub.release_all() for hub in hubs)
