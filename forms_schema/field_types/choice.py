"""Choices: select, radio, multiselect, boolean, and lookup (a reference table by code)."""

from typing import Any

from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField

from .. import messages as msg
from ..compiled import FieldDef, localise
from ..context import FormContext
from ..wtf_fields import choice_list
from .base import BuildContext, Check, FieldType, dump_text, limit_checks, parse_text, strip_text

_PLACEHOLDER = {"id": "— Pilih —", "en": "— Choose —"}


def blank_choice(fdef: FieldDef, locale: str) -> tuple[str, str]:
    text = localise(fdef.get("placeholder"), locale) or localise(_PLACEHOLDER, locale)
    return ("", text or "")


def _one_of(fdef: FieldDef, context: FormContext) -> list[Check]:
    allowed = fdef.option_values
    return [lambda v: None if v in allowed else msg.INVALID_CHOICE]


def _make_select(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    choices = [blank_choice(fdef, build.locale), *fdef.choices(build.locale)]
    return SelectField(choices=choice_list(choices), validate_choice=False, **common)


def _make_radio(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    choices = choice_list(fdef.choices(build.locale))
    return RadioField(choices=choices, validate_choice=False, **common)


def _parse_many(value: Any, fdef: FieldDef) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(msg.NOT_LIST)
    return _normalise_many(value)


def _normalise_many(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(dict.fromkeys(v.strip() for v in value if v.strip()))
    return value


def _many_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    allowed = fdef.option_values
    checks: list[Check] = [lambda v: None if set(v) <= allowed else msg.INVALID_CHOICE]
    return checks + limit_checks(fdef.get("min"), fdef.get("max"), msg.min_selected,
                                 msg.max_selected, len)


def _make_many(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    return SelectMultipleField(
        choices=choice_list(fdef.choices(build.locale)), validate_choice=False, coerce=str,
        **common,
    )


def _parse_bool(value: Any, fdef: FieldDef) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ValueError(msg.NOT_BOOLEAN)
    return value


def _make_bool(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    return BooleanField(**common)


def _lookup_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    table = context.lookups.get(fdef.get("table"))
    codes = table.codes if table is not None else frozenset()
    return [lambda v: None if v in codes else msg.INVALID_CHOICE]


def _make_lookup(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    table = build.context.lookups.get(fdef.get("table"))
    rows = table.choices(build.locale) if table is not None else []
    choices = [blank_choice(fdef, build.locale), *rows]
    return SelectField(choices=choice_list(choices), validate_choice=False, **common)


SELECT = FieldType(
    "select", "select", _make_select, parse_text, dump_text, _one_of, frozenset({"options"}),
    filters=(strip_text,), template="forms/widgets/select.html",
)
RADIO = FieldType(
    "radio", "radio", _make_radio, parse_text, dump_text, _one_of, frozenset({"options"}),
    filters=(strip_text,), template="forms/widgets/radio.html",
)
MULTISELECT = FieldType(
    "multiselect", "checkboxes", _make_many, _parse_many, lambda v, f: list(v or []),
    _many_checks, frozenset({"options", "min", "max"}), filters=(_normalise_many,),
    template="forms/widgets/checkboxes.html",
)
BOOLEAN = FieldType(
    "boolean", "checkbox", _make_bool, _parse_bool, lambda v, f: bool(v),
    html_attrs=lambda f: {"value": "y"}, template="forms/widgets/checkbox.html",
)
LOOKUP = FieldType(
    "lookup", "lookup", _make_lookup, parse_text, dump_text, _lookup_checks,
    frozenset({"table"}), filters=(strip_text,), template="forms/widgets/lookup.html",
)
