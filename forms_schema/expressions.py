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
from .marked import N_

APPLICATION_TYPE = "application_type"

# An expression's problems, marked for the console's English pages (forms_schema.marked);
# {where} names the expression (forms_schema.definition's WHERE_ texts).
MSG_INVALID = N_("{where} tidak valid: {problem}.")
MSG_SELF = N_("{where} tidak boleh merujuk field itu sendiri.")
MSG_NO_FIELD = N_("{where} merujuk field '{ref}' yang tidak ada.")
MSG_NOT_A_TYPE = N_("{where}: '{literal}' bukan jenis permohonan izin ini.")
MSG_NOT_AN_OPTION = N_("{where}: '{literal}' bukan opsi field '{ref}'.")
MSG_NOT_A_GROUP = N_("{where}: '{group}' bukan grup berulang, jadi '{path}' tidak ada.")
MSG_NOT_IN_GROUP = N_("{where}: grup '{group}' tidak punya isian '{key}'.")
MSG_WANTS_LIST = N_("{where}: {function}() membutuhkan grup berulang, isian grup.isian atau "
                    "pilihan ganda.")
MSG_WANTS_POINTS = N_("{where}: {function}() membutuhkan titik peta dalam grup berulang, mis. "
                      "batas.titik.")


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
        return None, [MSG_INVALID.format(where=where, problem=exc)]
    problems: list[str] = []
    for ref in sorted(condition.fields):
        if ref == own_key:
            problems.append(MSG_SELF.format(where=where))
        elif ref not in scope and ref not in CONTEXT_NAMES:
            problems.append(MSG_NO_FIELD.format(where=where, ref=ref))
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
                problems.append(MSG_NOT_A_TYPE.format(where=where, literal=literal))
            continue
        options = (scope.get(ref) or {}).get("options")
        if isinstance(options, list):
            values = {o.get("value") if isinstance(o, dict) else o for o in options}
            if literal not in values:
                problems.append(MSG_NOT_AN_OPTION.format(where=where, literal=literal, ref=ref))
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
        return [MSG_NOT_A_GROUP.format(where=where, group=node.group,
                                       path=f"{node.group}.{node.key}")]
    if node.key not in _subs(group):
        return [MSG_NOT_IN_GROUP.format(where=where, group=node.group, key=node.key)]
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
        return [MSG_WANTS_LIST.format(where=where, function=node.name)]
    if wants == "points":
        if isinstance(arg, Path):
            sub = _subs(scope.get(arg.group)).get(arg.key) or {}
            if sub.get("type") in ("geopoint", None):
                return []
        return [MSG_WANTS_POINTS.format(where=where, function=node.name)]
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
