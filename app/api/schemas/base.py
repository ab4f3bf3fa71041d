"""Shared field rules and messages of the API schemas."""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import fields, validate

from forms_schema import messages

# the form engine's words (forms_schema.messages): one text per mistake, whichever door the
# answer came in by
REQUIRED = {"required": messages.REQUIRED, "null": messages.REQUIRED}
TEXT = {**REQUIRED, "invalid": messages.NOT_TEXT}
INTEGER = {**REQUIRED, "invalid": messages.NOT_INTEGER, "too_large": "Angka terlalu besar."}
BOOLEAN = {**REQUIRED, "invalid": messages.NOT_BOOLEAN}
OBJECT = {**REQUIRED, "invalid": messages.NOT_OBJECT}


def length(maximum: int, minimum: int | None = None) -> list[validate.Length]:
    """At most `maximum` characters (and at least `minimum`), said as the form says it; a
    list of plain validators, so the OpenAPI document still shows both limits."""
    rules = [validate.Length(max=maximum, error=messages.max_length(maximum))]
    if minimum:
        rules.insert(0, validate.Length(min=minimum, error=messages.min_length(minimum)))
    return rules


def value_range(minimum: int, maximum: int) -> list[validate.Range]:
    """Between `minimum` and `maximum`, said as the form says it ("Nilai minimal 1.")."""
    return [validate.Range(min=minimum, error=messages.min_value(minimum)),
            validate.Range(max=maximum, error=messages.max_value(maximum))]


class UtcDateTime(fields.DateTime):
    """Stored timestamps are naive UTC; the API says so (ISO 8601 with +00:00)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def text(**kwargs) -> fields.String:
    return fields.String(required=True, **kwargs)


def maybe_text(**kwargs) -> fields.String:
    return fields.String(required=True, allow_none=True, **kwargs)
