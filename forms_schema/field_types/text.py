"""Free-text types: text, textarea, email."""

from typing import Any

from email_validator import EmailNotValidError, validate_email
from wtforms import EmailField, StringField, TextAreaField

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from .base import (
    BuildContext,
    Check,
    FieldType,
    dump_text,
    length_checks,
    parse_text,
    pattern_checks,
    strip_text,
)

_TEXT_KEYS = frozenset({"min_length", "max_length", "pattern", "pattern_message"})


def _text_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    return length_checks(fdef) + pattern_checks(fdef)


def _length_attrs(fdef: FieldDef) -> dict[str, Any]:
    attrs = {"minlength": fdef.get("min_length"), "maxlength": fdef.get("max_length")}
    return {name: value for name, value in attrs.items() if value is not None}


def email_problem(value: str) -> str | None:
    """The one e-mail address check (forms, registration's code request, staff accounts)."""
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return msg.EMAIL
    return None


def _email_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    return [email_problem, *length_checks(fdef)]


def _field(cls: type):
    def make(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
        return cls(**common)

    return make


TEXT = FieldType(
    "text", "text", _field(StringField), parse_text, dump_text, _text_checks, _TEXT_KEYS,
    html_attrs=_length_attrs, filters=(strip_text,), template="forms/widgets/input.html",
)
TEXTAREA = FieldType(
    "textarea", "textarea", _field(TextAreaField), parse_text, dump_text, _text_checks,
    _TEXT_KEYS, html_attrs=_length_attrs, filters=(strip_text,),
    template="forms/widgets/textarea.html",
)
EMAIL = FieldType(
    "email", "email", _field(EmailField), parse_text, dump_text, _email_checks,
    frozenset({"max_length"}), html_attrs=lambda f: {"autocomplete": "email", **_length_attrs(f)},
    filters=(strip_text,), template="forms/widgets/input.html", contact=True,
)
