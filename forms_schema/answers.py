"""Validating stored or API-submitted JSON answers without a request.

Same rules as the web form (rules.value_errors, the same visibility fixed point, the same
parsers for conversion messages), and the same error keys as form_errors().
"""

from collections.abc import Mapping, Sequence
from typing import Any

from . import messages as msg
from .compiled import FieldDef, RuleDef, compile_definition
from .context import EMPTY_CONTEXT, FormContext
from .field_types import FIELD_TYPES
from .field_types.group import filled_rows, row_is_blank, rows_to_check
from .form_rules import rule_errors
from .rules import value_errors
from .visibility import visible_scope

Errors = dict[str, list[str]]


def validate_answers(
    definition: Mapping[str, Any], answers: Any, *, context: FormContext | None = None
) -> Errors:
    return clean_answers(definition, answers, context=context)[1]


def clean_answers(
    definition: Mapping[str, Any], answers: Any, *, context: FormContext | None = None
) -> tuple[dict[str, Any], Errors]:
    """Returns (normalised JSON answers without hidden fields, errors by field name)."""
    compiled = compile_definition(definition)
    if not isinstance(answers, Mapping):
        return {}, {"": [msg.NOT_OBJECT]}
    errors: Errors = {}
    context = context or EMPTY_CONTEXT
    clean = _check(compiled.fields, compiled.rules, answers, context.variables, context, "",
                   errors)
    return clean, errors


def _check(
    fields: Sequence[FieldDef],
    rules: Sequence[RuleDef],
    answers: Mapping[str, Any],
    outer: Mapping[str, Any],
    context: FormContext,
    prefix: str,
    errors: Errors,
) -> dict[str, Any]:
    known = {fdef.key for fdef in fields}
    for key in answers:
        if key not in known:
            errors[f"{prefix}{key}"] = [msg.UNKNOWN_FIELD]
    values, unreadable = _parse(fields, answers)
    scope, hidden = visible_scope(fields, values, outer)
    clean: dict[str, Any] = {}
    parsed_rows: dict[str, list[dict[str, Any]]] = {}
    for fdef in fields:
        name = prefix + fdef.key
        if fdef.key in hidden:
            continue
        if fdef.key in unreadable:
            errors[name] = [unreadable[fdef.key]]
            continue
        field_type = FIELD_TYPES[fdef.type]
        value = values.get(fdef.key)
        rows: list[dict[str, Any]] = []
        if fdef.type == "group":
            raw_rows = answers.get(fdef.key) or []
            value, rows = _check_rows(fdef, raw_rows, scope, context, name, errors)
            parsed_rows[fdef.key] = filled_rows(value, fdef)
        problems = value_errors(
            fdef, field_type, value, scope, field_type.checks(fdef, context),
            field_type.scope_checks(fdef, context),
        )
        if problems:
            errors[name] = problems
        elif fdef.type == "group":
            clean[fdef.key] = rows
        else:
            clean[fdef.key] = field_type.serialise(value, fdef)
    wrong = {key for key in known if prefix + key in errors}
    found = rule_errors(rules, {**scope, **parsed_rows}, hidden | wrong)
    for key, messages in found.items():
        errors[prefix + key] = messages
    return clean


def _parse(fields: Sequence[FieldDef], answers: Mapping[str, Any]) -> tuple[dict, dict]:
    values: dict[str, Any] = {}
    unreadable: dict[str, str] = {}
    for fdef in fields:
        raw = answers.get(fdef.key)
        if fdef.type == "group":
            ok = raw is None or (isinstance(raw, list) and all(isinstance(r, Mapping) for r in raw))
            values[fdef.key] = raw if ok else None
            if not ok:
                unreadable[fdef.key] = msg.NOT_ROWS
            continue
        try:
            values[fdef.key] = FIELD_TYPES[fdef.type].parse(raw, fdef)
        except ValueError as exc:
            values[fdef.key] = None
            unreadable[fdef.key] = str(exc)
    return values, unreadable


def _check_rows(
    group: FieldDef,
    rows: list[Mapping[str, Any]],
    outer: Mapping[str, Any],
    context: FormContext,
    name: str,
    errors: Errors,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Returns (parsed rows, clean rows of the checked rows), checking the rows the web form's
    GroupField checks (rows_to_check): a row counts as blank only if it also parsed cleanly."""
    known = {sub.key for sub in group.fields}
    parsed = [_parse(group.fields, row) for row in rows]
    blank = [not unreadable and set(row) <= known and row_is_blank(values, group)
             for row, (values, unreadable) in zip(rows, parsed, strict=True)]
    checked = rows_to_check(blank, group.get("min_rows"))
    clean_rows = []
    for index, row in enumerate(rows):
        if checked[index]:
            clean = _check(group.fields, group.rules, row, outer, context, f"{name}-{index}-",
                           errors)
            if not blank[index]:
                clean_rows.append(clean)
    return [values for values, _ in parsed], clean_rows
