"""Receipt codes: the shape people read over the phone, and every symbol equally likely."""

from __future__ import annotations

from collections import Counter

from app.services import resi


def test_a_new_receipt_is_twelve_symbols_without_look_alikes_and_reads_back():
    code = resi.new_resi()
    assert len(code) == resi.LENGTH == 12
    assert set(code) <= set(resi.ALPHABET) and not set(code) & set("01OI")
    assert resi.looks_valid(resi.display(code).lower())
    assert resi.normalise(resi.display(code)) == code


def test_every_symbol_turns_up_at_every_position():
    """A biased or truncated draw (fewer than 5 random bits per symbol) leaves symbols out;
    with 3,000 codes a fair one misses any symbol at any position with probability ~1e-40."""
    codes = [resi.new_resi() for _ in range(3000)]
    assert len(set(codes)) == len(codes)
    for position in range(resi.LENGTH):
        seen = Counter(code[position] for code in codes)
        assert set(seen) == set(resi.ALPHABET), position
        assert max(seen.values()) < 3 * min(seen.values()), position
