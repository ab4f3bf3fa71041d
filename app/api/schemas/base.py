"""Shared field rules and messages of the API schemas."""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import fields, validate

from forms_schema import messages

# the form engine's words where it has them (forms_schema.messages): one text per mistake
REQUIRED = {"required": messages.REQUIRED, "null": "Tidak boleh kosong."}
TEXT = {**REQUIRED, "invalid": messages.NOT_TEXT}
INTEGER = {**REQUIRED, "invalid": messages.NOT_INTEGER, "too_large": "Angka terlalu besar."}
BOOLEAN = {**REQUIRED, "invalid": "Harus true atau false."}
OBJECT = {**REQUIRED, "invalid": "Harus berupa objek JSON."}


def length(maximum: int, minimum: int | None = None) -> validate.Length:
    if minimum:
        return validate.Length(min=minimum, max=maximum,
                               error=f"Panjang {minimum} sampai {maximum} karakter.")
    return validate.Length(max=maximum, error=f"Paling panjang {maximum} karakter.")


def value_range(minimum: int, maximum: int) -> validate.Range:
    return validate.Range(min=minimum, max=maximum,
                          error=f"Harus antara {minimum} dan {maximum}.")


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
