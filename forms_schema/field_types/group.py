"""Repeating groups: a table of rows, each row a small form of sub-fields.

Posted as key-0-sub, key-1-sub ... (WTForms FieldList of FormField). A row whose sub-fields
are all empty is treated as not there, so an untouched spare row never blocks submission;
but while the filled rows are fewer than min_rows, the blank rows on screen that make up the
number are checked like filled ones (rows_to_check): the applicant sees a row, so its required
fields say "Wajib diisi" rather than the group saying there are no rows.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from wtforms import FormField

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from ..visibility import is_required, visible_scope
from ..wtf_fields import GroupField
from .base import BuildContext, Check, FieldType, ScopeCheck, limit_checks


def _types() -> Mapping[str, FieldType]:
    from . import FIELD_TYPES

    return FIELD_TYPES


def row_is_blank(row: Mapping[str, Any], fdef: FieldDef) -> bool:
    types = _types()
    return all(types[sub.type].is_empty(row.get(sub.key), sub) for sub in fdef.fields)


def filled_rows(value: Any, fdef: FieldDef) -> list[Mapping[str, Any]]:
    return [row for row in value or () if not row_is_blank(row, fdef)]


def rows_to_check(blank: Sequence[bool], min_rows: int | None) -> list[bool]:
    """Which rows (by position) are validated: every filled row and, while filled rows are
    fewer than min_rows, the first blank rows that make up the number. The browser marks the
    same rows' fields required (static/js/conditions.js rowsToCheck)."""
    missing = (min_rows or 0) - blank.count(False)
    checked = []
    for is_blank in blank:
        checked.append(not is_blank or missing > 0)
        missing -= is_blank
    return checked


def _asks(row: Mapping[str, Any], fdef: FieldDef, outer: Mapping[str, Any]) -> bool:
    """Whether a row, checked, asks for something: a visible required sub-field."""
    scope, hidden = visible_scope(fdef.fields, row, outer)
    return any(sub.key not in hidden and is_required(sub, scope) for sub in fdef.fields)


def rows_counted(value: Any, fdef: FieldDef, outer: Mapping[str, Any]) -> int:
    """Rows towards min_rows: filled rows, and the checked blank rows that ask for their
    required fields (their own errors already tell the applicant what is missing)."""
    rows = list(value or ())
    blank = [row_is_blank(row, fdef) for row in rows]
    checked = rows_to_check(blank, fdef.get("min_rows"))
    return sum(1 for row, empty, check in zip(rows, blank, checked, strict=True)
               if check and (not empty or _asks(row, fdef, outer)))


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
    return limit_checks(None, fdef.get("max_rows"), msg.min_rows, msg.max_rows,
                        lambda v: len(filled_rows(v, fdef)))


def _min_rows_check(fdef: FieldDef, context: FormContext) -> list[ScopeCheck]:
    """Too few rows, counting the blank rows on screen that ask for their fields; a scope
    check because whether a row asks depends on the answers its conditions read."""
    low = fdef.get("min_rows")
    if not low:
        return []
    message = msg.min_rows(low)
    return [lambda v, scope: message if rows_counted(v, fdef, scope) < low else None]


def _make_group(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    def is_blank_row(row_form: Any) -> bool:
        converted = not any(field.process_errors for field in row_form)
        return converted and row_is_blank(row_form.schema_values(), fdef)

    def checked_rows(row_forms: Sequence[Any]) -> list[bool]:
        return rows_to_check([is_blank_row(row) for row in row_forms], fdef.get("min_rows"))

    return GroupField(
        FormField(build.row_form(fdef)),
        min_entries=fdef.get("min_rows") or 0,
        checked_rows=checked_rows,
        **common,
    )


def _is_empty(value: Any, fdef: FieldDef) -> bool:
    """With min_rows, zero rows is not "unanswered" but too few rows: the count check runs."""
    return not fdef.get("min_rows") and not filled_rows(value, fdef)


GROUP = FieldType(
    "group", "group", _make_group, _parse_rows, _dump_rows, _row_checks,
    frozenset({"fields", "min_rows", "max_rows"}),
    is_empty=_is_empty, scope_checks=_min_rows_check, template="forms/widgets/group.html",
)
