"""The one rule set for NIK, NPWP, NIB and mobile numbers (forms_schema.identity): every
form (registration, profile, wizard, permit forms) checks these numbers through it."""

from datetime import date

import pytest

from app.regions import province_exists
from forms_schema import identity

TODAY = date(2026, 6, 15)
NIB = "Format NIB harus 13 digit angka."
KNOWN = {"64", "31"}.__contains__


def nik(province="64", rest="7201", day="17", month="08", year="85", serial="0001"):
    return f"{province}{rest}{day}{month}{year}{serial}"


def test_valid_nik_male_and_female():
    assert identity.nik_problem(nik(), KNOWN, today=TODAY) is None
    assert identity.nik_problem(nik(day="57"), KNOWN, today=TODAY) is None
    assert identity.nik_gender(nik()) == "L"
    assert identity.nik_gender(nik(day="57")) == "P"
    assert identity.nik_birth_date(nik(day="57"), today=TODAY) == date(1985, 8, 17)


def test_nik_against_real_region_data():
    assert identity.nik_problem(nik(), province_exists) is None
    assert identity.nik_problem(nik(province="99"), province_exists) == (
        "NIK tidak valid: kode provinsi tidak dikenal."
    )


@pytest.mark.parametrize(
    "value",
    ["", None, 6472011708850001, "647201170885000", "64720117088500011", "64720117O8850001",
     "6472 0117 0885 0001", "٦٤72011708850001"],
)
def test_nik_must_be_16_ascii_digits(value):
    assert identity.nik_problem(value, KNOWN, today=TODAY) == "NIK harus 16 digit angka."


def test_surrounding_whitespace_is_ignored():
    assert identity.nik_problem(f"  {nik()}\n", KNOWN, today=TODAY) is None


def test_unknown_province():
    assert identity.nik_problem(nik(province="99"), KNOWN, today=TODAY) == (
        "NIK tidak valid: kode provinsi tidak dikenal."
    )


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("00", "08", "85"), ("32", "08", "85"), ("40", "08", "85"), ("72", "08", "85"),
     ("31", "04", "85"), ("71", "04", "85"), ("17", "00", "85"), ("17", "13", "85"),
     ("29", "02", "85"), ("69", "02", "85"), ("29", "02", "01")],
)
def test_invalid_birth_date(day, month, year):
    value = nik(day=day, month=month, year=year)
    assert identity.nik_problem(value, KNOWN, today=TODAY) == (
        "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."
    )
    with pytest.raises(ValueError):
        identity.nik_birth_date(value, today=TODAY)


def test_leap_days_and_boundaries_are_real_dates():
    assert identity.nik_problem(nik(day="29", month="02", year="84"), KNOWN, today=TODAY) is None
    assert identity.nik_problem(nik(day="71", month="12", year="99"), KNOWN, today=TODAY) is None
    assert identity.nik_problem(nik(day="01", month="01", year="00"), KNOWN, today=TODAY) is None


@pytest.mark.parametrize(
    ("year", "born"),
    [("85", date(1985, 8, 17)), ("05", date(2005, 8, 17)), ("25", date(2025, 8, 17)),
     ("26", date(1926, 8, 17)), ("30", date(1930, 8, 17))],
)
def test_two_digit_year_picks_century_not_in_future(year, born):
    assert identity.nik_birth_date(nik(year=year), today=TODAY) == born


def test_birth_today_is_allowed_and_tomorrow_goes_back_a_century():
    assert identity.nik_birth_date(nik(day="15", month="06", year="26"), today=TODAY) == TODAY
    assert identity.nik_birth_date(
        nik(day="16", month="06", year="26"), today=TODAY
    ) == date(1926, 6, 16)


def test_serial_0000_is_refused():
    assert identity.nik_problem(nik(serial="0000"), KNOWN, today=TODAY) == (
        "NIK tidak valid: nomor urut tidak boleh 0000."
    )
    assert identity.nik_problem(nik(serial="0010"), KNOWN, today=TODAY) is None


def test_nik_gender_rejects_malformed():
    with pytest.raises(ValueError):
        identity.nik_gender("123")


@pytest.mark.parametrize(
    ("raw", "digits"),
    [("01.234.567.8-901.000", "012345678901000"), (" 0123 4567 8901 000 ", "012345678901000"),
     ("1234567890123456", "1234567890123456"), (None, "")],
)
def test_normalise_npwp(raw, digits):
    assert identity.normalise_npwp(raw) == digits


@pytest.mark.parametrize("value", ["01.234.567.8-901.000", "012345678901000", "1234567890123456"])
def test_valid_npwp(value):
    assert identity.npwp_problem(value) is None


@pytest.mark.parametrize(
    "value", ["", "01234567890100", "12345678901234567", "01234567890100A", None]
)
def test_invalid_npwp(value):
    assert identity.npwp_problem(value) == "Format NPWP harus 15 atau 16 digit angka."


@pytest.mark.parametrize(
    ("value", "message"),
    [("1234567890123", None), (" 1234567890123 ", None),
     ("123456789012", NIB), ("12345678901234", NIB), ("12345678901a3", NIB), (None, NIB)],
)
def test_nib(value, message):
    assert identity.nib_problem(value) == message


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("081234567890", "081234567890"), ("+6281234567890", "081234567890"),
     ("6281234567890", "081234567890"), ("+62 812-3456-7890", "081234567890"),
     ("0812.3456.789", "08123456789"), ("(0812) 3456 7890", "081234567890"),
     ("0811234567", "0811234567"), ("08123456789012", "08123456789012")],
)
def test_valid_phone_is_normalised(raw, normal):
    assert identity.phone_problem(raw) is None
    assert identity.normalise_phone(raw) == normal


@pytest.mark.parametrize(
    "value",
    ["", None, "02112345678", "+6221123456", "081234", "08123456", "08123456789012345",
     "+1 812 3456 7890", "0812345678a", "812345678901", "+62081234567890"],
)
def test_invalid_phone(value):
    assert identity.phone_problem(value) == "Nomor HP tidak valid (contoh: 081234567890)."


def test_normalise_phone_leaves_invalid_input_alone():
    assert identity.normalise_phone(" 021-123 ") == "021-123"


@pytest.mark.parametrize(
    "typed", ["081234567890", "+6281234567890", "6281234567890", "+62 812-3456-7890",
              "(0812) 3456.7890"])
def test_every_form_stores_a_mobile_number_in_one_form(typed):
    """The phone field type (permit forms, registration, profile, wizard) uses these rules:
    +62/62/0 prefixes and separators are accepted and stored as 08..., on both paths."""
    from werkzeug.datastructures import MultiDict

    from forms_schema import build_form, clean_answers

    definition = {"sections": [{"title": {"id": "Kontak"}, "fields": [
        {"key": "hp", "type": "phone", "required": True}]}]}
    form = build_form(definition)(MultiDict({"hp": typed}))
    assert form.validate(), form.errors
    assert form.schema_answers() == {"hp": "081234567890"}
    assert clean_answers(definition, {"hp": typed}) == ({"hp": "081234567890"}, {})
