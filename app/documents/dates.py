"""Indonesian dates for printed documents, as a Jinja filter so templates stay data.

Dates arrive as `date`/`datetime` objects from the workflow or as ISO strings from JSON (a
catalogue template preview); both print the same way, and anything else prints unchanged.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from forms_schema import long_date

ZONES = {timedelta(hours=7): "WIB", timedelta(hours=8): "WITA", timedelta(hours=9): "WIT"}


def _parse(value):
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value) if "T" in value or " " in value.strip() \
                else date.fromisoformat(value)
        except ValueError:
            return value
    return value


def tanggal(value) -> str:
    """23 November 2026."""
    value = _parse(value)
    if isinstance(value, date):
        return long_date(value, "id")
    return "" if value is None else str(value)


def tanggal_waktu(value) -> str:
    """23 November 2026 14.05 WITA (the zone only when the time carries one)."""
    value = _parse(value)
    if not isinstance(value, datetime):
        return tanggal(value)
    zone = ZONES.get(value.utcoffset()) if value.tzinfo else None
    text = f"{tanggal(value)} {value:%H.%M}"
    return f"{text} {zone}" if zone else text


class IndonesianDate(date):
    """A date that prints itself in Indonesian, for templates that print `{{ valid_until }}`.

    Catalogue templates are written by admins who may not know the `tanggal` filter; without
    this a certificate would read "2031-11-23".
    """

    def __str__(self) -> str:
        return tanggal(self)


def indonesian_dates(values: dict) -> dict:
    """Wrap plain `date` values (not datetimes) so they print in Indonesian."""
    return {key: IndonesianDate(v.year, v.month, v.day)
            if isinstance(v, date) and not isinstance(v, datetime) else v
            for key, v in values.items()}
