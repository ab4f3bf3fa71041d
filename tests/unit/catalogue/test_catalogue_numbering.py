"""Registration and permit number templates."""

from __future__ import annotations

from datetime import date

import pytest

from catalogue import NumberFormatError, format_number, validate_format


def test_registration_number_like_spontan():
    assert format_number("{seq}/SIPD-B/{month}/{year}", seq=1,
                         date=date(2023, 9, 4)) == "1/SIPD-B/09/2023"


def test_padding_roman_month_day_and_names():
    fmt = "503/{seq:04}/{permit}/{agency}/{type}/{day}.{month_roman}/{year}"
    assert format_number(fmt, seq=7, date=date(2026, 12, 5), agency="DPMPTSP",
                         permit="SIP-DOKTER", app_type="baru") == \
        "503/0007/SIP-DOKTER/DPMPTSP/baru/05.XII/2026"
    assert format_number("{seq:03}", seq=12345, date=date(2026, 1, 1)) == "12345"
    assert format_number("{{{seq}}}", seq=3, date=date(2026, 1, 1)) == "{3}"


@pytest.mark.parametrize(("month", "roman"), list(enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], start=1)))
def test_every_roman_month(month, roman):
    assert format_number("{month_roman}-{seq}", seq=1, date=date(2026, month, 1)) == f"{roman}-1"


@pytest.mark.parametrize(("fmt", "fragment"), [
    ("{seq}/{tahun}", "{tahun}"),
    ("{seq/{year}", "tidak ditutup"),
    ("{seq}}/x}", "tanpa pasangan"),
    ("IZIN/{year}", "{seq}"),
    ("{seq:4}", "{seq:4}"),
    ("", "wajib"),
])
def test_bad_formats_are_explained(fmt, fragment):
    errors = validate_format(fmt)
    assert errors and any(fragment in e for e in errors)
    with pytest.raises(NumberFormatError):
        format_number(fmt, seq=1, date=date(2026, 1, 1))


def test_every_sample_format_is_valid():
    from tests.unit.catalogue.catalogue_builders import sample

    for permit in sample().permits:
        assert validate_format(permit["registration_number"]) == []
        assert validate_format(permit["permit_number"]) == []
