"""validate_form_definition: what a catalogue admin sees when a form definition is wrong."""

import copy

import pytest
from jsonschema import Draft202012Validator

from forms_schema import (
    FIELD_TYPES,
    FORM_SCHEMA,
    FormDefinitionError,
    FormIssue,
    build_form,
    validate_form_definition,
)

SIP_DOKTER = {
    "sections": [
        {
            "key": "praktik",
            "title": {"id": "Data Praktik", "en": "Practice"},
            "fields": [
                {"key": "str_number", "type": "text", "label": {"id": "Nomor STR"},
                 "required": True, "pattern": "^[0-9]{16}$"},
                {"key": "practice_kind", "type": "select",
                 "options": ["mandiri", {"value": "non_mandiri", "label": {"id": "Non mandiri"}}]},
                {"key": "faskes", "type": "lookup", "table": "faskes",
                 "visible_if": "practice_kind == 'non_mandiri'",
                 "required_if": "practice_kind == 'non_mandiri'"},
                {"key": "practice_point", "type": "geopoint"},
                {"key": "ktp", "type": "file", "requirement": "ktp"},
                {"key": "staff", "type": "group", "min_rows": 1, "max_rows": 5, "fields": [
                    {"key": "staff_name", "type": "text", "required": True},
                    {"key": "staff_nik", "type": "nik", "visible_if": "staff_name != null"},
                ]},
            ],
        }
    ]
}


def with_fields(*fields):
    return {"sections": [{"title": {"id": "Data"}, "fields": list(fields)}]}


def messages_at(issues, path):
    return [issue.message for issue in issues if issue.path == path]


def test_form_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(FORM_SCHEMA)
    assert FORM_SCHEMA["$schema"].endswith("2020-12/schema")


def test_a_realistic_definition_has_no_issues_and_builds():
    issues = validate_form_definition(
        SIP_DOKTER, lookup_tables={"faskes"}, requirement_keys={"ktp"}
    )
    assert issues == []
    assert build_form(SIP_DOKTER)


def test_registry_holds_exactly_the_documented_types():
    assert set(FIELD_TYPES) == {
        "text", "textarea", "number", "decimal", "date", "time", "datetime", "select",
        "multiselect", "radio", "boolean", "email", "phone", "nik", "npwp", "nib", "region",
        "geopoint", "lookup", "group", "file",
    }


def test_unknown_type_is_an_error_not_a_text_box():
    issues = validate_form_definition(with_fields({"key": "a", "type": "xyz"}))
    assert issues[0].path == "sections[0].fields[0].type"
    assert issues[0].message.startswith("Tipe field 'xyz' tidak dikenal")
    with pytest.raises(FormDefinitionError, match="xyz"):
        build_form(with_fields({"key": "a", "type": "xyz"}))


def test_reports_every_problem_at_once_with_paths():
    definition = with_fields(
        {"key": "name", "type": "text", "pattern": "([a-z"},
        {"key": "name", "type": "select"},
        {"key": "Bad-Key", "type": "number", "min": 10, "max": 1},
        {"key": "kind", "type": "lookup", "table": "nope", "visible_if": "name == "},
        {"key": "doc", "type": "file", "requirement": "akta", "required_if": "ghost == 1"},
        {"key": "extra", "type": "text", "colour": "red"},
    )
    issues = validate_form_definition(definition, lookup_tables={"faskes"}, requirement_keys={})
    assert all(isinstance(issue, FormIssue) for issue in issues)
    paths = {issue.path for issue in issues}
    assert {
        "sections[0].fields[0].pattern",
        "sections[0].fields[1].key",
        "sections[0].fields[1].options",
        "sections[0].fields[2].key",
        "sections[0].fields[2].min",
        "sections[0].fields[3].table",
        "sections[0].fields[3].visible_if",
        "sections[0].fields[4].requirement",
        "sections[0].fields[4].required_if",
        "sections[0].fields[5].colour",
    } <= paths
    assert messages_at(issues, "sections[0].fields[1].options") == ["Kolom 'options' wajib diisi."]
    assert "Pola regex tidak valid" in messages_at(issues, "sections[0].fields[0].pattern")[0]
    assert "'name' sudah dipakai" in messages_at(issues, "sections[0].fields[1].key")[0]
    assert messages_at(issues, "sections[0].fields[2].min") == [
        "'min' tidak boleh lebih besar dari 'max'."
    ]
    assert messages_at(issues, "sections[0].fields[3].table") == [
        "Tabel referensi 'nope' tidak ada."
    ]
    assert messages_at(issues, "sections[0].fields[5].colour") == ["Kolom 'colour' tidak dikenal."]


def test_condition_syntax_error_names_the_field_and_the_position():
    issues = validate_form_definition(with_fields(
        {"key": "a", "type": "text"},
        {"key": "b", "type": "text", "visible_if": "a == 'x' and"},
    ))
    assert issues == [FormIssue(
        "sections[0].fields[1].visible_if",
        "Kondisi visible_if pada field 'b' tidak valid: Kondisi berakhir terlalu cepat; "
        "diharapkan nilai atau nama field. (karakter ke-13).",
    )]


