"""The period a report covers: a day, a month, a quarter, a year or a custom range of
dates (the office's local calendar days), parsed from the report form's query string.

A month comes as bulan=YYYY-MM (links, exports: `Period.args()`) or, from the form, as the
month's number and its year (bulan=3&tahun=2026).

A bad value is reported and replaced by the default (this month), never an error page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from forms_schema import month_names

KINDS = {"hari": _l("Hari"), "bulan": _l("Bulan"), "triwulan": _l("Triwulan"),
         "tahun": _l("Tahun"), "rentang": _l("Rentang tanggal")}
MAX_DAYS = 3660  # a custom range of at most ten years
ROMAN = ("I", "II", "III", "IV")


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_end(day: date) -> date:
    return next_month(day) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date
    errors: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, compare=False)

    @classmethod
    def month_of(cls, day: date) -> Period:
        return cls("bulan", month_start(day), month_end(day))

    @classmethod
    def parse(cls, args, today: date) -> Period:
        raw = {k: (args.get(k) or "").strip()[:20]
               for k in ("periode", "tanggal", "bulan", "triwulan", "tahun", "dari", "sampai")}
        kind = raw["periode"] if raw["periode"] in KINDS else "bulan"
        try:
            found = _parse(kind, raw, today)
        except ValueError:
            return cls("bulan", month_start(today), month_end(today),
                       ("Periode tidak valid; laporan bulan ini yang ditampilkan.",), raw)
        return cls(kind, *found, raw=raw)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self, lang: str = "id") -> str:
        months = month_names(lang)
        if self.kind == "hari":
            return _day(self.start, months)
        if self.kind == "bulan":
            return f"{months[self.start.month - 1]} {self.start.year}"
        if self.kind == "triwulan":
            quarter = ROMAN[(self.start.month - 1) // 3]
            return f"{'Quarter' if lang == 'en' else 'Triwulan'} {quarter} {self.start.year}"
        if self.kind == "tahun":
            return f"{'Year' if lang == 'en' else 'Tahun'} {self.start.year}"
        return f"{_day(self.start, months)} – {_day(self.end, months)}"

    def args(self) -> dict:
        """The query string that selects this period again (links, exports)."""
        if self.kind == "hari":
            return {"periode": "hari", "tanggal": self.start.isoformat()}
        if self.kind == "bulan":
            return {"periode": "bulan", "bulan": f"{self.start:%Y-%m}"}
        if self.kind == "triwulan":
            return {"periode": "triwulan", "tahun": str(self.start.year),
                    "triwulan": str((self.start.month - 1) // 3 + 1)}
        if self.kind == "tahun":
            return {"periode": "tahun", "tahun": str(self.start.year)}
        return {"periode": "rentang", "dari": self.start.isoformat(),
                "sampai": self.end.isoformat()}

    def spans(self) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
        """(first and last month start of the whole months inside, or None; the day ranges
        left at either end): a year reads 12 month counters, not 365 day counters."""
        first = self.start if self.start.day == 1 else next_month(self.start)
        last_end = self.end if self.end == month_end(self.end) else \
            month_start(self.end) - timedelta(days=1)
        if first > last_end:
            return None, [(self.start, self.end)]
        edges = [(self.start, first - timedelta(days=1)),
                 (last_end + timedelta(days=1), self.end)]
        return (first, month_start(last_end)), [(a, b) for a, b in edges if a <= b]


def _day(day: date, months) -> str:
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _parse(kind: str, raw: dict, today: date) -> tuple[date, date]:
    """(start, end) of the chosen period; an empty value means the one containing today."""
    if kind == "hari":
        day = date.fromisoformat(raw["tanggal"]) if raw["tanggal"] else today
        return day, day
    if kind == "bulan" and "-" in raw["bulan"]:  # bulan=YYYY-MM: links and exports
        start = date.fromisoformat(raw["bulan"] + "-01")
        return start, month_end(start)
    year = int(raw["tahun"]) if raw["tahun"] else today.year
    if not 2000 <= year <= 2100:
        raise ValueError(year)
    if kind == "bulan":  # the form: the month's number (bulan=3) and its year (tahun=2026)
        start = date(year, int(raw["bulan"]), 1) if raw["bulan"] else month_start(today)
        return start, month_end(start)
    if kind == "triwulan":
        quarter = int(raw["triwulan"]) if raw["triwulan"] else (today.month - 1) // 3 + 1
        if not 1 <= quarter <= 4:
            raise ValueError(quarter)
        start = date(year, 3 * quarter - 2, 1)
        return start, month_end(date(year, 3 * quarter, 1))
    if kind == "tahun":
        return date(year, 1, 1), date(year, 12, 31)
    start = date.fromisoformat(raw["dari"]) if raw["dari"] else month_start(today)
    end = date.fromisoformat(raw["sampai"]) if raw["sampai"] else today
    start, end = min(start, end), max(start, end)
    if (end - start).days >= MAX_DAYS:
        raise ValueError("too long")
    return start, end
