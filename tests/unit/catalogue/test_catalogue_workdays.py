"""Working days skip weekends, national holidays and cuti bersama."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from catalogue import add_working_days, is_working_day, working_days_between
from tests.unit.catalogue.catalogue_builders import sample

HOLIDAYS = sample().holiday_dates()


def test_idul_fitri_2026_and_cuti_bersama_are_skipped():
    # Tue 17 Mar; 18 cuti Nyepi, 19 Nyepi, 20 cuti, 21-22 Idul Fitri (weekend), 23-24 cuti.
    submitted = date(2026, 3, 17)
    assert add_working_days(submitted, 3, HOLIDAYS) == date(2026, 3, 27)
    assert add_working_days(submitted, 3, set()) == date(2026, 3, 20)
    assert working_days_between(submitted, date(2026, 3, 27), HOLIDAYS) == 3
    assert [d for d in (submitted + timedelta(days=i) for i in range(1, 11))
            if is_working_day(d, HOLIDAYS)] == [date(2026, 3, 25), date(2026, 3, 26),
                                                 date(2026, 3, 27)]


def test_weekend_start_and_zero_days():
    saturday = date(2026, 7, 4)
    assert add_working_days(saturday, 0, HOLIDAYS) == saturday
    assert add_working_days(saturday, 1, HOLIDAYS) == date(2026, 7, 6)
    assert working_days_between(date(2026, 7, 6), saturday, HOLIDAYS) == -1


@given(st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 12, 31)),
       st.integers(min_value=0, max_value=60))
def test_between_inverts_add(start, n):
    end = add_working_days(start, n, HOLIDAYS)
    assert working_days_between(start, end, HOLIDAYS) == n
    if n:
        assert is_working_day(end, HOLIDAYS)


def _count_day_by_day(a: date, b: date, holidays: set[date]) -> int:
    """The rule read literally: every day in (a, b] that is a weekday and not a holiday."""
    if b < a:
        return -_count_day_by_day(b, a, holidays)
    days = (a + timedelta(days=i) for i in range(1, (b - a).days + 1))
    return sum(1 for day in days if day.weekday() < 5 and day not in holidays)


def test_the_week_at_a_time_count_matches_counting_day_by_day():
    import random

    holidays = sorted({date(2026, 1, 1) + timedelta(days=random.Random(n).randrange(500))
                       for n in range(40)})
    rng = random.Random(3)
    for _ in range(2000):
        a = date(2025, 6, 1) + timedelta(days=rng.randrange(900))
        b = a + timedelta(days=rng.randrange(-60, 60))
        expected = _count_day_by_day(a, b, set(holidays))
        assert working_days_between(a, b, holidays) == expected, (a, b)
        assert working_days_between(a, b, set(holidays)) == expected, (a, b)
