"""What an anonymous visitor proved in this browser (a complaint's ticket with its contact, a
chat conversation they started), kept in the signed session cookie with its own clock.

The session cookie lives SESSION_MAX_HOURS and is sent again only when the session changes
(config.py), so it no longer lapses after SESSION_IDLE_MINUTES of inactivity by itself. A grant
must not outlive that, or the next person at a shared computer (an office kiosk, an internet
café) could open the complaint or the chat, with the name and contact in it, hours later. So
each grant carries the time it was last used and lapses after SESSION_IDLE_MINUTES without
use, like a login; using it renews it, at most once a minute (each renewal re-sends the
cookie).
"""

from __future__ import annotations

import time

from flask import current_app, session

_RENEW_AFTER = 60  # seconds: how stale a grant's clock may get before a use renews it


def _idle_seconds() -> int:
    return int(current_app.config["SESSION_IDLE_MINUTES"]) * 60


def _live(key: str, now: float) -> list[list]:
    """The grants under `key` that are still live, newest first. Entries of another shape
    (grants written before they had a clock) count as lapsed."""
    idle = _idle_seconds()
    return [entry for entry in session.get(key, [])
            if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
            and isinstance(entry[1], (int, float)) and now - entry[1] <= idle]


def grant(key: str, value: str, keep: int) -> None:
    """Remembers `value` under `key` as the newest grant, keeping at most `keep`."""
    now = time.time()
    others = [entry for entry in _live(key, now) if entry[0] != value]
    session[key] = [[value, int(now)], *others][:keep]


def values(key: str) -> list[str]:
    """The live grants' values, newest first (nothing is renewed)."""
    return [entry[0] for entry in _live(key, time.time())]


def holds(key: str, value: str) -> bool:
    """Whether this browser holds a live grant of `value`; a use renews it."""
    now = time.time()
    live = _live(key, now)
    found = next((entry for entry in live if entry[0] == value), None)
    renew = found is not None and now - found[1] > _RENEW_AFTER
    if renew:
        found[1] = int(now)
    if renew or len(live) != len(session.get(key, [])):  # renewed, or some lapsed
        session[key] = live
    return found is not None
