"""Shared model helpers: every table uses Flask-AppBuilder's declarative base so FAB's
security tables and ours live in one metadata that Alembic sees whole."""

from datetime import UTC, datetime

from flask_appbuilder import Model

__all__ = ["Model", "utcnow"]


def utcnow() -> datetime:
    """Naive UTC timestamp: SQLite keeps no zone, so all times are stored as naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)