@pytest.mark.parametrize(
    ("fields", "path", "fragment"),
    [
        ([{"key": "a", "type": "text", "visible_if": "ghost == 1"}],
         "sections[0].fields[0].visible_if", "merujuk field 'ghost' yang tidak ada"),
        ([{"key": "a", "type": "text", "visible_if": "a == 1"}],
         "sections[0].fields[0].visible_if", "field itu sendiri"),
        ([{"key": "a", "type": "text", "visible_if": "b == 'x'"},
          {"key": "b", "type": "text", "visible_if": "a == 'x'"}],
         "sections[0].fields[0].visible_if", "saling bergantung: a → b → a"),
        ([{"key": "k", "type": "select", "options": ["ya", "tidak"]},
          {"key": "a", "type": "text", "visible_if": "k == 'yes'"}],
         "sections[0].fields[1].visible_if", "'yes' bukan opsi field 'k'"),
        ([{"key": "g", "type": "group", "fields": [{"key": "s", "type": "text"}]},
          {"key": "a", "type": "text", "visible_if": "s == 'x'"}],
         "sections[0].fields[1].visible_if", "merujuk field 's' yang tidak ada"),
        ([{"key": "g", "type": "group", "fields": [
            {"key": "h", "type": "group", "fields": [{"key": "s", "type": "text"}]}]}],
         "sections[0].fields[0].fields[0].type", "tidak boleh bertipe 'group'"),
        ([{"key": "g", "type": "group", "fields": [{"key": "s", "type": "text"}]},
          {"key": "s", "type": "text"}],
         "sections[0].fields[1].key", "'s' sudah dipakai di sections[0].fields[0].fields[0]"),
        ([{"key": "data", "type": "text"}], "sections[0].fields[0].key", "dicadangkan"),
        ([{"key": "and", "type": "text"}], "sections[0].fields[0].key", "dicadangkan"),
        ([{"key": "a", "type": "text", "table": "faskes"}],
         "sections[0].fields[0].table", "tidak berlaku untuk tipe 'text'"),
        ([{"key": "a", "type": "text", "min_length": 5, "max_length": 2}],
         "sections[0].fields[0].min_length", "tidak boleh lebih besar"),
        ([{"key": "a", "type": "group", "min_rows": 3, "max_rows": 2,
           "fields": [{"key": "s", "type": "text"}]}],
         "sections[0].fields[0].min_rows", "tidak boleh lebih besar"),
        ([{"key": "a", "type": "date", "min": "01-01-2024"}],
         "sections[0].fields[0].min", "TTTT-BB-HH"),
        ([{"key": "a", "type": "multiselect", "options": ["x"], "min": 2}],
         "sections[0].fields[0].min", "melebihi jumlah opsi"),
        ([{"key": "a", "type": "select", "options": ["x", "x"]}],
         "sections[0].fields[0].options", "ganda"),
        ([{"key": "a", "type": "select", "options": ["x"], "default": "y"}],
         "sections[0].fields[0].default", "Pilihan tidak valid."),
        ([{"key": "a", "type": "number", "max": 5, "default": 9}],
         "sections[0].fields[0].default", "Nilai maksimal 5."),
        ([{"key": "a", "type": "region", "level": "city"}],
         "sections[0].fields[0].level", "province, regency, district, village"),
        ([{"key": "a", "type": "lookup"}], "sections[0].fields[0].table", "wajib diisi"),
        ([{"key": "a", "type": "text", "required": "yes"}],
         "sections[0].fields[0].required", "true/false"),
    ],
)
def test_semantic_problems(fields, path, fragment):
    issues = validate_form_definition(with_fields(*fields))
    assert any(issue.path == path and fragment in issue.message for issue in issues), issues


@pytest.mark.parametrize(
    "definition",
    [None, [], {}, {"sections": "x"}, {"sections": [{"fields": [1, "a", None]}]}, {"x": 1}],
)
def test_malformed_documents_give_issues_not_exceptions(definition):
    issues = validate_form_definition(definition)
    assert issues and all(issue.message for issue in issues)


def test_missing_section_title_is_reported_at_the_section():
    issues = validate_form_definition({"sections": [{"fields": []}]})
    assert FormIssue("sections[0].title", "Kolom 'title' wajib diisi.") in issues


def test_lookup_and_requirement_names_are_only_checked_when_known():
    definition = with_fields(
        {"key": "f", "type": "lookup", "table": "faskes"},
        {"key": "d", "type": "file", "requirement": "ktp"},
    )
    assert validate_form_definition(definition) == []
    issues = validate_form_definition(definition, lookup_tables=[], requirement_keys=["npwp"])
    assert [issue.path for issue in issues] == [
        "sections[0].fields[0].table", "sections[0].fields[1].requirement"
    ]


def test_validation_does_not_mutate_and_build_cache_is_content_based():
    definition = copy.deepcopy(SIP_DOKTER)
    build_form(definition)
    assert definition == SIP_DOKTER
    definition["sections"][0]["fields"][0]["type"] = "xyz"
    with pytest.raises(FormDefinitionError):
        build_form(definition)
