"""A validated, parsed and frozen view of a form definition.

Parsing conditions and checking the definition on every request would be wasteful and
error-prone, so definitions are compiled once (cached by content) into immutable objects that
builders, validators and serialisers share safely between requests.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from .conditions import Condition, parse_condition
from .issues import FormDefinitionError, FormIssue


def localise(text: Any, locale: str) -> str | None:
    if text is None or isinstance(text, str):
        return text
    return text.get(locale) or text.get("id") or None


def option_pairs(options: Any, locale: str) -> list[tuple[str, str]]:
    pairs = []
    for option in options or ():
        if isinstance(option, Mapping):
            pairs.append((option["value"], localise(option["label"], locale) or option["value"]))
        else:
            pairs.append((option, option))
    return pairs


@dataclass(frozen=True)
class FieldDef:
    key: str
    type: str
    spec: Mapping[str, Any]
    visible_if: Condition | None = None
    required_if: Condition | None = None
    fields: tuple["FieldDef", ...] = ()

    @property
    def required(self) -> bool:
        return bool(self.spec.get("required", False))

    def get(self, name: str, default: Any = None) -> Any:
        return self.spec.get(name, default)

    def label(self, locale: str) -> str:
        return localise(self.spec.get("label"), locale) or self.key.replace("_", " ").capitalize()

    def choices(self, locale: str) -> list[tuple[str, str]]:
        return option_pairs(self.spec.get("options"), locale)

    @property
    def option_values(self) -> frozenset[str]:
        return frozenset(value for value, _ in self.choices("id"))


@dataclass(frozen=True)
class SectionDef:
    key: str | None
    title: Mapping[str, str]
    fields: tuple[FieldDef, ...]
    description: Mapping[str, str] | None = None


@dataclass(frozen=True)
class CompiledForm:
    sections: tuple[SectionDef, ...]
    fields: tuple[FieldDef, ...]


def compile_definition(definition: Any) -> CompiledForm:
    """Raises FormDefinitionError with every issue when the definition is invalid."""
    try:
        canonical = json.dumps(definition, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        issue = FormIssue("", f"Definisi formulir harus berupa data JSON ({exc}).")
        raise FormDefinitionError([issue]) from None
    return _compile(canonical)


@lru_cache(maxsize=256)
def _compile(canonical: str) -> CompiledForm:
    from .definition import validate_form_definition

    definition = json.loads(canonical)
    issues = validate_form_definition(definition)
    if issues:
        raise FormDefinitionError(issues)
    sections = tuple(
        SectionDef(
            key=section.get("key"),
            title=MappingProxyType(section["title"]),
            fields=tuple(_field(spec) for spec in section["fields"]),
            description=section.get("description"),
        )
        for section in definition["sections"]
    )
    return CompiledForm(sections, tuple(f for s in sections for f in s.fields))


def _field(spec: dict[str, Any]) -> FieldDef:
    return FieldDef(
        key=spec["key"],
        type=spec["type"],
        spec=MappingProxyType(spec),
        visible_if=parse_condition(spec["visible_if"]) if "visible_if" in spec else None,
        required_if=parse_condition(spec["required_if"]) if "required_if" in spec else None,
        fields=tuple(_field(sub) for sub in spec.get("fields", ())),
    )
