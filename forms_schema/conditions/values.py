"""Comparison semantics shared with static/js/conditions.js.

Answers arrive as rich Python values (int, Decimal, date, lists) on the server and as strings
in the browser; both sides first reduce them to the same small domain (null, bool, number,
string, list) so a condition means the same thing in both places. Anything outside that domain,
or any comparison across kinds, is simply false: a badly typed answer must never crash a form.
"""

import math
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any


class _Other:
    """A value conditions cannot reason about (e.g. a group row); it equals nothing."""

    def __repr__(self) -> str:
        return "OTHER"


OTHER = _Other()


def canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return value if value.is_finite() else OTHER
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else OTHER
    if isinstance(value, str):
        return value or None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M" if not value.second else "%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M" if not value.second else "%H:%M:%S")
    if isinstance(value, (list, tuple)):
        return [canonical(item) for item in value] or None
    return OTHER


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "other"


def equals(left: Any, right: Any) -> bool:
    left_kind = kind(left)
    if left_kind != kind(right) or left_kind == "other":
        return False
    if left_kind == "list":
        return len(left) == len(right) and all(map(equals, left, right))
    return bool(left == right)


def ordered(op: str, left: Any, right: Any) -> bool:
    left_kind = kind(left)
    if left_kind != kind(right) or left_kind not in ("number", "string"):
        return False
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


def member(value: Any, options: Sequence[Any]) -> bool:
    """For a multi-value answer (a multiselect), true when any chosen item is listed."""
    items = value if kind(value) == "list" else [value]
    return any(equals(item, option) for item in items for option in options)


def truthy(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        return value != 0
    return True


def as_float(value: Any) -> float | None:
    """A canonical number as the IEEE double the browser holds; anything else None."""
    return float(value) if kind(value) == "number" else None


def from_float(value: float | None) -> Any:
    """A computed double back into the canonical domain (not finite: no value)."""
    if value is None or not math.isfinite(value):
        return None
    return canonical(value)


def arithmetic(op: str, left: Any, right: Any) -> Any:
    a, b = as_float(left), as_float(right)
    if a is None or b is None:
        return None
    if op == "+":
        return from_float(a + b)
    if op == "-":
        return from_float(a - b)
    if op == "*":
        return from_float(a * b)
    return from_float(a / b) if b != 0 else None
