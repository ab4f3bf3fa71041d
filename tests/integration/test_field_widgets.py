"""The generic field macro (templates/forms/_fields.html) draws a field through the field-type
registry: every registered type names its widget template, and that template renders the
type's input. A type added to the registry without a working template fails here."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from app.services.catalogue_forms import region_chain
from forms_schema import FIELD_TYPES, FormContext, build_form

CONTEXT = FormContext(
    lookups={"faskes": [{"code": "F1", "name": "RSUD AWS"}]},
    files={"f-1": {"name": "ktp.pdf", "size": 100, "ext": "pdf"}},
    requirements={"ktp": {"formats": ["pdf"], "max_mb": 5}},
)
# the least each type needs; the posted value shows the input keeps what was typed
MINIMAL = {
    "text": ({}, "Budi"), "textarea": ({}, "Jl. Merdeka"), "number": ({}, "7"),
    "decimal": ({}, "1,5"), "date": ({}, "2024-02-29"),
    "time": ({"min": "07:00"}, "14:30"), "datetime": ({}, "2026-03-10T14:30"),
    "select": ({"options": ["a", "b"]}, "b"), "multiselect": ({"options": ["a", "b"]}, "b"),
    "radio": ({"options": ["a", "b"]}, "b"), "boolean": ({}, "y"),
    "email": ({}, "budi@contoh.id"), "phone": ({}, "081234567890"),
    "nik": ({}, "6472010101900001"), "npwp": ({}, "012345678901000"),
    "nib": ({}, "1234567890123"), "region": ({"level": "regency"}, "64.72"),
    "geopoint": ({}, "-0.5,117.1"), "lookup": ({"table": "faskes"}, "F1"),
    "file": ({"requirement": "ktp"}, "f-1"),
    "group": ({"min_rows": 1, "fields": [{"key": "sub", "type": "text"}]}, None),
}
PAGE = ('{% import "forms/_fields.html" as fs with context %}'
        '<form>{{ fs.named(form, "f", region_chain) }}</form>')


def test_every_registered_type_has_a_minimal_case_and_names_a_template():
    assert set(MINIMAL) == set(FIELD_TYPES)
    assert all(t.template.startswith("forms/widgets/") for t in FIELD_TYPES.values())


@pytest.mark.parametrize("type_name", sorted(FIELD_TYPES))
def test_each_type_renders_its_input_through_its_registered_template(app, type_name):
    spec, value = MINIMAL[type_name]
    definition = {"sections": [{"title": {"id": "Data"}, "fields": [
        {"key": "f", "type": type_name, "label": {"id": "Isian Uji"}, **spec}]}]}
    posted = MultiDict({"f": value} if value is not None else {"f-0-sub": "Baris satu"})
    with app.test_request_context("/"):
        form = build_form(definition, context=CONTEXT)(posted)
        html = render_template_string(PAGE, form=form, region_chain=region_chain)
    assert f'data-field="f" data-type="{type_name}"' in html
    assert "Isian Uji" in html
    name = "f-0-sub" if type_name == "group" else "f"
    inputs = re.findall(rf'<(input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', html)
    assert inputs, html
    assert kept(type_name, value) in html  # what was posted is drawn back
    if type_name in PICKERS:  # the browser's own picker, not a free text box
        assert re.search(rf'<input\b[^>]*\btype="{PICKERS[type_name]}"', html)


# the browser picker each moment type is drawn as
PICKERS = {"date": "date", "time": "time", "datetime": "datetime-local"}


def kept(type_name: str, value: str | None) -> str:
    """How a widget shows the posted value: typed, selected or checked."""
    if type_name == "group":
        return 'value="Baris satu"'
    if type_name in ("select", "lookup", "file", "region"):
        return f'value="{value}" selected'
    if type_name in ("radio", "multiselect"):
        return f'value="{value}" checked'
    if type_name == "boolean":
        return "checked"
    if type_name == "textarea":
        return f"{value}</textarea>"
    return f'value="{value}"'
