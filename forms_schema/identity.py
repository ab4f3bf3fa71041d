"""The one rule set for Indonesian identity and contact numbers: NIK, NPWP, NIB, mobile phone.

Registration, the profile, the wizard's fixed steps and every permit form check these numbers
through the field types built on this module, so a number one form accepts no other refuses.
Each ``*_problem`` returns ``None`` for an acceptable value or the message to show next to the
field; normalisers never fail: they tidy what they can and leave the verdict to the check.

Only ASCII digits count: ``str.isdigit`` and ``\\d`` also accept Arabic-Indic or full-width
digits, which would pass a check and then break every downstream system that stores the number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from . import messages as msg

__all__ = [
    "nib_problem",
    "nik_birth_date",
    "nik_gender",
    "nik_problem",
    "normalise_nib",
    "normalise_nik",
    "normalise_npwp",
    "normalise_phone",
    "npwp_problem",
    "phone_problem",
]

_NIK = re.compile(r"[0-9]{16}")
_NPWP = re.compile(r"[0-9]{15,16}")
_NIB = re.compile(r"[0-9]{13}")
# After the country/trunk prefix: the mobile "8" then 7..12 more digits (08xx-xxxx-xxxx).
_PHONE = re.compile(r"(?:\+62|62|0)(8[0-9]{7,12})")
_PHONE_SEPARATORS = re.compile(r"[\s.\-/()]")
_NPWP_SEPARATORS = re.compile(r"[.\-\s]")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _birth_date(nik: str, today: date) -> date | None:
    """Digits 7-12 are DDMMYY, women's day +40. The two-digit year takes the most recent
    century that does not put the birth in the future; None if no century gives a real date."""
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    for century in (2000, 1900):
        try:
            born = date(century + year2, month, day)
        except ValueError:
            continue
        if born <= today:
            return born
    return None


def normalise_nik(value: object) -> str:
    """NIKs are read off a KTP in groups: spaces between the digits are dropped."""
    return re.sub(r"\s", "", _text(value))


def nik_problem(
    value: object,
    province_exists: Callable[[str], bool] | None = None,
    *,
    today: date | None = None,
) -> str | None:
    """PP KK CC DDMMYY SSSS: province, regency, district, birth date, serial (not 0000).

    The value is checked as given (a form field normalises it first). ``province_exists`` is
    injected so this package stays free of region data; ``today`` is for tests around the
    century boundary.
    """
    nik = _text(value)
    if not _NIK.fullmatch(nik):
        return msg.NIK_FORMAT
    if province_exists is not None and not province_exists(nik[:2]):
        return msg.NIK_PROVINCE
    if _birth_date(nik, today or date.today()) is None:
        return msg.NIK_DATE
    if nik[12:] == "0000":
        return msg.NIK_SERIAL
    return None


def nik_birth_date(nik: object, *, today: date | None = None) -> date:
    """Birth date from a NIK; raises ValueError when the NIK does not encode a real one."""
    text = _text(nik)
    born = _birth_date(text, today or date.today()) if _NIK.fullmatch(text) else None
    if born is None:
        raise ValueError(msg.NIK_DATE)
    return born


def nik_gender(nik: object) -> str:
    """'P' (perempuan) when the day was stored +40, otherwise 'L' (laki-laki)."""
    text = _text(nik)
    if not _NIK.fullmatch(text):
        raise ValueError(msg.NIK_FORMAT)
    return "P" if int(text[6:8]) > 40 else "L"


def normalise_npwp(value: object) -> str:
    """Digits of an NPWP typed as 01.234.567.8-901.000, with spaces, or bare."""
    return _NPWP_SEPARATORS.sub("", _text(value))


def npwp_problem(value: object) -> str | None:
    """15 digits (old format) or 16 (NIK-based NPWP since 2024); separators are allowed."""
    return None if _NPWP.fullmatch(normalise_npwp(value)) else msg.NPWP_FORMAT


def normalise_nib(value: object) -> str:
    return re.sub(r"\s", "", _text(value))


def nib_problem(value: object) -> str | None:
    return None if _NIB.fullmatch(normalise_nib(value)) else msg.NIB_FORMAT


def normalise_phone(value: object) -> str:
    """Indonesian mobile numbers in one stored form, 08..., so WhatsApp, password reset and
    duplicate checks compare like with like. Accepts 08..., +628... and 628... with spaces,
    dots, dashes or brackets; a value that is not a mobile number comes back stripped."""
    text = _text(value)
    match = _PHONE.fullmatch(_PHONE_SEPARATORS.sub("", text))
    return "0" + match.group(1) if match else text


def split_contact(value: object) -> tuple[str, str]:
    """A contact typed into one box ("Email atau No. HP": complaints, the visitor chat) as
    (e-mail, phone), one of them empty: an "@" makes it an e-mail address."""
    text = _text(value)
    return (text, "") if "@" in text else ("", text)


def phone_problem(value: object) -> str | None:
    text = _PHONE_SEPARATORS.sub("", _text(value))
    return None if _PHONE.fullmatch(text) else msg.PHONE
