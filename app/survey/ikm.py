"""The calculation of PermenPANRB 14/2017 (Pedoman Penyusunan Survei Kepuasan Masyarakat).

For each unsur (service element) the NRR (nilai rata-rata) is the sum of its answers (1-4)
divided by the number of answers; each unsur weighs the same, bobot = 1 / number of unsur;
the weighted NRR is NRR x bobot; the IKM of the unit is the sum of the weighted NRR (scale
1-4) and its converted value is IKM x 25 (scale 25-100). The converted value, rounded to two
decimals as the regulation prints it, gives the mutu (grade) and the kinerja (performance)
words of the regulation's table.

Everything is computed with exact fractions and rounded only for display, half up, so the
figures never depend on the order in which answers were added and a value on a band's edge
(76.605) lands where the rounded figure shown says it does (76.61: B).
Pure Python: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CONVERSION = 25  # 1-4 scale -> 25-100


@dataclass(frozen=True)
class Grade:
    letter: str
    kinerja: str  # the regulation's words, Indonesian (translated where shown)
    low: Decimal
    high: Decimal


# Nilai interval konversi -> mutu pelayanan -> kinerja unit pelayanan
GRADES = (
    Grade("A", "Sangat Baik", Decimal("88.31"), Decimal("100.00")),
    Grade("B", "Baik", Decimal("76.61"), Decimal("88.30")),
    Grade("C", "Kurang Baik", Decimal("65.00"), Decimal("76.60")),
    Grade("D", "Tidak Baik", Decimal("25.00"), Decimal("64.99")),
)


def rounded(value: Fraction | int, places: int = 2) -> Decimal:
    """Half-up rounding of an exact value (Python's round() rounds half to even)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(
        value, Fraction) else Decimal(value)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def text(value, places: int = 2, lang: str = "id") -> str:
    """A figure as people read it: rounded half up, "1.234,57" in Indonesian, "1,234.57" in
    English; "-" when there is none. Accepts a Fraction, Decimal, int, float or "3.20"."""
    if value is None:
        return "-"
    exact = value if isinstance(value, (Fraction, int)) else Fraction(str(value))
    shown = f"{rounded(exact, places):,.{places}f}"
    if lang == "en":
        return shown
    return shown.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def grade_for(converted: Decimal) -> Grade:
    """The band of a converted IKM already rounded to two decimals."""
    for grade in GRADES:
        if grade.low <= converted <= grade.high:
            return grade
    raise ValueError(f"IKM {converted} di luar rentang 25,00-100,00")


@dataclass(frozen=True)
class UnsurScore:
    code: str
    answers: int  # how many respondents answered this unsur
    total: int  # the sum of their answers
    nrr: Fraction
    weighted: Fraction


@dataclass(frozen=True)
class IndexScore:
    unsur: tuple[UnsurScore, ...]
    weight: Fraction
    value: Fraction  # the IKM of the unit, scale 1-4 (sum of the weighted NRR)

    @property
    def converted(self) -> Fraction:
        return self.value * CONVERSION

    @property
    def converted_2(self) -> Decimal:
        return rounded(self.converted)

    @property
    def grade(self) -> Grade:
        return grade_for(self.converted_2)


def weight(unsur: int) -> Fraction:
    """bobot: every unsur weighs the same, 1 / the number of unsur (also what a report with
    no answers yet states as the rule)."""
    return Fraction(1, unsur)


def score(totals: Mapping[str, tuple[int, int]]) -> IndexScore | None:
    """totals: unsur code -> (number of answers, sum of answers), in the order to report.
    An unsur nobody answered is left out (it cannot have an average); no answers at all
    gives None."""
    answered = [(code, n, total) for code, (n, total) in totals.items() if n > 0]
    if not answered:
        return None
    each = weight(len(answered))
    unsur = tuple(UnsurScore(code, n, total, Fraction(total, n), Fraction(total, n) * each)
                  for code, n, total in answered)
    return IndexScore(unsur, each, sum((u.weighted for u in unsur), Fraction(0)))


def score_rows(rows: list[Mapping[str, int]], codes: list[str]) -> IndexScore | None:
    """The same from individual responses (code -> answer 1-4), as a person would tabulate
    a paper survey; used by tests and checks against the aggregate."""
    totals = {code: (sum(1 for r in rows if code in r), sum(r[code] for r in rows if code in r))
              for code in codes}
    return score(totals)
