"""Repeating groups: a table of rows, each row a small form of sub-fields.

Posted as key-0-sub, key-1-sub ... (WTForms FieldList of FormField). A row whose sub-fields
are all empty is treated as not there, so an untouched spare row never blocks submission.
"""

from collections.abc import Mapping
from typing import Any

from wtforms import FormField

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from ..wtf_fields import GroupField
from .base import BuildContext, Check, FieldType, limit_checks


def _types() -> Mapping[str, FieldType]:
    from . import FIELD_TYPES

    return FIELD_TYPES


def row_is_blank(row: Mapping[str, Any], fdef: FieldDef) -> bool:
    types = _types()
    return all(types[sub.type].is_empty(row.get(sub.key), sub) for sub in fdef.fields)


def filled_rows(value: Any, fdef: FieldDef) -> list[Mapping[str, Any]]:
    return [row for row in value or () if not row_is_blank(row, fdef)]


def _parse_rows(value: Any, fdef: FieldDef) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(row, Mapping) for row in value):
        raise ValueError(msg.NOT_ROWS)
    types = _types()
    return [
        {sub.key: types[sub.type].parse(row[sub.key], sub) for sub in fdef.fields if sub.key in row}
        for row in value
    ]


def _dump_rows(value: Any, fdef: FieldDef) -> list[dict[str, Any]]:
    types = _types()
    return [
        {sub.key: types[sub.type].dump(row.get(sub.key), sub) for sub in fdef.fields}
        for row in filled_rows(value, fdef)
    ]


def _row_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    return limit_checks(fdef.get("min_rows"), fdef.get("max_rows"), msg.min_rows,
                        msg.max_rows, lambda v: len(filled_rows(v, fdef)))


def _make_group(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    def is_blank_row(row_form: Any) -> bool:
        converted = not any(field.process_errors for field in row_form)
        return converted and row_is_blank(row_form.schema_values(), fdef)

    return GroupField(
        FormField(build.row_form(fdef)),
        min_entries=fdef.get("min_rows") or 0,
        is_blank_row=is_blank_row,
        **common,
    )


def _is_empty(value: Any, fdef: FieldDef) -> bool:
    """With min_rows, zero rows is not "unanswered" but too few rows: the count check runs."""
    return not fdef.get("min_rows") and not filled_rows(value, fdef)


GROUP = FieldType(
    "group", "group", _make_group, _parse_rows, _dump_rows, _row_checks,
    frozenset({"fields", "min_rows", "max_rows"}),
    is_empty=_is_empty, template="forms/widgets/group.html",
)
