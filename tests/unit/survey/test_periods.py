"""Report periods are runs of whole months."""

from __future__ import annotations

from datetime import date

import pytest

from app.survey.periods import Period, parse

TODAY = date(2026, 8, 17)


@pytest.mark.parametrize(("args", "start", "end", "label"), [
    ({"periode": "bulan", "tahun": "2026", "ke": "12"}, date(2026, 12, 1), date(2027, 1, 1),
     "Desember 2026"),
    ({"periode": "triwulan", "tahun": "2026", "ke": "2"}, date(2026, 4, 1), date(2026, 7, 1),
     "Triwulan II 2026"),
    ({"periode": "semester", "tahun": "2025", "ke": "2"}, date(2025, 7, 1), date(2026, 1, 1),
     "Semester II 2025"),
    ({"periode": "tahun", "tahun": "2026"}, date(2026, 1, 1), date(2027, 1, 1), "Tahun 2026"),
])
def test_periods(args, start, end, label):
    period = parse(args, TODAY)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert len(period.month_starts()) == period.months


@pytest.mark.parametrize("args", [{}, {"periode": "minggu"}, {"periode": "bulan", "ke": "13"},
                                  {"periode": "semester", "ke": "3"}, {"tahun": "x"},
                                  {"tahun": "1990"}])
def test_nonsense_falls_back_to_the_current_period(args):
    period = parse(args, TODAY)
    kind = args.get("periode") if args.get("periode") in ("bulan", "semester") else "tahun"
    assert period.kind == kind and period.year == 2026
    assert period.start <= TODAY < period.end


def test_keys_are_distinct():
    keys = {Period("bulan", 2026, 1).key, Period("triwulan", 2026, 1).key,
            Period("semester", 2026, 1).key, Period("tahun", 2026, 1).key}
    assert len(keys) == 4
