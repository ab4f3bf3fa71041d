"""The period a report covers: a day, a month, a quarter, a half year (semester), a year or
a custom range of dates (the office's local calendar days), parsed from the report form's
query string.

A month comes as bulan=YYYY-MM (links, exports: `Period.args()`) or, from the form, as the
month's number and its year (bulan=3&tahun=2026). Quarters, semesters and years are the
Survey IKM's periods (app/survey/periods.py: which months a Triwulan II or a Semester II
covers is decided there, once); only the query string's names differ (triwulan=, semester=
here, ke= there).

A bad value is reported (`errors`) and the screen shows the default (this month), never an
error page; an export refuses it. A range typed end first is swapped and said so (`notices`,
the staff screens' one rule, services.pagination.ordered_dates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from forms_schema import month_names

from ..i18n import N_
from ..services.pagination import ordered_dates
from ..survey import periods as whole_months

KINDS = {"hari": _l("Hari"), "bulan": _l("Bulan"), "triwulan": _l("Triwulan"),
         "semester": _l("Semester"), "tahun": _l("Tahun"), "rentang": _l("Rentang tanggal")}
MAX_DAYS = 3660  # a custom range of at most ten years
ROMAN = whole_months.ROMAN
MSG_INVALID = N_("Periode tidak valid; laporan bulan ini yang ditampilkan.")
MSG_TOO_LONG = N_("Rentang tanggal paling panjang 10 tahun; laporan bulan ini yang "
                  "ditampilkan.")


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
    notices: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def month_of(cls, day: date) -> Period:
        return cls("bulan", month_start(day), month_end(day))

    @classmethod
    def parse(cls, args, today: date) -> Period:
        raw = {k: (args.get(k) or "").strip()[:20] for k in (
            "periode", "tanggal", "bulan", "triwulan", "semester", "tahun", "dari", "sampai")}
        kind = raw["periode"] or "bulan"  # no period asked for: this month
        try:
            if kind not in KINDS:  # a mistyped link is refused, not read as this month
                raise ValueError(kind)
            start, end, swapped = _parse(kind, raw, today)
        except ValueError as exc:
            message = MSG_TOO_LONG if exc.args == (TOO_LONG,) else MSG_INVALID
            return cls("bulan", month_start(today), month_end(today), (message,), raw)
        return cls(kind, start, end, raw=raw, notices=(swapped,) if swapped else ())

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
        if self.kind == "semester":
            half = ROMAN[(self.start.month - 1) // 6]
            return f"{'Half-year' if lang == 'en' else 'Semester'} {half} {self.start.year}"
        if self.kind == "tahun":
            return f"{'Year' if lang == 'en' else 'Tahun'} {self.start.year}"
        return f"{_day(self.start, months)} – {_day(self.end, months)}"

    def args(self) -> dict:
        """The query string that selects this period again (links, exports)."""
        if self.kind == "hari":
            return {"periode": "hari", "tanggal": self.start.isoformat()}
        if self.kind == "bulan":
            return {"periode": "bulan", "bulan": f"{self.start:%Y-%m}"}
        if self.kind in ("triwulan", "semester"):
            number = whole_months.containing(self.kind, self.start).number
            return {"periode": self.kind, "tahun": str(self.start.year),
                    self.kind: str(number)}
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


TOO_LONG = "too long"


def _parse(kind: str, raw: dict, today: date) -> tuple[date, date, str]:
    """(start, end, the swap notice or "") of the chosen period; an empty value means the
    one containing today."""
    if kind == "hari":
        day = date.fromisoformat(raw["tanggal"]) if raw["tanggal"] else today
        return day, day, ""
    if kind == "bulan" and "-" in raw["bulan"]:  # bulan=YYYY-MM: links and exports
        start = date.fromisoformat(raw["bulan"] + "-01")
        return start, month_end(start), ""
    if kind == "rentang":
        return _range(raw, today)
    year = int(raw["tahun"]) if raw["tahun"] else today.year
    if not 2000 <= year <= 2100:
        raise ValueError(year)
    if kind == "bulan":  # the form: the month's number (bulan=3) and its year (tahun=2026)
        start = date(year, int(raw["bulan"]), 1) if raw["bulan"] else month_start(today)
        return start, month_end(start), ""
    number = int(raw[kind]) if kind != "tahun" and raw[kind] else \
        whole_months.containing(kind, today).number
    if not 1 <= number <= 12 // whole_months.KINDS[kind]:
        raise ValueError(number)
    found = whole_months.Period(kind, year, number)
    return found.start, found.end - timedelta(days=1), ""


def _range(raw: dict, today: date) -> tuple[date, date, str]:
    """A custom range: typed end first it is swapped (and said so) as in the other staff
    screens; longer than MAX_DAYS it is refused (a report over decades reads every day
    counter and says nothing useful)."""
    start = date.fromisoformat(raw["dari"]) if raw["dari"] else month_start(today)
    end = date.fromisoformat(raw["sampai"]) if raw["sampai"] else today
    start, end, swapped = ordered_dates(start, end)
    swapped = swapped or ""
    if (end - start).days >= MAX_DAYS:
        raise ValueError(TOO_LONG)
    return start, end, swapped
