"""Jinja filters shared by every page: Indonesian dates in the office's time zone, Rupiah,
validity periods and grouped receipt codes.

Timestamps are stored as naive UTC; people read them in the office's zone (WITA for Kaltim).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from .documents.dates import tanggal, tanggal_waktu
from .services import resi
from .services.catalogue_public import rupiah, validity_text


def local_time(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(zone)


def waktu(value) -> str:
    """A stored UTC timestamp as "23 November 2026 14.05 WITA"."""
    if isinstance(value, datetime):
        return tanggal_waktu(local_time(value))
    return tanggal(value)


def tanggal_lokal(value) -> str:
    """Dates print as they are; UTC timestamps print as the office's calendar date."""
    if isinstance(value, datetime):
        return tanggal(local_time(value).date())
    if isinstance(value, date):
        return tanggal(value)
    return tanggal(value)


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        tanggal=tanggal_lokal, waktu=waktu, rupiah=rupiah, validity=validity_text,
        resi=resi.display)
