"""Stored answers are JSON-native and survive build -> fill -> serialise -> deserialise."""

import json
from datetime import date
from decimal import Decimal

import pytest
from werkzeug.datastructures import MultiDict

from forms_schema import (
    FormContext,
    build_form,
    clean_answers,
    deserialise,
    serialise,
    validate_answers,
)

EVERYTHING = {"sections": [{"title": {"id": "Semua"}, "fields": [
    {"key": "name", "type": "text"},
    {"key": "address", "type": "textarea"},
    {"key": "qty", "type": "number"},
    {"key": "area", "type": "decimal", "decimals": 2},
    {"key": "start", "type": "date"},
    {"key": "kind", "type": "select", "options": ["a", "b"]},
    {"key": "tags", "type": "multiselect", "options": ["x", "y", "z"]},
    {"key": "gender", "type": "radio", "options": ["L", "P"]},
    {"key": "agree", "type": "boolean"},
    {"key": "mail", "type": "email"},
    {"key": "hp", "type": "phone"},
    {"key": "nik", "type": "nik"},
    {"key": "npwp", "type": "npwp"},
    {"key": "nib", "type": "nib"},
    {"key": "village", "type": "region"},
    {"key": "point", "type": "geopoint"},
    {"key": "faskes", "type": "lookup", "table": "faskes"},
    {"key": "rows", "type": "group", "fields": [
        {"key": "row_name", "type": "text"}, {"key": "row_qty", "type": "decimal"},
        {"key": "row_day", "type": "date"}]},
    {"key": "ktp", "type": "file", "requirement": "ktp"},
    {"key": "secret", "type": "text", "visible_if": "kind == 'b'"},
]}]}
CONTEXT = FormContext(
    lookups={"faskes": [{"code": "F1", "name": "RS"}]},
    files={"file-1": {"name": "ktp.pdf", "size": 10, "ext": "pdf"}},
)
POST = MultiDict([
    ("name", " Budi "), ("address", "Jl. A\nNo. 1"), ("qty", "12"), ("area", "10,5"),
    ("start", "2024-08-17"), ("kind", "a"), ("tags", "x"), ("tags", "z"), ("gender", "P"),
    ("agree", "y"), ("mail", "budi@contoh.id"), ("hp", "0812 3456 7890"),
    ("nik", "6472010101900001"), ("npwp", "01.234.567.8-901.000"), ("nib", "1234567890123"),
    ("village", "64.72.01.1001"), ("point", "-0.5,117.15"), ("faskes", "F1"),
    ("rows-0-row_name", "satu"), ("rows-0-row_qty", "1.5"), ("rows-0-row_day", "2024-01-02"),
    ("rows-1-row_name", ""), ("rows-1-row_qty", ""), ("rows-1-row_day", ""),
    ("ktp", "file-1"), ("secret", "rahasia"),
])
EXPECTED = {
    "name": "Budi", "address": "Jl. A\nNo. 1", "qty": 12, "area": "10.50",
    "start": "2024-08-17", "kind": "a", "tags": ["x", "z"], "gender": "P", "agree": True,
    "mail": "budi@contoh.id", "hp": "081234567890", "nik": "6472010101900001",
    "npwp": "012345678901000", "nib": "1234567890123", "village": "64.72.01.1001",
    "point": "-0.5,117.15", "faskes": "F1",
    "rows": [{"row_name": "satu", "row_qty": "1.5", "row_day": "2024-01-02"}],
    "ktp": "file-1",
}


def filled_form():
    form = build_form(EVERYTHING, context=CONTEXT)(POST)
    assert form.validate(), form.errors
    return form


def test_serialise_gives_json_native_answers_without_hidden_fields():
    answers = serialise(filled_form())
    assert answers == EXPECTED
    assert json.loads(json.dumps(answers)) == answers


def test_round_trip_is_lossless():
    answers = serialise(filled_form())
    data = deserialise(EVERYTHING, json.loads(json.dumps(answers)))
    assert data["start"] == date(2024, 8, 17)
    assert data["area"] == Decimal("10.50")
    again = build_form(EVERYTHING, context=CONTEXT)(data=data)
    assert again.validate(), again.errors
    assert serialise(again) == answers
    assert serialise(type(again), data) == answers


def test_stored_answers_pass_the_json_validator_and_clean_to_themselves():
    answers = serialise(filled_form())
    assert validate_answers(EVERYTHING, answers, context=CONTEXT) == {}
    assert clean_answers(EVERYTHING, answers, context=CONTEXT) == (answers, {})


def test_empty_form_serialises_to_explicit_empties():
    form = build_form(EVERYTHING, context=CONTEXT)(MultiDict())
    assert form.validate()
    answers = serialise(form)
    assert answers["name"] is None and answers["qty"] is None
    assert answers["tags"] == [] and answers["rows"] == [] and answers["agree"] is False
    assert serialise(build_form(EVERYTHING)(data=deserialise(EVERYTHING, answers))) == answers


def test_clean_answers_drops_hidden_fields_and_normalises():
    raw = {"kind": "a", "secret": "x", "npwp": "01.234.567.8-901.000", "qty": "5"}
    clean, errors = clean_answers(EVERYTHING, raw, context=CONTEXT)
    assert errors == {}
    assert "secret" not in clean
    assert clean["npwp"] == "012345678901000" and clean["qty"] == 5


def test_json_validator_rejects_unknown_keys_and_non_objects():
    assert validate_answers(EVERYTHING, {"nama": "x"}) == {"nama": ["Isian tidak dikenal."]}
    assert validate_answers(EVERYTHING, ["x"]) == {"": ["Harus berupa objek JSON."]}
    assert validate_answers(EVERYTHING, {"rows": "x"}) == {"rows": ["Harus berupa daftar baris."]}
    assert validate_answers(EVERYTHING, {"rows": [{"nope": 1}]}) == {
        "rows-0-nope": ["Isian tidak dikenal."]
    }


def test_deserialise_names_the_field_it_cannot_read():
    with pytest.raises(ValueError, match="start: Format tanggal"):
        deserialise(EVERYTHING, {"start": "kemarin"})
