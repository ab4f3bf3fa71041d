"""The one masker for free text (privacy.masking.scrub): a NIK, NPWP or NIB is recognised as
people type it (bare, grouped by spaces, dashes or dots, the printed NPWP), and ordinary
numbers around it are left readable."""

from __future__ import annotations

import pytest

from app.privacy.masking import scrub

NIK = "6472011505900001"


@pytest.mark.parametrize("typed", [
    "6472011505900001", "6472 0115 0590 0001", "6472-0115-0590-0001", "6472.0115.0590.0001",
    "64 72 01 150590 0001"])
def test_a_nik_in_any_grouping_keeps_only_its_first_and_last_four(typed):
    shown = scrub(f"Login pemohon ditolak: {typed}")
    assert shown == "Login pemohon ditolak: 6472********0001"


@pytest.mark.parametrize("typed", ["01.234.567.8-901.234", "012345678901234",
                                   "01 234 567 8 901 234", "01-234-567-8-901-234"])
def test_an_npwp_old_or_new_format_is_masked(typed):
    assert scrub(f"NPWP {typed}.") == "NPWP 0123*******1234."


def test_an_nib_is_masked_and_a_nik_followed_by_a_year_still_is():
    assert scrub("NIB 9120 1028 30011") == "NIB 9120*****0011"
    assert scrub(f"NIK {NIK} 2026") == "NIK 6472********0001 2026"
    assert NIK not in scrub(f"NIK saya {NIK}, NPWP 01.234.567.8-901.234")


@pytest.mark.parametrize("text", [
    "Tanggal 2026-12-01 2026-12-31", "31.12.2026 s/d 01.01.2027", "Hubungi 0812-3456-7890",
    "WA +62 812 3456 78901", "HP 0812 3456 78901", "Resi K7QM-2XHD-9RTB", "Rp 1.500.000",
    "No. 12/SIP-D/09/2026", "Ref 12345678901234567890", "dihapus: drafts 0, files 12",
    "Pukul 2026-12-07 04:31:08", ""])
def test_ordinary_numbers_are_left_as_they_are(text):
    assert scrub(text) == text


@pytest.mark.parametrize(("typed", "shown"), [
    ("NIB 0812345678901", "NIB 0812*****8901"),
    ("NIB: 0812-3456-78901", "NIB: 0812*****8901"),
    ("NIB 6281234567890", "NIB 6281*****7890"),
    ("nomor 628 1234 567 890 terbit", "nomor 6281*****7890 terbit"),
    ("0812 3456 78901", "0812*****8901"),
    ("HP 0811111111, NIB 0812345678901", "HP 0811111111, NIB 0812*****8901"),
    ("NIB 0812345678901 HP 081234567890", "NIB 0812*****8901 HP 081234567890"),
])
def test_an_nib_that_looks_like_a_mobile_number_is_masked(typed, shown):
    """A 13-digit NIB may start 08 or 628 like a mobile number; unless the text says it is a
    phone, masking wins."""
    assert scrub(typed) == shown


@pytest.mark.parametrize("text", [
    "Hubungi 0812345678", "Hubungi 08123456789", "Hubungi 081234567890", "Hubungi 0812-3456-7890",
    "WA +62 812 3456 7890", "hubungi +6281234567890", "+62 812-3456-7890",
    "No. HP: 0812 3456 78901", "Telp. 0812-3456-78901", "HP/WA 0812345678901",
    "WhatsApp: 6281234567890", "(HP) 0812.3456.78901", "phone no. 0812345678901",
])
def test_a_phone_number_written_as_one_stays_readable(text):
    assert scrub(text) == text


# 15 digits: an old NPWP, or a mobile number in its 62 form (62 812 3456 789012) ------------
@pytest.mark.parametrize("text", [
    "HP 628123456789012", "WA +62 812 3456 789012", "No. HP: 62-812-3456-789012",
    "WhatsApp: +628123456789012", "Telp. 628 1234 5678 9012",
    # a phone number is passed over whole: the 13 digits inside it are no NIB
    "HP 0812 3456 78901 2026", "WA +62 812 3456 789012 (Siti)",
])
def test_a_fifteen_digit_mobile_number_written_as_one_stays_readable(text):
    assert scrub(text) == text


@pytest.mark.parametrize(("typed", "shown"), [
    # bare: an old NPWP as far as anyone can tell (privacy by default)
    ("628123456789012", "6281*******9012"),
    ("nomor 62 812 3456 789012", "nomor 6281*******9012"),
    # after a phone word but not a phone number (the forms' phone rule says no)
    ("HP 012345678901234", "HP 0123*******1234"),
    ("WA: 01.234.567.8-901.234", "WA: 0123*******1234"),
])
def test_a_fifteen_digit_npwp_is_masked_unless_written_as_a_phone(typed, shown):
    assert scrub(typed) == shown


@pytest.mark.parametrize("typed", [
    # a NIK of Kalimantan Tengah (province 62) starts 628...: after "HP" or a "+" it is
    # still sixteen digits, and no Indonesian mobile number is that long
    "HP 6281234567890123", "WA +6281234567890123", "No. HP: 6281 2345 6789 0123",
    "WhatsApp 6281-2345-6789-0123", "Telp. +62 812 3456 7890 123",
])
def test_sixteen_digits_are_a_nik_even_when_written_as_a_phone(typed):
    shown = scrub(typed)
    assert "6281********0123" in shown and "6281234567890123" not in shown.replace(" ", "")
