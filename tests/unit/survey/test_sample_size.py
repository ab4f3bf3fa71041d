"""The minimum sample: the Krejcie-Morgan table of the regulation's annex."""

from __future__ import annotations

import pytest

from app.survey.sample_size import KREJCIE_MORGAN, formula, minimum_sample


def test_every_row_of_the_table_is_the_formula_rounded():
    """Guards the transcription: each printed S is the formula's value, rounded."""
    for population, sample in KREJCIE_MORGAN:
        assert abs(formula(population) - sample) < 1, (population, sample, formula(population))


def test_the_table_grows_and_never_exceeds_its_population():
    assert all(a[0] < b[0] and a[1] <= b[1] for a, b in zip(KREJCIE_MORGAN, KREJCIE_MORGAN[1:],
                                                            strict=False))
    assert all(s <= n for n, s in KREJCIE_MORGAN)


@pytest.mark.parametrize(("population", "sample"), [
    (0, 0), (7, 7), (10, 10), (11, 14), (100, 80), (101, 86), (278, 162), (1000, 278),
    (2500, 335), (10000, 370), (5_000_000, 384),
])
def test_a_population_between_rows_takes_the_next_row(population, sample):
    assert minimum_sample(population) == sample
