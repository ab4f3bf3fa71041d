"""Indonesian identity numbers and phone numbers as field types: phone, nik, npwp, nib.

People paste these with spaces, dots and dashes; the stored value is normalised (digits, and
phone numbers as 08...) so later look-ups and de-duplication compare like with like. The rules
themselves live in forms_schema.identity, the one place that decides them.
"""

from dataclasses import replace
from typing import Any

from wtforms import StringField

from .. import identity as rules
from ..compiled import FieldDef
from ..context import FormContext
from .base import BuildContext, Check, FieldType, dump_text, strip_text, text_parser


def _nik_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    exists, today = context.nik_province_exists, context.today
    return [lambda v: rules.nik_problem(v, exists, today=today)]


def _string(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    return StringField(**common)


def _identity(name: str, normalise: Any, checks: Any, max_length: int, **attrs: Any) -> FieldType:
    return FieldType(
        name, "tel" if name == "phone" else name, _string, text_parser(normalise), dump_text,
        checks, html_attrs=lambda f: {"maxlength": max_length, **attrs},
        filters=(strip_text, normalise), template="forms/widgets/input.html",
    )


PHONE = replace(_identity(
    "phone", rules.normalise_phone, lambda f, c: [rules.phone_problem], 20,
    type="tel", autocomplete="tel", inputmode="tel",
), contact=True)
NIK = _identity("nik", rules.normalise_nik, _nik_checks, 19, inputmode="numeric")
NPWP = _identity(
    "npwp", rules.normalise_npwp, lambda f, c: [rules.npwp_problem], 20, inputmode="numeric",
)
NIB = _identity(
    "nib", rules.normalise_nib, lambda f, c: [rules.nib_problem], 16, inputmode="numeric",
)
