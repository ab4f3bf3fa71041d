"""JSON-native answers in and out of forms.

Stored answers must survive build -> fill -> serialise -> deserialise -> serialise unchanged,
so every type has one canonical JSON shape (dates ISO, decimals as strings, multiselect as a
list, groups as a list of row objects) and hidden fields are never stored.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from .compiled import FieldDef, compile_definition
from .field_types import FIELD_TYPES
from .field_types.group import filled_rows
from .visibility import visible_scope


def serialise(form: Any, data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """form: a built form instance, or a built form class plus Python `data`."""
    values = dict(data or {}) if isinstance(form, type) else form.schema_values()
    return dump_values(form._fs_fields, values)


def dump_values(
    fields: Sequence[FieldDef], values: Mapping[str, Any], outer: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    scope, hidden = visible_scope(fields, values, outer)
    out: dict[str, Any] = {}
    for fdef in fields:
        if fdef.key in hidden:
            continue
        value = values.get(fdef.key)
        if fdef.type == "group":
            rows = filled_rows(value, fdef)
            out[fdef.key] = [dump_values(fdef.fields, row, scope) for row in rows]
        else:
            out[fdef.key] = FIELD_TYPES[fdef.type].serialise(value, fdef)
    return out


def deserialise(definition: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """Stored JSON answers -> Python values for WTForms `data=`. Raises ValueError (with the
    field key) on a value its type cannot read; unknown keys are ignored."""
    compiled = compile_definition(definition)
    values = {}
    for fdef in compiled.fields:
        if fdef.key in data:
            try:
                values[fdef.key] = FIELD_TYPES[fdef.type].deserialise(data[fdef.key], fdef)
            except ValueError as exc:
                raise ValueError(f"{fdef.key}: {exc}") from None
    return values
