"""Checks for Indonesian identity and contact numbers (NIK, NPWP, NIB, HP, kode pos).

Each ``check_*`` returns ``None`` when the value is acceptable or the Indonesian message to show
next to the field, so form fields, the Excel importer and the API all word errors the same way.
Normalisers never fail: they tidy what they can and leave validation to the matching check.

Only ASCII digits count: ``str.isdigit`` and ``\\d`` also accept Arabic-Indic or full-width
digits, which would pass a check and then break every downstream system that stores the number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

__all__ = [
    "check_nib",
    "check_nik",
    "check_npwp",
    "check_phone",
    "check_postal_code",
    "nik_birth_date",
    "nik_gender",
    "normalise_npwp",
    "normalise_phone",
]

MSG_NIK_FORMAT = "No NIK hanya boleh Angka 16 digit"
MSG_NIK_PROVINCE = "Kode provinsi pada NIK tidak dikenal"
MSG_NIK_BIRTH_DATE = "Tanggal lahir pada NIK tidak valid"
MSG_NIK_SERIAL = "Nomor urut pada NIK tidak valid"
MSG_NPWP = "NPWP harus 15 atau 16 digit angka"
MSG_NIB = "NIB harus 13 digit angka"
MSG_PHONE = "Nomor HP tidak valid"
MSG_POSTAL_CODE = "Kode pos harus 5 digit angka"

_NIK_RX = re.compile(r"[0-9]{16}")
_NPWP_RX = re.compile(r"[0-9]{15,16}")
_NIB_RX = re.compile(r"[0-9]{13}")
_POSTAL_RX = re.compile(r"[0-9]{5}")
# After the country/trunk prefix: the mobile "8" then 7..12 more digits (08xx-xxxx-xxxx).
_PHONE_RX = re.compile(r"(?:\+62|62|0)(8[0-9]{7,12})")
_SEPARATORS = re.compile(r"[\s.\-/()]")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _nik_date(nik: str, today: date) -> date | None:
    """Birth date encoded in digits 7-12; women's day is stored +40. None if not a real date."""
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    # Two-digit year: the most recent century that does not put the birth in the future.
    for century in (2000, 1900):
        try:
            born = date(century + year2, month, day)
        except ValueError:
            continue
        if born <= today:
            return born
    return None


def check_nik(
    value: object, province_exists: Callable[[str], bool], *, today: date | None = None
) -> str | None:
    """Validate a NIK's structure: PP KK CC DDMMYY SSSS.

    That is province, regency, district, birth date (women +40 on the day) and serial.

    ``province_exists`` is injected so this module stays free of the region data and tests can
    use any province list. ``today`` exists for tests around the century boundary.
    """
    nik = _text(value)
    if not _NIK_RX.fullmatch(nik):
        return MSG_NIK_FORMAT
    if not province_exists(nik[:2]):
        return MSG_NIK_PROVINCE
    if _nik_date(nik, today or date.today()) is None:
        return MSG_NIK_BIRTH_DATE
    if nik[12:] == "0000":
        return MSG_NIK_SERIAL
    return None


def nik_birth_date(nik: str, *, today: date | None = None) -> date:
    """Birth date from a NIK; raises ValueError when the NIK does not encode a real one."""
    text = _text(nik)
    born = _nik_date(text, today or date.today()) if _NIK_RX.fullmatch(text) else None
    if born is None:
        raise ValueError(MSG_NIK_BIRTH_DATE)
    return born


def nik_gender(nik: str) -> str:
    """'P' (perempuan) when the day was stored +40, otherwise 'L' (laki-laki)."""
    text = _text(nik)
    if not _NIK_RX.fullmatch(text):
        raise ValueError(MSG_NIK_FORMAT)
    return "P" if int(text[6:8]) > 40 else "L"


def normalise_npwp(value: object) -> str:
    """Digits of an NPWP typed as 01.234.567.8-901.000, with spaces, or bare."""
    return re.sub(r"[.\-\s]", "", _text(value))


def check_npwp(value: object) -> str | None:
    """15 digits (old format) or 16 (NIK-based NPWP since 2024); separators are allowed."""
    return None if _NPWP_RX.fullmatch(normalise_npwp(value)) else MSG_NPWP


def check_nib(value: object) -> str | None:
    return None if _NIB_RX.fullmatch(_text(value)) else MSG_NIB


def normalise_phone(value: object) -> str:
    """Indonesian mobile numbers in one form, 08..., so WhatsApp OTP and duplicate checks agree.

    Accepts +62 / 62 / 0 prefixes and spaces, dots, dashes or brackets between digits. A value
    that is not a mobile number comes back stripped but otherwise unchanged.
    """
    text = _text(value)
    match = _PHONE_RX.fullmatch(_SEPARATORS.sub("", text))
    return "0" + match.group(1) if match else text


def check_phone(value: object) -> str | None:
    text = _text(value)
    return None if _PHONE_RX.fullmatch(_SEPARATORS.sub("", text)) else MSG_PHONE


def check_postal_code(value: object) -> str | None:
    return None if _POSTAL_RX.fullmatch(_text(value)) else MSG_POSTAL_CODE
