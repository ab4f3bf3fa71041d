"""Dates as the office counts them: local calendar days and working days from the catalogue.

Deadlines are promised in working days (weekends and the catalogue's holidays skipped), and
"today" is the office's local date, not the server's UTC date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app

import catalogue as cat_lib


def local_now() -> datetime:
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))


def today() -> date:
    return local_now().date()


def local_date(moment: datetime) -> date:
    """A stored naive-UTC timestamp -> the office's calendar date."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return moment.replace(tzinfo=UTC).astimezone(zone).date()


def utc_start_of(day: date) -> datetime:
    """Local midnight of `day` as the naive UTC the timestamps are stored in (the start of a
    day in a date filter)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, time(), zone).astimezone(UTC).replace(tzinfo=None)


def add_working_days(start: date, days: int, cat: cat_lib.Catalogue) -> date:
    return cat_lib.add_working_days(start, days, cat.holiday_dates())


def working_days_left(due: date, cat: cat_lib.Catalogue, on: date | None = None) -> int:
    """Working days from `on` (today) to `due`; negative when overdue."""
    return cat_lib.working_days_between(on or today(), due, cat.holiday_dates())
