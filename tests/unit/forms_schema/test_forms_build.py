"""build_form: the web form an applicant fills, generated from the catalogue."""

import json

import wtforms
from werkzeug.datastructures import MultiDict
from wtforms.validators import ValidationError

from forms_schema import FormContext, build_form, form_errors, form_meta, validate_answers

PRACTICE = {
    "sections": [
        {
            "key": "praktik",
            "title": {"id": "Data Praktik", "en": "Practice"},
            "fields": [
                {"key": "kind", "type": "select", "required": True,
                 "label": {"id": "Jenis praktik", "en": "Practice kind"},
                 "options": ["mandiri", {"value": "non_mandiri",
                                         "label": {"id": "Non mandiri", "en": "Employed"}}]},
                {"key": "faskes", "type": "lookup", "table": "faskes",
                 "visible_if": "kind == 'non_mandiri'", "required": True},
                {"key": "faskes_note", "type": "text", "visible_if": "faskes == 'LAIN'",
                 "required": True},
                {"key": "has_staff", "type": "boolean"},
                {"key": "staff_count", "type": "number", "min": 1,
                 "required_if": "has_staff"},
            ],
        },
        {
            "key": "staf",
            "title": {"id": "Staf"},
            "fields": [
                {"key": "staff", "type": "group", "min_rows": 1, "max_rows": 2,
                 "visible_if": "has_staff", "fields": [
                     {"key": "staff_name", "type": "text", "required": True},
                     {"key": "staff_role", "type": "select", "options": ["perawat", "lain"]},
                     {"key": "staff_role_other", "type": "text",
                      "visible_if": "staff_role == 'lain'", "required": True},
                     {"key": "staff_str", "type": "text", "required_if": "kind == 'mandiri'"},
                 ]},
            ],
        },
    ]
}
CONTEXT = FormContext(lookups={"faskes": [
    {"code": "RS1", "name": "RSUD A. Wahab Sjahranie"}, {"code": "LAIN", "name": "Lainnya"}
]})


def submit(pairs, definition=PRACTICE, context=CONTEXT, **kwargs):
    form = build_form(definition, context=context, **kwargs)(MultiDict(pairs))
    ok = form.validate()
    return ok, form_errors(form), form


def test_hidden_fields_are_neither_required_nor_validated_nor_stored():
    ok, errors, form = submit([
        ("kind", "mandiri"), ("faskes", "TIDAK-ADA"), ("faskes_note", ""),
    ])
    assert ok, errors
    assert "faskes" not in form.schema_answers()
    assert "faskes_note" not in form.schema_answers()


def test_a_field_becomes_required_and_validated_once_visible():
    ok, errors, _ = submit([("kind", "non_mandiri"), ("faskes", "TIDAK-ADA")])
    assert not ok
    assert errors == {"faskes": ["Pilihan tidak valid."]}
    _, errors, _ = submit([("kind", "non_mandiri")])
    assert errors == {"faskes": ["Wajib diisi."]}


def test_hidden_field_counts_as_empty_for_other_conditions():
    # faskes = LAIN would show faskes_note, but faskes itself is hidden for 'mandiri'
    ok, errors, form = submit([("kind", "mandiri"), ("faskes", "LAIN")])
    assert ok, errors
    assert form.schema_hidden() == {"faskes", "faskes_note", "staff"}
    _, errors, _ = submit([("kind", "non_mandiri"), ("faskes", "LAIN")])
    assert errors == {"faskes_note": ["Wajib diisi."]}


def test_required_if_makes_a_field_required_only_when_true():
    assert submit([("kind", "mandiri")])[0]
    _, errors, _ = submit([("kind", "mandiri"), ("has_staff", "y"),
                           ("staff-0-staff_name", "Ani"), ("staff-0-staff_str", "1")])
    assert errors == {"staff_count": ["Wajib diisi."]}


def staff_rows(*rows):
    pairs = [("kind", "mandiri"), ("has_staff", "y"), ("staff_count", "2")]
    for index, row in enumerate(rows):
        pairs += [(f"staff-{index}-{key}", value) for key, value in row.items()]
    return pairs


def test_group_rows_enforce_min_and_max_rows():
    _, errors, _ = submit(staff_rows())
    # min_rows puts one blank row on screen: its required fields say what is missing
    assert errors == {"staff-0-staff_name": ["Wajib diisi."], "staff-0-staff_str": ["Wajib diisi."]}
    row = {"staff_name": "Ani", "staff_str": "123"}
    assert submit(staff_rows(row))[0]
    assert submit(staff_rows(row, row))[0]
    _, errors, _ = submit(staff_rows(row, row, row))
    assert errors == {"staff": ["Maksimal 2 baris."]}


ITEMS = {"sections": [{"title": {"id": "S"}, "fields": [
    {"key": "items", "type": "group", "min_rows": 2,
     "fields": [{"key": "item", "type": "text", "required": True},
                {"key": "note", "type": "text"}]}]}]}


def test_group_min_rows_message_and_blank_rows_are_ignored():
    definition = ITEMS
    _, errors, form = submit([("items-0-item", "a"), ("items-1-item", "")], definition)
    assert errors == {"items-1-item": ["Wajib diisi."]}
    ok, _, form = submit([("items-0-item", "a"), ("items-1-item", ""), ("items-2-item", "b")],
                         definition)
    assert ok
    assert form.schema_answers() == {"items": [{"item": "a", "note": None},
                                               {"item": "b", "note": None}]}


