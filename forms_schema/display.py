"""Stored answers as a person reads them: labels instead of keys, option labels instead of
codes, region and lookup names instead of numbers, "Ya"/"Tidak" instead of true/false.

The applicant's detail page, the verifier's screen and the certificate all show answers; one
function keeps them saying the same thing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from .compiled import FieldDef, compile_definition, localise
from .context import EMPTY_CONTEXT, FormContext
from .field_types import FIELD_TYPES
from .months import long_date
from .visibility import visible_scope

YES_NO = {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}
ROWS = {"id": "%d baris", "en": "%d rows"}
EMPTY = "-"


@dataclass(frozen=True)
class DisplayItem:
    key: str
    type: str
    label: str
    text: str
    value: Any = None
    rows: tuple[tuple["DisplayItem", ...], ...] = ()
    columns: tuple[str, ...] = ()
    # the definition's texts the label, the text and the columns were chosen from ({"id",
    # "en"}, None when the text is not the definition's): a page in another language marks
    # the ones shown in Indonesian (WCAG 3.1.2), as it does the form's own labels
    label_source: Any = None
    column_sources: tuple[Any, ...] = ()
    # a choice's or lookup's text in pieces, one per chosen option or row, each with the text
    # it was written from: a page marks only the pieces it shows untranslated, not the list
    parts: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class DisplaySection:
    key: str | None
    title: str
    items: tuple[DisplayItem, ...] = field(default_factory=tuple)
    title_source: Any = None


def display_answers(
    definition: Mapping[str, Any],
    answers: Mapping[str, Any],
    *,
    locale: str = "id",
    context: FormContext | None = None,
) -> list[DisplaySection]:
    """Hidden fields (by their visible_if) are left out, as they are never stored.

    `locale` is the reader's language (labels, options, Ya/Yes, dates): the web shell passes
    `app.i18n.locale()`; a printed document keeps the default, Indonesian."""
    compiled = compile_definition(definition)
    context = context or EMPTY_CONTEXT
    values = _parsed(compiled.fields, answers)
    scope, hidden = visible_scope(compiled.fields, values, context.variables)
    sections = []
    for section in compiled.sections:
        if section.visible_if is not None and not section.visible_if.evaluate(scope):
            continue
        items = tuple(
            _item(f, answers.get(f.key), values.get(f.key), scope, locale, context)
            for f in section.fields if f.key not in hidden
        )
        sections.append(DisplaySection(section.key, localise(section.title, locale) or "",
                                       items, section.title))
    return sections


def _parsed(fields: Sequence[FieldDef], answers: Mapping[str, Any]) -> dict[str, Any]:
    values = {}
    for fdef in fields:
        try:
            values[fdef.key] = FIELD_TYPES[fdef.type].parse(answers.get(fdef.key), fdef)
        except (ValueError, TypeError, KeyError):
            values[fdef.key] = None
    return values


def _item(fdef: FieldDef, raw: Any, value: Any, scope: Mapping[str, Any], locale: str,
          context: FormContext) -> DisplayItem:
    label = fdef.label(locale)
    if fdef.type == "group":
        rows = []
        for row in raw or ():
            if not isinstance(row, Mapping):
                continue
            row_values = _parsed(fdef.fields, row)
            row_scope, row_hidden = visible_scope(fdef.fields, row_values, scope)
            rows.append(tuple(
                _item(sub, row.get(sub.key), row_values.get(sub.key), row_scope, locale,
                      context)
                for sub in fdef.fields if sub.key not in row_hidden))
        text = ROWS.get(locale, ROWS["id"]) % len(rows) if rows else EMPTY
        columns = tuple(sub.label(locale) for sub in fdef.fields)
        return DisplayItem(fdef.key, fdef.type, label, text, raw, tuple(rows), columns,
                           fdef.get("label"),
                           column_sources=tuple(sub.get("label") for sub in fdef.fields))
    return DisplayItem(fdef.key, fdef.type, label, text_of(fdef, raw, value, locale, context),
                       raw, label_source=fdef.get("label"),
                       parts=_parts(fdef, value, locale, context))


def _parts(fdef: FieldDef, value: Any, locale: str,
           context: FormContext) -> tuple[tuple[str, Any], ...]:
    """The chosen options' (or lookup rows') names as `text_of` writes them, each with the
    text it was chosen from ({"id", "en"}; None for a value no option names). One list can
    hold translated and untranslated options, so each one carries its own source."""
    if fdef.type not in ("select", "radio", "multiselect", "lookup") or value in (None, "", []):
        return ()
    if fdef.type == "lookup":
        table = context.lookups.get(fdef.get("table"))
        names = dict(table.choices(locale)) if table else {}
        sources = table.written() if table else {}
    else:
        names = dict(fdef.choices(locale))
        sources = {str(o["value"]): o.get("label") for o in fdef.get("options") or ()
                   if isinstance(o, Mapping)}
    chosen = value if fdef.type == "multiselect" else (value,)
    return tuple((names.get(str(v), str(v)), sources.get(str(v))) for v in chosen)


def text_of(fdef: FieldDef, raw: Any, value: Any, locale: str, context: FormContext) -> str:
    if fdef.type == "boolean":
        yes, no = YES_NO.get(locale, YES_NO["id"])
        return yes if value else no
    if value is None or value == "" or value == []:
        return EMPTY
    kind = fdef.type
    if kind in ("select", "radio"):
        return dict(fdef.choices(locale)).get(str(value), str(value))
    if kind == "multiselect":
        labels = dict(fdef.choices(locale))
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if kind == "date" and isinstance(value, date):
        return long_date(value, locale)
    if kind == "datetime" and isinstance(value, datetime):
        return f"{long_date(value.date(), locale)}, {value:%H:%M}"
    if kind == "time" and isinstance(value, time):
        return f"{value:%H:%M}"
    if kind == "lookup":
        table = context.lookups.get(fdef.get("table"))
        names = dict(table.choices(locale)) if table else {}
        return names.get(str(value), str(value))
    if kind == "region" and context.regions is not None:
        return _region_path(str(value), context) or str(value)
    if kind == "file":
        meta = (context.files or {}).get(str(value))
        return str(meta.get("name")) if meta else str(value)
    if kind == "geopoint":
        return str(raw).replace(",", ", ")
    return str(raw if raw is not None else value)


def _region_path(code: str, context: FormContext) -> str:
    """Village code 64.72.01.1003 -> "Kel. X, Kec. Y, Kota Z, Kalimantan Timur" style."""
    parts = code.split(".")
    names = []
    for depth in range(len(parts), 0, -1):
        name = context.regions.name(".".join(parts[:depth]))
        if name:
            names.append(name.title())
    return ", ".join(names)
