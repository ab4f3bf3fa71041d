"""Service-level deadlines count working days, as the offices' SOPs do.

Saturdays, Sundays and the catalogue's holidays (national days and cuti bersama) are skipped,
so the estimated completion date shown to an applicant matches the office calendar.
"""

from __future__ import annotations

import bisect
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
    """Working days in (a, b]: `working_days_between(a, add_working_days(a, n)) == n`.

    Whole weeks are counted at once and the holidays in range found by bisection, so a grid
    computing it for every row of a page stays cheap however far apart the dates are. A list
    of holidays is taken as sorted and without repeats; any other collection is sorted."""
    if b < a:
        return -working_days_between(b, a, holidays)
    weeks, rest = divmod((b - a).days, 7)
    start = a.weekday()
    count = weeks * 5 + sum(1 for i in range(1, rest + 1) if (start + i) % 7 < 5)
    ordered = holidays if isinstance(holidays, list) else sorted(holidays)
    low, high = bisect.bisect_right(ordered, a), bisect.bisect_right(ordered, b)
    return count - sum(1 for day in ordered[low:high] if day.weekday() < 5)
