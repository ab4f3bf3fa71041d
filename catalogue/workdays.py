"""Service-level deadlines count working days, as the offices' SOPs do.

Saturdays, Sundays and the catalogue's holidays (national days and cuti bersama) are skipped,
so the estimated completion date shown to an applicant matches the office calendar.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

_DAY = timedelta(days=1)


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, n: int, holidays: Collection[date] = ()) -> date:
    """The date `n` working days after `start` (start itself not counted); n < 0 goes back."""
    step = _DAY if n >= 0 else -_DAY
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(a: date, b: date, holidays: Collection[date] = ()) -> int:
    """Working days in (a, b]: `working_days_between(a, add_working_days(a, n)) == n`."""
    if b < a:
        return -working_days_between(b, a, holidays)
    count, day = 0, a
    while day < b:
        day += _DAY
        if is_working_day(day, holidays):
            count += 1
    return count
