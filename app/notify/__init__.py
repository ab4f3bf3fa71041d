"""Notifications: written to the outbox inside the caller's transaction, sent by a worker."""

from .outbox import enqueue_email  # noqa: F401