def test_a_blank_row_on_screen_below_min_rows_asks_for_its_fields_in_both_paths():
    """The applicant sees "Baris 1": its required fields are marked, not "Minimal 1 baris"."""
    pairs = [("items-0-item", ""), ("items-0-note", "")]
    _, web, _ = submit(pairs, ITEMS)  # min_rows 2: two rows on screen
    assert web == {"items-0-item": ["Wajib diisi."], "items-1-item": ["Wajib diisi."]}
    assert validate_answers(ITEMS, {"items": [{}, {"item": ""}]}) == web
    # a third, spare blank row is not asked for
    _, web, _ = submit(pairs + [("items-1-item", "b"), ("items-2-item", "")], ITEMS)
    assert web == {"items-0-item": ["Wajib diisi."]}
    # one blank row where two are needed: the row asks, and the group still says two
    assert validate_answers(ITEMS, {"items": [{"item": None, "note": None}]}) == {
        "items-0-item": ["Wajib diisi."], "items": ["Minimal 2 baris."]}


def test_with_no_row_or_only_optional_fields_the_group_says_too_few_rows():
    assert validate_answers(ITEMS, {"items": []}) == {"items": ["Minimal 2 baris."]}
    optional = {"sections": [{"title": {"id": "S"}, "fields": [
        {"key": "items", "type": "group", "min_rows": 1,
         "fields": [{"key": "note", "type": "text"}]}]}]}
    _, web, _ = submit([("items-0-note", "")], optional)
    assert web == {"items": ["Minimal 1 baris."]}
    assert validate_answers(optional, {"items": [{}]}) == web


def test_group_row_errors_use_posted_names_and_rows_see_outer_answers():
    _, errors, _ = submit(staff_rows(
        {"staff_name": "Ani", "staff_role": "lain", "staff_str": "1"},
        {"staff_name": "", "staff_role": "perawat", "staff_str": ""},
    ))
    assert errors == {
        "staff-0-staff_role_other": ["Wajib diisi."],
        "staff-1-staff_name": ["Wajib diisi."],
        "staff-1-staff_str": ["Wajib diisi."],  # required_if reads top-level 'kind'
    }


def test_web_form_and_json_validation_agree_on_the_same_answers():
    pairs = staff_rows({"staff_name": "", "staff_role": "lain"})
    _, web_errors, _ = submit(pairs)
    answers = {"kind": "mandiri", "has_staff": True, "staff_count": 2,
               "staff": [{"staff_name": None, "staff_role": "lain"}]}
    assert validate_answers(PRACTICE, answers, context=CONTEXT) == web_errors


def test_each_call_returns_a_fresh_class_with_its_own_context():
    a = build_form(PRACTICE, context=CONTEXT)
    b = build_form(PRACTICE, context=FormContext(lookups={"faskes": [{"code": "X", "name": "X"}]}))
    assert a is not b and a.faskes is not b.faskes
    assert [c.value for c in a().faskes.iter_choices()] == ["", "RS1", "LAIN"]
    assert [c.value for c in b().faskes.iter_choices()] == ["", "X"]


def test_base_class_fields_inline_validators_and_extra_validators_still_run():
    class Base(wtforms.Form):
        token = wtforms.StringField()

        def validate_token(self, field):
            if field.data != "ok":
                raise ValidationError("Token salah.")

    form_cls = build_form(PRACTICE, context=CONTEXT, base=Base)
    assert issubclass(form_cls, Base)
    form = form_cls(MultiDict({"kind": "mandiri", "token": "bad"}))
    assert not form.validate()
    assert form.errors == {"token": ["Token salah."]}

    def no_mandiri(form, field):
        if field.data == "mandiri":
            raise ValidationError("Tidak boleh.")

    form = form_cls(MultiDict({"kind": "mandiri", "token": "ok"}))
    assert not form.validate(extra_validators={"kind": [no_mandiri]})
    assert form.errors == {"kind": ["Tidak boleh."]}


def test_labels_choices_and_metadata_follow_the_locale():
    form = build_form(PRACTICE, locale="en", context=CONTEXT)()
    assert form.kind.label.text == "Practice kind"
    assert [(c.value, c.label) for c in form.kind.iter_choices()][1:] == [
        ("mandiri", "mandiri"), ("non_mandiri", "Employed")
    ]
    sections = form_meta(PRACTICE, "id", context=CONTEXT)
    assert [s.title for s in sections] == ["Data Praktik", "Staf"]
    faskes = sections[0].fields[1]
    assert (faskes.widget, faskes.label, faskes.required) == ("lookup", "Faskes", True)
    assert faskes.options[1] == ("RS1", "RSUD A. Wahab Sjahranie")
    assert json.loads(faskes.data_attrs["data-visible-if"]) == {
        "op": "==", "left": {"field": "kind"}, "right": {"value": "non_mandiri"}
    }
    staff = sections[1].fields[0]
    assert [sub.key for sub in staff.fields] == [
        "staff_name", "staff_role", "staff_role_other", "staff_str"
    ]
    assert build_form(PRACTICE).schema_fields["staff_count"].required_if == {"field": "has_staff"}


def test_renders_with_html_hints_and_required_only_when_unconditional():
    form = build_form(PRACTICE, context=CONTEXT)()
    assert 'required' in form.kind()
    assert 'required' not in form.faskes()  # required but conditional: JS decides
    assert 'min="1"' in form.staff_count()
    assert 'name="staff-0-staff_name"' in form.staff.entries[0].staff_name()


def test_defaults_prefill_a_new_form():
    definition = {"sections": [{"title": {"id": "S"}, "fields": [
        {"key": "qty", "type": "number", "default": 3},
        {"key": "day", "type": "date", "default": "2024-08-17"},
        {"key": "ok", "type": "boolean", "default": True},
    ]}]}
    form = build_form(definition)()
    assert form.schema_answers() == {"qty": 3, "day": "2024-08-17", "ok": True}
