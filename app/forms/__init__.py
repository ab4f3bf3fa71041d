"""The account and wizard forms as data: registration, the profile, and the wizard's applicant
and company steps are form definitions in definitions/*.json, built and checked by forms_schema
exactly like a permit's form from the catalogue.

Fields used by several forms (NIK, phone, the address block ...) are declared once, in
definitions/fields.json; a form lists them as {"use": "<name>"} and may override any key
(a label, "required", "key" ...; null removes one). `definition(name)` resolves these and
validates the result against forms_schema's own schema, so a broken file fails loudly at the
first use (and in tests/unit/test_account_forms.py), never half-way through a form.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import forms_schema

from .. import regions

DEFINITIONS = Path(__file__).parent / "definitions"
SHARED = "fields"
Errors = dict[str, list[str]]

__all__ = ["clean", "context", "definition", "keys", "names", "values"]


def names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in DEFINITIONS.glob("*.json") if p.stem != SHARED))


@cache
def _shared() -> dict[str, dict[str, Any]]:
    return json.loads((DEFINITIONS / f"{SHARED}.json").read_text(encoding="utf-8"))


def _field(entry: Mapping[str, Any]) -> dict[str, Any]:
    if "use" not in entry:
        return dict(entry)
    name = entry["use"]
    if name not in _shared():
        raise KeyError(f"{SHARED}.json has no field '{name}'")
    spec = {"key": name, **copy.deepcopy(_shared()[name])}
    for attr, value in entry.items():
        if attr == "use":
            continue
        if value is None:
            spec.pop(attr, None)
        else:
            spec[attr] = copy.deepcopy(value)
    return spec


@cache
def _definition(name: str) -> str:
    raw = json.loads((DEFINITIONS / f"{name}.json").read_text(encoding="utf-8"))
    resolved = {"sections": [
        {**section, "fields": [_field(entry) for entry in section["fields"]]}
        for section in raw["sections"]
    ]}
    forms_schema.compile_definition(resolved)  # raises FormDefinitionError, every issue named
    return json.dumps(resolved)


def definition(name: str) -> dict[str, Any]:
    """A fresh copy of the resolved, validated definition (callers may localise it)."""
    return json.loads(_definition(name))


def keys(name: str) -> tuple[str, ...]:
    return tuple(f["key"] for s in definition(name)["sections"] for f in s["fields"])


def context(lookups: Mapping[str, Any] | None = None) -> forms_schema.FormContext:
    """Region data for the address fields and the NIK's province check; `lookups` are the
    reference tables a form's lookup fields choose from (e.g. complaint categories)."""
    return forms_schema.FormContext(regions=regions, nik_province_exists=regions.province_exists,
                                    lookups=dict(lookups or {}))


def clean(
    name: str, data: Mapping[str, Any], *, also: Callable[[dict[str, Any]], Errors] | None = None,
    lookups: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], Errors]:
    """The form's cleaning step: forms_schema's checks on the definition's own fields of
    `data` (posted strings or stored answers; other keys are ignored), then `also(clean)`, the
    checks that need the database (e.g. "NIK already registered"), on the fields that passed.
    Returns (normalised JSON answers, every error by field) — never stops at the first."""
    answers = {key: data.get(key) for key in keys(name)}
    cleaned, errors = forms_schema.clean_answers(definition(name), answers,
                                                  context=context(lookups))
    if also is not None and cleaned:
        for field, messages in also(cleaned).items():
            if field not in errors:
                errors.setdefault(field, []).extend(messages)
    return cleaned, errors


def values(name: str, cleaned: Mapping[str, Any]) -> dict[str, Any]:
    """Clean JSON answers as Python values for a model (a date, not its ISO text)."""
    return forms_schema.deserialise(definition(name), cleaned)
