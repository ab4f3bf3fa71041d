"""Per-field metadata for templates, so one generic macro can render any field.

Templates should not dig through the raw definition: they get the localised label, the widget
hint, HTML attribute hints and the condition trees ready for data-* attributes.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .compiled import CompiledForm, FieldDef, compile_definition, localise
from .context import EMPTY_CONTEXT, FormContext
from .field_types import FIELD_TYPES
from .field_types.choice import blank_choice


@dataclass(frozen=True)
class FieldMeta:
    key: str
    type: str
    widget: str
    label: str
    help: str | None
    placeholder: str | None
    required: bool
    visible_if: dict[str, Any] | None
    required_if: dict[str, Any] | None
    options: tuple[tuple[str, str], ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)
    fields: tuple["FieldMeta", ...] = ()
    spec: Mapping[str, Any] = field(default_factory=dict, repr=False)
    template: str = ""
    # a region field in a chain of linked selects (it lies `within` another region field, or
    # another lies within it): drawn as one select of its own level, not a whole cascade
    chained: bool = False
    # a group's rules, checked on each row (JSON for static/js/conditions.js)
    row_rules: tuple[Mapping[str, Any], ...] = ()

    @property
    def row_rules_json(self) -> str:
        return json.dumps(list(self.row_rules)) if self.row_rules else ""

    @property
    def data_attrs(self) -> dict[str, str]:
        """Attributes for the field wrapper, as static/js/conditions.js expects them."""
        attrs = {
            "data-field": self.key,
            "data-type": self.type,
            "data-required": "true" if self.required else "false",
        }
        if self.visible_if is not None:
            attrs["data-visible-if"] = json.dumps(self.visible_if)
        if self.required_if is not None:
            attrs["data-required-if"] = json.dumps(self.required_if)
        return attrs


@dataclass(frozen=True)
class SectionMeta:
    key: str | None
    title: str
    description: str | None
    fields: tuple[FieldMeta, ...]
    visible_if: dict[str, Any] | None = None
    # the definition's title and description as written ({"id", "en"}), so a page can tell a
    # text shown in Indonesian for want of its reader's language (as FieldMeta.spec does)
    source: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def visible_if_json(self) -> str:
        return json.dumps(self.visible_if) if self.visible_if is not None else ""


def form_meta(
    definition: Mapping[str, Any] | CompiledForm,
    locale: str = "id",
    *,
    context: FormContext | None = None,
) -> list[SectionMeta]:
    compiled = (
        definition if isinstance(definition, CompiledForm) else compile_definition(definition)
    )
    context = context or EMPTY_CONTEXT
    chained = _chained(compiled.fields)
    return [
        SectionMeta(
            key=section.key,
            title=localise(section.title, locale) or "",
            description=localise(section.description, locale),
            fields=tuple(field_meta(f, locale, context, chained) for f in section.fields),
            visible_if=section.visible_if.to_json() if section.visible_if else None,
            source={"title": section.title, "description": section.description},
        )
        for section in compiled.sections
    ]


def _chained(fields: tuple[FieldDef, ...]) -> frozenset[str]:
    parents = {f.get("within") for f in fields if f.get("within")}
    return frozenset(f.key for f in fields if f.get("within") or f.key in parents)


def field_meta(
    fdef: FieldDef, locale: str, context: FormContext, chained: frozenset[str] = frozenset()
) -> FieldMeta:
    field_type = FIELD_TYPES[fdef.type]
    inner = _chained(fdef.fields)
    return FieldMeta(
        key=fdef.key,
        type=fdef.type,
        widget=field_type.widget,
        label=fdef.label(locale),
        help=localise(fdef.get("help"), locale),
        placeholder=localise(fdef.get("placeholder"), locale),
        required=fdef.required,
        visible_if=fdef.visible_if.to_json() if fdef.visible_if else None,
        required_if=fdef.required_if.to_json() if fdef.required_if else None,
        options=tuple(_options(fdef, locale, context)),
        attrs=field_type.html_attrs(fdef),
        fields=tuple(field_meta(sub, locale, context, inner) for sub in fdef.fields),
        spec=fdef.spec,
        template=field_type.template,
        chained=fdef.key in chained,
        row_rules=tuple(rule.to_json(locale) for rule in fdef.rules),
    )


def _options(fdef: FieldDef, locale: str, context: FormContext) -> list[tuple[str, str]]:
    if fdef.type == "lookup":
        table = context.lookups.get(fdef.get("table"))
        return [blank_choice(fdef, locale), *(table.choices(locale) if table else [])]
    if fdef.type == "select":
        return [blank_choice(fdef, locale), *fdef.choices(locale)]
    return fdef.choices(locale)
