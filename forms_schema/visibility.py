"""Which fields are hidden and which are required, given the answers so far.

A hidden field counts as unanswered for every other condition (its stale value must not keep
a dependent field visible), so visibility is a fixed point; definition validation rejects
visible_if cycles, which guarantees it converges. Every field of a hidden section is hidden.
`outer` holds what conditions see besides the answers: the form's context variables
(`application_type`) and, for a group row, the top-level answers.
static/js/conditions.js mirrors this loop.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from .compiled import FieldDef


def visible_scope(
    fields: Sequence[FieldDef], answers: Mapping[str, Any], outer: Mapping[str, Any] | None = None
) -> tuple[dict[str, Any], frozenset[str]]:
    """Returns (answers other conditions may see, keys of hidden fields)."""
    outer = outer or {}
    hidden: frozenset[str] = frozenset()
    scope: dict[str, Any] = {}
    for _ in range(len(fields) + 1):
        scope = {**outer, **{k: v for k, v in answers.items() if k not in hidden}}
        now_hidden = frozenset(f.key for f in fields if not _shown(f, scope))
        if now_hidden == hidden:
            break
        hidden = now_hidden
    return scope, hidden


def is_required(field: FieldDef, scope: Mapping[str, Any]) -> bool:
    if field.required:
        return True
    return field.required_if is not None and field.required_if.evaluate(scope)


def _shown(field: FieldDef, scope: Mapping[str, Any]) -> bool:
    if field.section_if is not None and not field.section_if.evaluate(scope):
        return False
    return field.visible_if is None or field.visible_if.evaluate(scope)
