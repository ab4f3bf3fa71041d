"""The catalogue validator's messages (catalogue/ and the form engine's definition checks) are
marked templates filled in with .format: the console's English pages show them in English with
their values (keys, sheets, numbers) put back, its Indonesian pages, the CLI, the REST API and
the stored records keep the Indonesian text."""

from __future__ import annotations

import re

import pytest

import catalogue as cat_lib
from app.i18n import marked_in, translated
from catalogue import (
    cells,
    numbering,
    references,
    routing,
    routing_graph,
    validation,
    workbook_read,
)
from catalogue.marked import MARKED as CATALOGUE_MARKED
from forms_schema import definition_messages as definition
from forms_schema import expressions
from forms_schema.conditions import ConditionError, errors, parse_condition
from forms_schema.marked import MARKED as FORMS_MARKED

EVERY = sorted(CATALOGUE_MARKED | FORMS_MARKED)
TEMPLATES = [t for t in EVERY if re.search(r"\{\w+\}", t)]

# templates with values the checks really fill them with, and the English a page shows
REAL = [
    (cells.MSG_TYPE, {"value": "gratis", "names": cells.NUMBER},
     "The value 'gratis' must be a number."),
    (validation.MSG_TYPE, {"value": "5", "names": "objek atau kosong"},
     "The value '5' must be an object or empty."),
    (validation.MSG_PATTERN, {"value": "Sipa", "hint": validation._PATTERN_HINTS[
        "^[A-Z][A-Z0-9_-]{1,39}$"]},
     "The value 'Sipa' does not match the format (capital letters/digits/-/_, starting with a "
     "capital letter)."),
    (validation.MSG_REQUIRED, {"key": "agency"}, "The entry 'agency' is required."),
    (workbook_read.MSG_NO_PARENT, {"what": workbook_read.PERMIT, "code": "SIPX"},
     "Permit 'SIPX' does not exist."),
    (workbook_read.MSG_UNKNOWN_COLUMN, {"column": "biaya"},
     "Unknown column 'biaya'; its contents will not be read."),
    (references.MSG_NOT_IN_CATALOGUE, {"label": references.AGENCY, "value": "DINKESX"},
     "Agency 'DINKESX' was not found in the catalogue."),
    (routing_graph.MSG_UNREACHED, {"key": "tte", "first": "verifikasi"},
     "The step 'tte' is never reached from the first step 'verifikasi'."),
    (numbering.MSG_UNKNOWN_TOKEN, {"token": "{tahun}", "known": "{seq}, {year}"},
     "Unknown token '{tahun}'. Available tokens: {seq}, {year}."),
    (definition.MSG_KEY_TAKEN, {"key": "luas", "path": "sections[0].fields[1]"},
     "The key 'luas' is already used at sections[0].fields[1]."),
    (definition.MSG_BAD_DEFAULT, {"problem": "Nilai minimal 5."},
     "Invalid default value: The value must be at least 5."),
    (routing.MSG_ALREADY_ACTED, {"agency": "DINKES", "step": "Tim Teknis"},
     "DINKES has already given its decision at the step Tim Teknis."),
    (routing.MSG_WRONG_ROLE, {"step": "Verifikasi", "role": "Verifikator", "actor": "Operator"},
     "The step Verify is done by the role Verifikator, not Operator."),
]


def nested(where: str, ref: str) -> str:
    return expressions.MSG_NO_FIELD.format(where=where, ref=ref)


def test_every_validator_template_reads_in_english_with_its_values(app):
    """One app for all of them (a parametrized test would build ~150 apps): a template filled
    in with sample values is found again as itself, so two templates cannot be taken for
    each other, and reads in English with its values."""
    wrong = []
    with app.test_request_context("/"):
        for template in TEMPLATES:
            names = re.findall(r"\{(\w+)\}", template)
            assert len(set(names)) == len(names), template  # plain names, each once
            values = {name: f"nilai{n}x" for n, name in enumerate(names)}
            indonesian = template.format(**values)
            english = marked_in(indonesian, "en")
            if english != translated(template, "en").format(**values) or english == indonesian \
                    or marked_in(indonesian, "id") != indonesian:
                wrong.append((indonesian, english))
    assert len(TEMPLATES) > 100 and wrong == []


def test_every_fixed_validator_text_has_its_english(app):
    with app.test_request_context("/"):
        fixed = [t for t in EVERY if t not in TEMPLATES]
        assert [t for t in fixed if marked_in(t, "en") == t or marked_in(t, "id") != t] == []


@pytest.mark.parametrize(("template", "values", "english"), REAL,
                         ids=[t[:40] for t, _v, _e in REAL])
def test_real_values_are_put_back_translated_where_the_catalogue_knows_them(
        app, template, values, english):
    with app.test_request_context("/"):
        assert marked_in(template.format(**values), "en") == english


def test_a_condition_error_inside_an_expression_message_is_translated_whole(app):
    where = definition.WHERE_FIELD.format(attr="visible_if", key="faskes")
    with pytest.raises(ConditionError) as caught:
        parse_condition("praktek = 'x'")
    message = expressions.MSG_INVALID.format(where=where, problem=caught.value)
    assert message == ("Kondisi visible_if pada field 'faskes' tidak valid: Gunakan '==' untuk "
                       "membandingkan. (karakter ke-9).")
    assert str(caught.value) == errors.AT_CHARACTER.format(problem="Gunakan '==' untuk "
                                                           "membandingkan.", position=9)
    with app.test_request_context("/"):
        assert marked_in(message, "en") == (
            "The visible_if condition of the field 'faskes' is invalid: Use '==' to compare. "
            "(character 9).")
        assert marked_in(nested(where, "praktek"), "en") == (
            "The visible_if condition of the field 'faskes' refers to the field 'praktek', which "
            "does not exist.")


def test_the_cli_and_the_records_keep_the_indonesian_text():
    issues = cat_lib.validate({"application_types": "x"})
    assert issues and all("harus" in i.message or "wajib" in i.message or "tidak" in i.message
                          for i in issues)
    assert "Isian 'agencies' wajib diisi." in {i.message for i in issues}
