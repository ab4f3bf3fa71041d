"""Syntax tree of a parsed condition, with its evaluation and its JSON form for the browser."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .values import arithmetic, canonical, equals, member, ordered, truthy


def _json_literal(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Node:
    def value(self, answers: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def test(self, answers: Mapping[str, Any]) -> bool:
        return truthy(self.value(answers))

    def to_json(self) -> dict[str, Any]:
        raise NotImplementedError

    def fields(self) -> frozenset[str]:
        return frozenset()


@dataclass(frozen=True)
class Literal(Node):
    literal: Any

    def value(self, answers: Mapping[str, Any]) -> Any:
        return canonical(self.literal)

    def to_json(self) -> dict[str, Any]:
        return {"value": _json_literal(self.literal)}


@dataclass(frozen=True)
class Field(Node):
    key: str

    def value(self, answers: Mapping[str, Any]) -> Any:
        return canonical(answers.get(self.key))

    def to_json(self) -> dict[str, Any]:
        return {"field": self.key}

    def fields(self) -> frozenset[str]:
        return frozenset({self.key})


class _Boolean(Node):
    def value(self, answers: Mapping[str, Any]) -> Any:
        return self.test(answers)


@dataclass(frozen=True)
class Compare(_Boolean):
    op: str
    left: Node
    right: Node

    def test(self, answers: Mapping[str, Any]) -> bool:
        left, right = self.left.value(answers), self.right.value(answers)
        if self.op == "==":
            return equals(left, right)
        if self.op == "!=":
            return not equals(left, right)
        return ordered(self.op, left, right)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "left": self.left.to_json(), "right": self.right.to_json()}

    def fields(self) -> frozenset[str]:
        return self.left.fields() | self.right.fields()


@dataclass(frozen=True)
class Membership(_Boolean):
    left: Node
    options: tuple[Any, ...]
    negated: bool = False

    def test(self, answers: Mapping[str, Any]) -> bool:
        options = [canonical(option) for option in self.options]
        return member(self.left.value(answers), options) != self.negated

    def to_json(self) -> dict[str, Any]:
        return {
            "op": "not in" if self.negated else "in",
            "left": self.left.to_json(),
            "values": [_json_literal(option) for option in self.options],
        }

    def fields(self) -> frozenset[str]:
        return self.left.fields()


@dataclass(frozen=True)
class Not(_Boolean):
    arg: Node

    def test(self, answers: Mapping[str, Any]) -> bool:
        return not self.arg.test(answers)

    def to_json(self) -> dict[str, Any]:
        return {"op": "not", "arg": self.arg.to_json()}

    def fields(self) -> frozenset[str]:
        return self.arg.fields()


@dataclass(frozen=True)
class Logical(_Boolean):
    op: str  # "and" | "or"
    args: tuple[Node, ...]

    def test(self, answers: Mapping[str, Any]) -> bool:
        combine = all if self.op == "and" else any
        return combine(arg.test(answers) for arg in self.args)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "args": [arg.to_json() for arg in self.args]}

    def fields(self) -> frozenset[str]:
        return frozenset().union(*(arg.fields() for arg in self.args))


@dataclass(frozen=True)
class Path(Node):
    """`group.sub`: the sub-field's value in every row of a repeating group, as a list."""

    group: str
    key: str

    def value(self, answers: Mapping[str, Any]) -> Any:
        rows = answers.get(self.group)
        if not isinstance(rows, (list, tuple)):
            return None
        return canonical([row.get(self.key) if isinstance(row, Mapping) else None
                          for row in rows])

    def to_json(self) -> dict[str, Any]:
        return {"path": [self.group, self.key]}

    def fields(self) -> frozenset[str]:
        return frozenset({self.group})


@dataclass(frozen=True)
class Arith(Node):
    """+ - * / on numbers, computed as IEEE doubles exactly like the browser does."""

    op: str
    left: Node
    right: Node

    def value(self, answers: Mapping[str, Any]) -> Any:
        return arithmetic(self.op, self.left.value(answers), self.right.value(answers))

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "left": self.left.to_json(), "right": self.right.to_json()}

    def fields(self) -> frozenset[str]:
        return self.left.fields() | self.right.fields()


@dataclass(frozen=True)
class Call(Node):
    """A function of the language (count, unique, sum, abs, area_ha, polygon)."""

    name: str
    args: tuple[Node, ...]

    def value(self, answers: Mapping[str, Any]) -> Any:
        from .functions import FUNCTIONS

        return FUNCTIONS[self.name].run([arg.value(answers) for arg in self.args])

    def to_json(self) -> dict[str, Any]:
        return {"call": self.name, "args": [arg.to_json() for arg in self.args]}

    def fields(self) -> frozenset[str]:
        return frozenset().union(*(arg.fields() for arg in self.args))
