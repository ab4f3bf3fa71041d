"""The calculation of PermenPANRB 14/2017 on a data set computed by hand.

Ten respondents, the nine unsur of the regulation (U1 Persyaratan ... U9 Sarana dan
prasarana), answers 1-4:

    respondent  U1 U2 U3 U4 U5 U6 U7 U8 U9
    R1           3  3  3  3  4  3  3  2  3
    R2           4  3  3  2  4  3  4  3  3
    R3           3  2  3  3  4  3  3  3  3
    R4           4  4  3  3  4  4  4  3  4
    R5           3  3  2  3  4  3  3  2  3
    R6           3  3  3  3  4  3  4  3  3
    R7           2  3  3  2  4  3  3  3  3
    R8           4  3  4  3  4  3  3  3  4
    R9           3  3  3  3  4  4  3  2  3
    R10          3  4  3  3  4  3  3  3  3
    sum         32 31 30 28 40 32 33 27 32
    NRR       3.20 3.10 3.00 2.80 4.00 3.20 3.30 2.70 3.20   (sum / 10)

Bobot = 1/9. Weighted NRR = NRR / 9: 0.356 0.344 0.333 0.311 0.444 0.356 0.367 0.300 0.356.
IKM unit = (3.20 + 3.10 + 3.00 + 2.80 + 4.00 + 3.20 + 3.30 + 2.70 + 3.20) / 9 = 28.5 / 9
= 3.1667 (3.167); converted 3.1667 x 25 = 79.1667 -> 79.17, in 76.61-88.30: mutu B, kinerja
"Baik". (Printed examples that round the weight to 0.111 first get 28.5 x 0.111 x 25 = 79.09;
the weight here is exactly 1/9 and rounding happens only for display.)
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from app.survey import ikm

CODES = [f"U{n}" for n in range(1, 10)]
ANSWERS = """
3 3 3 3 4 3 3 2 3
4 3 3 2 4 3 4 3 3
3 2 3 3 4 3 3 3 3
4 4 3 3 4 4 4 3 4
3 3 2 3 4 3 3 2 3
3 3 3 3 4 3 4 3 3
2 3 3 2 4 3 3 3 3
4 3 4 3 4 3 3 3 4
3 3 3 3 4 4 3 2 3
3 4 3 3 4 3 3 3 3
"""
ROWS = [dict(zip(CODES, map(int, line.split()), strict=True))
        for line in ANSWERS.strip().splitlines()]


def test_the_worked_example_to_two_decimals():
    score = ikm.score_rows(ROWS, CODES)
    nrr = {u.code: str(ikm.rounded(u.nrr)) for u in score.unsur}
    assert nrr == {"U1": "3.20", "U2": "3.10", "U3": "3.00", "U4": "2.80", "U5": "4.00",
                   "U6": "3.20", "U7": "3.30", "U8": "2.70", "U9": "3.20"}
    weighted = [str(ikm.rounded(u.weighted, 3)) for u in score.unsur]
    assert weighted == ["0.356", "0.344", "0.333", "0.311", "0.444", "0.356", "0.367",
                        "0.300", "0.356"]
    assert score.weight == Fraction(1, 9)
    assert score.value == Fraction(285, 90)
    assert str(ikm.rounded(score.value, 3)) == "3.167"
    assert score.converted_2 == Decimal("79.17")
    assert (score.grade.letter, score.grade.kinerja) == ("B", "Baik")


def test_totals_give_the_same_figures_as_rows():
    """The report works from counters (how many gave each value), not from rows."""
    totals = {code: (len(ROWS), sum(r[code] for r in ROWS)) for code in CODES}
    assert ikm.score(totals) == ikm.score_rows(ROWS, CODES)


@pytest.mark.parametrize(("converted", "letter", "kinerja"), [
    ("100.00", "A", "Sangat Baik"), ("88.31", "A", "Sangat Baik"), ("88.30", "B", "Baik"),
    ("76.61", "B", "Baik"), ("76.60", "C", "Kurang Baik"), ("65.00", "C", "Kurang Baik"),
    ("64.99", "D", "Tidak Baik"), ("25.00", "D", "Tidak Baik"),
])
def test_the_grade_bands_of_the_regulation(converted, letter, kinerja):
    grade = ikm.grade_for(Decimal(converted))
    assert (grade.letter, grade.kinerja) == (letter, kinerja)


def test_a_value_on_a_band_edge_is_graded_as_the_rounded_figure_shows():
    # one unsur, 5,000 answers summing to 15,321: NRR 3.0642, converted 76.605 exactly
    score = ikm.score({"U1": (5000, 15321)})
    assert score.converted == Fraction(76605, 1000)
    assert score.converted_2 == Decimal("76.61")  # half up, not half to even (76.60)
    assert score.grade.letter == "B"
    # 2.5998 x 25 = 64.995 -> 65.00: C, not the D its unrounded value would fall below
    assert ikm.score({"U1": (5000, 12999)}).grade.letter == "C"


def test_an_unsur_nobody_answered_is_left_out_and_no_answers_give_no_index():
    score = ikm.score({"U1": (2, 8), "U2": (0, 0)})
    assert [u.code for u in score.unsur] == ["U1"] and score.weight == 1
    assert score.converted_2 == Decimal("100.00")
    assert ikm.score({"U1": (0, 0)}) is None


def test_figures_read_in_the_readers_language():
    assert ikm.text(Fraction(475, 6)) == "79,17"
    assert ikm.text(Fraction(475, 6), lang="en") == "79.17"
    assert ikm.text(Decimal("1234.5"), 1) == "1.234,5"
    assert ikm.text("3.20") == "3,20" and ikm.text(None) == "-"
