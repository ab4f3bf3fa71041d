"""Safe condition expressions for visible_if / required_if.

Conditions are written by catalogue admins and evaluated on every request, so they are parsed
by a small hand-written parser (never eval) into a tree that can also be shipped to the
browser as JSON and evaluated there by static/js/conditions.js with identical results.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..marked import N_
from .errors import ConditionError
from .nodes import Node
from .parser import parse_tree

MSG_NOT_TEXT = N_("Kondisi harus berupa teks.")  # marked (forms_schema.marked)

__all__ = ["Condition", "ConditionError", "parse_condition"]


@dataclass(frozen=True)
class Condition:
    source: str
    tree: Node = field(repr=False, compare=False)

    @property
    def fields(self) -> frozenset[str]:
        return self.tree.fields()

    @property
    def first_field(self) -> str | None:
        """The first field the text names (where a rule's message goes by default)."""
        return next(iter(_in_order(self.tree)), None)

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return self.tree.test(answers)

    def to_json(self) -> dict[str, Any]:
        return self.tree.to_json()


def _in_order(node: Node) -> list[str]:
    found: list[str] = []
    for child in vars(node).values():
        for item in child if isinstance(child, tuple) else (child,):
            if isinstance(item, Node):
                found += [name for name in _in_order(item) if name not in found]
    own = [name for name in sorted(node.fields()) if name not in found]
    return found + own if not found else found


def parse_condition(text: Any) -> Condition:
    if not isinstance(text, str):
        raise ConditionError(MSG_NOT_TEXT, 0)
    return Condition(text, parse_tree(text))
