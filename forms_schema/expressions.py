"""Checking an expression of a definition (visible_if, required_if, a section's visible_if, a
rule's check) against the fields it may see, so a typo is a definition error with its path,
never a condition that is silently always false.

The console's condition builder calls `expression_problems` as the admin types.
"""

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from .conditions import Condition, ConditionError, parse_condition
from .conditions.functions import FUNCTIONS
from .conditions.nodes import Call, Compare, Field, Literal, Membership, Node, Path
from .context import CONTEXT_NAMES

APPLICATION_TYPE = "application_type"


def expression_problems(
    text: str,
    scope: Mapping[str, Mapping[str, Any]],
    *,
    where: str,
    own_key: str | None = None,
    application_types: Collection[str] | None = None,
) -> tuple[Condition | None, list[str]]:
    """(the parsed expression or None, messages). `scope` maps the field keys the expression
    may read to their definitions; `application_types` are the values `application_type`
    may take (None: not checked)."""
    try:
        condition = parse_condition(text)
    except ConditionError as exc:
        return None, [f"{where} tidak valid: {exc}."]
    problems: list[str] = []
    for ref in sorted(condition.fields):
        if ref == own_key:
            problems.append(f"{where} tidak boleh merujuk field itu sendiri.")
        elif ref not in scope and ref not in CONTEXT_NAMES:
            problems.append(f"{where} merujuk field '{ref}' yang tidak ada.")
    for node in walk(condition.tree):
        if isinstance(node, Path):
            problems += _path_problems(node, scope, where)
        elif isinstance(node, Call):
            problems += _call_problems(node, scope, where)
    for ref, literal in compared_literals(condition.tree):
        if not isinstance(literal, str):
            continue
        if ref == APPLICATION_TYPE and application_types is not None:
            if literal not in application_types:
                problems.append(f"{where}: '{literal}' bukan jenis permohonan izin ini.")
            continue
        options = (scope.get(ref) or {}).get("options")
        if isinstance(options, list):
            values = {o.get("value") if isinstance(o, dict) else o for o in options}
            if literal not in values:
                problems.append(f"{where}: '{literal}' bukan opsi field '{ref}'.")
    return condition, list(dict.fromkeys(problems))


def _subs(spec: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    subs = (spec or {}).get("fields")
    return {s["key"]: s for s in subs if isinstance(s, dict) and isinstance(s.get("key"), str)} \
        if isinstance(subs, list) else {}


def _path_problems(node: Path, scope: Mapping[str, Mapping[str, Any]], where: str) -> list[str]:
    group = scope.get(node.group)
    if group is None:
        return []  # reported once as a missing field
    if group.get("type") != "group":
        return [f"{where}: '{node.group}' bukan grup berulang, jadi "
                f"'{node.group}.{node.key}' tidak ada."]
    if node.key not in _subs(group):
        return [f"{where}: grup '{node.group}' tidak punya isian '{node.key}'."]
    return []


def _call_problems(node: Call, scope: Mapping[str, Mapping[str, Any]], where: str) -> list[str]:
    wants = FUNCTIONS[node.name].wants
    arg = node.args[0]
    if wants == "list":
        if isinstance(arg, Path):
            return []
        if isinstance(arg, Field) and (scope.get(arg.key) or {}).get("type") in (
                "group", "multiselect", None):
            return []
        return [f"{where}: {node.name}() membutuhkan grup berulang, isian grup.isian atau "
                "pilihan ganda."]
    if wants == "points":
        if isinstance(arg, Path):
            sub = _subs(scope.get(arg.group)).get(arg.key) or {}
            if sub.get("type") in ("geopoint", None):
                return []
        return [f"{where}: {node.name}() membutuhkan titik peta dalam grup berulang, "
                "mis. batas.titik."]
    return []


def walk(node: Node) -> Iterator[Node]:
    yield node
    for child in vars(node).values():
        for item in child if isinstance(child, tuple) else (child,):
            if isinstance(item, Node):
                yield from walk(item)


def compared_literals(node: Node) -> Iterator[tuple[str, Any]]:
    """(field, literal) pairs the expression compares with == / != / in."""
    for found in walk(node):
        if isinstance(found, Compare) and found.op in ("==", "!="):
            sides = (found.left, found.right)
            for a, b in (sides, sides[::-1]):
                if isinstance(a, Field) and isinstance(b, Literal):
                    yield a.key, b.literal
        elif isinstance(found, Membership) and isinstance(found.left, Field):
            for option in found.options:
                yield found.left.key, option
