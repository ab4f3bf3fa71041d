"""Rules across fields and rows: the form's `rules` (and a group's, per row), checked after
every field passed its own checks, the same way for a posted form and for JSON answers.

A rule is checked only when every field it names has an answer: an empty field is the
business of `required`/`required_if`, and a rule about it would only repeat that. Its message
goes to its `field`, unless that field is hidden or already has an error of its own.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .compiled import FieldDef, RuleDef, localise
from .conditions.values import canonical
from .field_types.group import filled_rows


def with_rows(fields: Sequence[FieldDef], scope: Mapping[str, Any]) -> dict[str, Any]:
    """The scope rules see: a group's value is its filled rows (blank rows are not there)."""
    out = dict(scope)
    for fdef in fields:
        if fdef.type == "group" and fdef.key in out:
            out[fdef.key] = filled_rows(out[fdef.key], fdef)
    return out


def rule_errors(rules: Iterable[RuleDef], scope: Mapping[str, Any],
                skip: Iterable[str] = ()) -> dict[str, list[str]]:
    """Messages of failing rules by target field; targets in `skip` (hidden, or already
    wrong) are left alone."""
    skipped = set(skip)
    found: dict[str, list[str]] = {}
    for rule in rules:
        if rule.field in skipped:
            continue
        if any(canonical(scope.get(name)) is None for name in rule.names):
            continue
        if not rule.check.evaluate(scope):
            found.setdefault(rule.field, []).append(localise(rule.message, "id") or "")
    return found
