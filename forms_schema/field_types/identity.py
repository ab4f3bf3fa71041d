"""Indonesian identity numbers and phone numbers: phone, nik, npwp, nib.

People paste these with spaces, dots and dashes; the stored value is normalised to digits
(phone keeps its leading +) so later look-ups and de-duplication compare like with like.
"""

import re
from datetime import date
from typing import Any

from wtforms import StringField

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from .base import BuildContext, Check, FieldType, dump_text, regex_check, strip_text, text_parser

_NIK = re.compile(r"[0-9]{16}")


def _remove(chars: str):
    table = str.maketrans("", "", chars)
    return lambda value: value.translate(table) if isinstance(value, str) else value


normalise_phone = _remove(" -")
normalise_nik = _remove(" ")
normalise_npwp = _remove(" .-")
normalise_nib = _remove(" ")


def nik_problem(nik: str) -> str | None:
    """Structural NIK check: 6-digit area, DDMMYY birth date (women: day + 40), 4-digit serial."""
    if not _NIK.fullmatch(nik):
        return msg.NIK_FORMAT
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    if not any(_real_date(century + year, month, day) for century in (1900, 2000)):
        return msg.NIK_DATE
    if nik[12:] == "0000":
        return msg.NIK_SERIAL
    return None


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _nik_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    checks: list[Check] = [nik_problem]
    exists = context.nik_province_exists
    if exists is not None:
        checks.append(lambda v: None if nik_problem(v) or exists(v[:2]) else msg.NIK_PROVINCE)
    return checks


def _string(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    return StringField(**common)


def _identity(name: str, normalise: Any, checks: Any, max_length: int, **attrs: Any) -> FieldType:
    return FieldType(
        name, name if name != "phone" else "tel", _string, text_parser(normalise), dump_text,
        checks, html_attrs=lambda f: {"maxlength": max_length, **attrs},
        filters=(strip_text, normalise),
    )


PHONE = _identity(
    "phone", normalise_phone,
    lambda f, c: [regex_check(r"(\+62|62|0)8[0-9]{7,12}", msg.PHONE)], 20,
    type="tel", autocomplete="tel", inputmode="tel",
)
NIK = _identity("nik", normalise_nik, _nik_checks, 19, inputmode="numeric")
NPWP = _identity(
    "npwp", normalise_npwp, lambda f, c: [regex_check(r"[0-9]{15,16}", msg.NPWP_FORMAT)], 20,
    inputmode="numeric",
)
NIB = _identity(
    "nib", normalise_nib, lambda f, c: [regex_check(r"[0-9]{13}", msg.NIB_FORMAT)], 16,
    inputmode="numeric",
)
