"""File storage outside the web root, through one adapter chosen by configuration.

Callers use `current()` (the app's Storage: local disk or S3) and never a filesystem path.
Keys are random; the database says who owns what. See base.py for the interface.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app

from .base import (
    FileTooLarge,
    InvalidKey,
    ObjectInfo,
    ObjectMissing,
    Storage,
    StorageError,
)
from .factory import StorageConfigError, storage_from_config

__all__ = ["FileTooLarge", "InvalidKey", "ObjectInfo", "ObjectMissing", "Storage",
           "StorageConfigError", "StorageError", "current", "discard",
           "discard_unless_committed", "init_app", "storage_from_config"]
log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    from . import pending

    app.extensions["storage"] = storage_from_config(app.config)
    pending.listen()


def current() -> Storage:
    return current_app.extensions["storage"]


def discard(key: str | None) -> None:
    """Deletes an object no committed row names any more. A failure (storage unreachable)
    is logged, not raised: the change is already committed, and `flask storage cleanup`
    removes the orphan later."""
    try:
        current().delete(key)
    except OSError:
        log.warning("stored object not deleted, left for cleanup: %s", key, exc_info=True)


def discard_unless_committed(key: str) -> str:
    """The object under `key` is deleted if the current transaction does not commit."""
    from . import pending

    return pending.discard_unless_committed(current(), key)
