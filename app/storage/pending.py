"""Stored objects whose database row is not committed yet are deleted if it never is.

A permit PDF is stored before the issuance commits, an upload before its StoredFile row
does. If that transaction rolls back (a concurrent change, a failed commit, an error and the
request's session closed), nothing will ever reference the object: it is deleted then, and
`flask storage cleanup` catches whatever a crashed process leaves behind.
"""

from __future__ import annotations

import logging

from sqlalchemy import event

from ..extensions import db
from .base import Storage

log = logging.getLogger(__name__)
PENDING = "storage_pending"


def discard_unless_committed(store: Storage, key: str) -> str:
    """Ties `key` to the current transaction: kept on commit, deleted otherwise."""
    db.session().info.setdefault(PENDING, []).append((store, key))
    return key


def _committed(session) -> None:
    session.info.pop(PENDING, None)


def _ended(session, transaction) -> None:
    if transaction.parent is not None:
        return  # a savepoint; the outer transaction still decides
    for store, key in session.info.pop(PENDING, ()):
        try:
            store.delete(key)
        except Exception:  # an event must not raise; cleanup will find it
            log.warning("stored object of a rolled-back transaction not deleted: %s", key,
                        exc_info=True)


def listen() -> None:
    """Once per process: on the Flask-SQLAlchemy session class, for every app."""
    if not event.contains(db.session, "after_commit", _committed):
        event.listen(db.session, "after_commit", _committed)
        event.listen(db.session, "after_transaction_end", _ended)
