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
from .marked import N_

# marked for the console's English pages (forms_schema.marked)
MSG_NOT_JSON = N_("Definisi formulir harus berupa data JSON ({reason}).")

# A field's own messages, each a text {"id", "en"} (rules carry theirs as "message").
MESSAGE_KEYS = ("required_message", "pattern_message")


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
class RuleDef:
    """A rule across fields: `check` must hold, else `message` shows on `field`."""

    check: Condition
    field: str
    message: Mapping[str, str]

    @property
    def names(self) -> frozenset[str]:
        return self.check.fields

    def to_json(self, locale: str) -> dict[str, Any]:
        """What static/js/conditions.js needs to check it as the applicant types."""
        return {"check": self.check.to_json(), "names": sorted(self.names), "field": self.field,
                "message": localise(self.message, locale) or ""}


@dataclass(frozen=True)
class FieldDef:
    key: str
    type: str
    spec: Mapping[str, Any]
    visible_if: Condition | None = None
    required_if: Condition | None = None
    fields: tuple["FieldDef", ...] = ()
    section_if: Condition | None = None  # the visible_if of the field's section
    rules: tuple[RuleDef, ...] = ()  # a group's rules, checked on each row

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
    visible_if: Condition | None = None


@dataclass(frozen=True)
class CompiledForm:
    sections: tuple[SectionDef, ...]
    fields: tuple[FieldDef, ...]
    rules: tuple[RuleDef, ...] = ()

    def labels(self, locale: str) -> dict[str, str]:
        """Each field's Indonesian label -> its label in `locale` (group rows' fields too):
        the names the form's messages carry ("Kota tidak valid: ..."), for in_language."""
        found: dict[str, str] = {}
        pending = list(self.fields)
        while pending:
            fdef = pending.pop()
            found[fdef.label("id")] = fdef.label(locale)
            pending.extend(fdef.fields)
        return found

    def messages(self, locale: str) -> dict[str, str]:
        """The definition's own messages (required_message, pattern_message, the rules'),
        Indonesian -> `locale` (Indonesian where it has no text in `locale`): the checks
        write the Indonesian, a page shows it with in_language, its name_in knowing these."""
        found: dict[str, str] = {}

        def add(text: Any) -> None:
            if isinstance(text, Mapping) and text.get("id"):
                found[text["id"]] = localise(text, locale) or text["id"]

        for rule in self.rules:
            add(rule.message)
        pending = list(self.fields)
        while pending:
            fdef = pending.pop()
            for name in MESSAGE_KEYS:
                add(fdef.get(name))
            for rule in fdef.rules:
                add(rule.message)
            pending.extend(fdef.fields)
        return found


def compile_definition(definition: Any) -> CompiledForm:
    """Raises FormDefinitionError with every issue when the definition is invalid."""
    try:
        canonical = json.dumps(definition, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        issue = FormIssue("", MSG_NOT_JSON.format(reason=exc))
        raise FormDefinitionError([issue]) from None
    return _compile(canonical)


@lru_cache(maxsize=256)
def _compile(canonical: str) -> CompiledForm:
    from .definition import validate_form_definition

    definition = json.loads(canonical)
    issues = validate_form_definition(definition)
    if issues:
        raise FormDefinitionError(issues)
    sections = []
    for section in definition["sections"]:
        shown = _condition(section, "visible_if")
        sections.append(SectionDef(
            key=section.get("key"),
            title=MappingProxyType(section["title"]),
            fields=tuple(_field(spec, shown) for spec in section["fields"]),
            description=section.get("description"),
            visible_if=shown,
        ))
    return CompiledForm(tuple(sections), tuple(f for s in sections for f in s.fields),
                        _rules(definition))


def _condition(spec: Mapping[str, Any], name: str) -> Condition | None:
    return parse_condition(spec[name]) if name in spec else None


def _rules(owner: Mapping[str, Any]) -> tuple[RuleDef, ...]:
    found = []
    for rule in owner.get("rules", ()):
        check = parse_condition(rule["check"])
        field = rule.get("field") or check.first_field or ""
        found.append(RuleDef(check, field, MappingProxyType(rule["message"])))
    return tuple(found)


def _field(spec: dict[str, Any], section_if: Condition | None = None) -> FieldDef:
    return FieldDef(
        key=spec["key"],
        type=spec["type"],
        spec=MappingProxyType(spec),
        visible_if=_condition(spec, "visible_if"),
        required_if=_condition(spec, "required_if"),
        fields=tuple(_field(sub) for sub in spec.get("fields", ())),
        section_if=section_if,
        rules=_rules(spec),
    )
