"""Report periods: a month, a quarter (triwulan), a half year (semester) or a year.

Every period is a run of whole months, which is why the aggregate is kept per month. Pure
Python: labels are Indonesian (the report's language; the web layer translates the words);
the month names are forms_schema.months'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from forms_schema import month_names

KINDS = {"bulan": 1, "triwulan": 3, "semester": 6, "tahun": 12}  # kind -> months
ROMAN = ("I", "II", "III", "IV")
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int  # month 1-12, quarter 1-4, semester 1-2; 1 for a year

    @property
    def months(self) -> int:
        return KINDS[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def end(self) -> date:
        """The first day after the period."""
        month = (self.number - 1) * self.months + self.months + 1
        return date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    def month_starts(self) -> list[date]:
        first = self.start.month
        return [date(self.year, first + k, 1) for k in range(self.months)]

    @property
    def key(self) -> str:
        return {"bulan": f"{self.year}-{self.number:02d}",
                "triwulan": f"{self.year}-T{self.number}",
                "semester": f"{self.year}-S{self.number}", "tahun": str(self.year)}[self.kind]

    @property
    def label(self) -> str:
        if self.kind == "bulan":
            return f"{month_names('id')[self.number - 1]} {self.year}"
        if self.kind == "triwulan":
            return f"Triwulan {ROMAN[self.number - 1]} {self.year}"
        if self.kind == "semester":
            return f"Semester {ROMAN[self.number - 1]} {self.year}"
        return f"Tahun {self.year}"

    def args(self) -> dict[str, str]:
        return {"periode": self.kind, "tahun": str(self.year), "ke": str(self.number)}


def containing(kind: str, day: date) -> Period:
    return Period(kind, day.year, (day.month - 1) // KINDS[kind] + 1)


def parse(args: Mapping[str, str], today: date) -> Period:
    """From the report's query string; anything missing or out of range falls back to the
    period of that kind containing today (a year when the kind is unknown)."""
    kind = args.get("periode") or "tahun"
    if kind not in KINDS:
        kind = "tahun"
    current = containing(kind, today)
    try:
        year = int(args.get("tahun") or current.year)
        number = int(args.get("ke") or (current.number if year == current.year else 1))
    except ValueError:
        return current
    if not FIRST_YEAR <= year <= today.year + 1 or not 1 <= number <= 12 // KINDS[kind]:
        return current
    return Period(kind, year, number)


def numbers(kind: str, lang: str = "id") -> list[tuple[int, str]]:
    """(number, label) of the periods of a kind in a year, for the form's select (months
    named in `lang`)."""
    if kind == "bulan":
        return list(enumerate(month_names(lang), start=1))
    if kind in ("triwulan", "semester"):
        return [(n + 1, ROMAN[n]) for n in range(12 // KINDS[kind])]
    return [(1, "-")]
