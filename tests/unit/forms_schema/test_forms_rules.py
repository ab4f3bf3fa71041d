"""The language's additions: the application type seen by conditions (fields and sections),
sections shown by a condition, time and datetime answers, rules across fields and rows
(comparisons, count, unique, sum, arithmetic, geometry of map points). The same verdicts
through a posted form and through JSON answers."""

from decimal import Decimal

import pytest
from werkzeug.datastructures import MultiDict

from forms_schema import (
    FormContext,
    build_form,
    clean_answers,
    display_answers,
    form_errors,
    parse_condition,
    validate_answers,
    validate_form_definition,
)


def text(value):
    return {"id": value}


def by_type(**variables):
    return FormContext(variables=variables)


REVOCATION_FORM = {"sections": [
    {"key": "usaha", "title": text("Data Usaha"), "visible_if": "application_type != 'cabut'",
     "fields": [{"key": "nama_usaha", "type": "text", "required": True},
                {"key": "izin_lama", "type": "text", "required_if":
                 "application_type in ['panjang', 'ubah']"}]},
    {"key": "alasan", "title": text("Alasan Pencabutan"),
     "visible_if": "application_type == 'cabut'",
     "fields": [{"key": "alasan", "type": "textarea", "required": True}]},
]}


def test_a_section_shown_only_for_one_application_type():
    new = by_type(application_type="baru")
    assert validate_answers(REVOCATION_FORM, {}, context=new) == {"nama_usaha": ["Wajib diisi."]}
    revoke = by_type(application_type="cabut")
    assert validate_answers(REVOCATION_FORM, {}, context=revoke) == {"alasan": ["Wajib diisi."]}
    clean, errors = clean_answers(REVOCATION_FORM, {"nama_usaha": "Toko", "alasan": "Tutup"},
                                  context=revoke)
    assert (clean, errors) == ({"alasan": "Tutup"}, {})


def test_required_if_reads_the_application_type():
    renew = by_type(application_type="panjang")
    assert validate_answers(REVOCATION_FORM, {"nama_usaha": "Toko"}, context=renew) == {
        "izin_lama": ["Wajib diisi."]}
    assert validate_answers(REVOCATION_FORM, {"nama_usaha": "Toko"},
                            context=by_type(application_type="baru")) == {}


def test_the_posted_form_hides_the_same_section():
    form = build_form(REVOCATION_FORM, context=by_type(application_type="cabut"))(
        MultiDict([("nama_usaha", ""), ("alasan", "")]))
    assert not form.validate()
    assert form_errors(form) == {"alasan": ["Wajib diisi."]}
    assert form.schema_hidden() == {"nama_usaha", "izin_lama"}
    assert '"application_type": "cabut"' in form.schema_context_json
    section = next(s for s in form.schema_meta if s.key == "alasan")
    assert section.visible_if == {"op": "==", "left": {"field": "application_type"},
                                  "right": {"value": "cabut"}}


def test_display_leaves_out_a_hidden_section():
    shown = display_answers(REVOCATION_FORM, {"alasan": "Tutup"},
                            context=by_type(application_type="cabut"))
    assert [s.key for s in shown] == ["alasan"]


def test_application_type_values_are_checked_against_the_permit():
    issues = validate_form_definition(REVOCATION_FORM, application_types=["baru", "cabut"])
    assert [(i.path, i.message) for i in issues] == [
        ("sections[0].fields[1].required_if",
         "Kondisi required_if pada field 'izin_lama': 'panjang' bukan jenis permohonan izin "
         "ini."),
        ("sections[0].fields[1].required_if",
         "Kondisi required_if pada field 'izin_lama': 'ubah' bukan jenis permohonan izin ini."),
    ]
    assert validate_form_definition(REVOCATION_FORM,
                                    application_types=["baru", "panjang", "ubah", "cabut"]) == []


def test_application_type_is_a_reserved_name_and_a_section_may_not_hide_itself():
    definition = {"sections": [{"title": text("A"), "visible_if": "x == 'y'", "fields": [
        {"key": "x", "type": "text"}, {"key": "application_type", "type": "text"}]}]}
    messages = [i.message for i in validate_form_definition(definition)]
    assert "Key 'application_type' dicadangkan sistem; gunakan nama lain." in messages
    assert ("Kondisi visible_if pada bagian '1' tidak boleh merujuk isian bagian itu sendiri "
            "(x).") in messages


SCHEDULE = {
    "sections": [{"key": "jadwal", "title": text("Jadwal"), "fields": [
        {"key": "start_time", "type": "time", "required": True},
        {"key": "end_time", "type": "time", "required": True},
        {"key": "rows", "type": "group", "fields": [
            {"key": "day", "type": "select", "options": ["senin", "selasa", "rabu"]},
            {"key": "opens", "type": "time"}, {"key": "closes", "type": "time"}],
         "rules": [{"check": "closes > opens", "message": text("Jam tutup setelah jam buka.")}]},
    ]}],
    "rules": [
        {"check": "end_time > start_time", "message": text("Jam selesai harus setelah mulai.")},
        {"check": "unique(rows.day)", "message": text("Hari tidak boleh ganda."),
         "field": "rows"},
        {"check": "count(rows) <= 2", "message": text("Paling banyak 2 hari.")},
    ],
}


def posted(definition, pairs, context=None):
    form = build_form(definition, context=context)(MultiDict(pairs))
    form.validate()
    return form_errors(form)


def test_rules_across_fields_and_rows_say_the_same_through_both_paths():
    answers = {"start_time": "10:00", "end_time": "09:30", "rows": [
        {"day": "senin", "opens": "08:00", "closes": "07:00"},
        {"day": "senin", "opens": "08:00", "closes": "12:00"},
        {"day": "rabu", "opens": "", "closes": ""}]}
    expected = {"end_time": ["Jam selesai harus setelah mulai."],
                "rows": ["Hari tidak boleh ganda.", "Paling banyak 2 hari."],
                "rows-0-closes": ["Jam tutup setelah jam buka."]}
    assert validate_answers(SCHEDULE, answers) == expected
    pairs = [("start_time", "10:00"), ("end_time", "09:30")]
    for i, row in enumerate(answers["rows"]):
        pairs += [(f"rows-{i}-{k}", v) for k, v in row.items()]
    assert posted(SCHEDULE, pairs) == expected


def test_a_rule_waits_until_its_fields_are_answered_and_blank_rows_do_not_count():
    answers = {"start_time": "10:00", "rows": [{"day": "senin"}, {"day": ""}, {}]}
    assert validate_answers(SCHEDULE, answers) == {"end_time": ["Wajib diisi."]}
    good = {"start_time": "08:00", "end_time": "17:00",
            "rows": [{"day": "senin", "opens": "08:00", "closes": "12:00"},
                     {"day": "selasa"}]}
    assert validate_answers(SCHEDULE, good) == {}


PARCEL = {
    "sections": [{"title": text("Lahan"), "fields": [
        {"key": "luas_ha", "type": "decimal", "required": True},
        {"key": "batas", "type": "group", "min_rows": 3, "fields": [
            {"key": "titik", "type": "geopoint", "required": True}]}]}],
    "rules": [
        {"check": "polygon(batas.titik)", "message": text("Titik batas harus membentuk "
                                                         "poligon tertutup."), "field": "batas"},
        {"check": "abs(area_ha(batas.titik) - luas_ha) <= luas_ha * 0.1",
         "message": text("Luas dari titik batas jauh dari luas yang dinyatakan."),
         "field": "luas_ha"},
    ],
}
SQUARE = ["-0.5,117.1", "-0.5,117.11", "-0.51,117.11", "-0.51,117.1"]  # about 123.6 ha
BOW_TIE = ["-0.5,117.1", "-0.51,117.11", "-0.5,117.11", "-0.51,117.1"]


def rows_of(points):
    return [{"titik": p} for p in points]


def test_geometry_of_map_points_closed_polygon_and_declared_area():
    assert validate_answers(PARCEL, {"luas_ha": "120", "batas": rows_of(SQUARE)}) == {}
    assert validate_answers(PARCEL, {"luas_ha": "120", "batas": rows_of(SQUARE + SQUARE[:1])}) \
        == {}, "a ring that repeats its first point is the same polygon"
    assert validate_answers(PARCEL, {"luas_ha": "50", "batas": rows_of(SQUARE)}) == {
        "luas_ha": ["Luas dari titik batas jauh dari luas yang dinyatakan."]}
    errors = validate_answers(PARCEL, {"luas_ha": "120", "batas": rows_of(BOW_TIE)})
    assert errors["batas"] == ["Titik batas harus membentuk poligon tertutup."]


def test_area_is_computed_in_hectares():
    area = parse_condition("area_ha(b.titik)").tree.value({"b": rows_of(SQUARE)})
    assert Decimal("123") < area < Decimal("124.5")
    assert parse_condition("area_ha(b.titik)").tree.value({"b": rows_of(SQUARE[:2])}) is None


@pytest.mark.parametrize(("expression", "answers", "expected"), [
    ("a + b == 3", {"a": 1, "b": 2}, True),
    ("a - b < 0", {"a": 1, "b": 2}, True),
    ("a * 2 >= b", {"a": Decimal("1.5"), "b": 3}, True),
    ("a / b == 0.5", {"a": 1, "b": 2}, True),
    ("a / b == null", {"a": 1, "b": 0}, True),
    ("a + b == null", {"a": 1, "b": "x"}, True),
    ("sum(r.n) == 6", {"r": [{"n": 1}, {"n": 2}, {"n": 3}, {"n": None}]}, True),
    ("count(tags) == 2", {"tags": ["x", "y"]}, True),
    ("count(r) == 0", {}, True),
    ("unique(r.d)", {"r": [{"d": "a"}, {"d": "b"}, {"d": None}, {"d": None}]}, True),
    ("n > -1 and n-1 < 5", {"n": 3}, True),
])
def test_arithmetic_and_list_functions(expression, answers, expected):
    assert parse_condition(expression).evaluate(answers) is expected


@pytest.mark.parametrize(("definition", "message"), [
    ({"check": "nope > 1", "message": text("x")},
     "Aturan ke-1 merujuk field 'nope' yang tidak ada."),
    ({"check": "count(t) > 1", "message": text("x")},
     "Aturan ke-1: count() membutuhkan grup berulang, isian grup.isian atau pilihan ganda."),
    ({"check": "unique(g.zz)", "message": text("x")},
     "Aturan ke-1: grup 'g' tidak punya isian 'zz'."),
    ({"check": "area_ha(g.d) > 1", "message": text("x")},
     "Aturan ke-1: area_ha() membutuhkan titik peta dalam grup berulang, mis. batas.titik."),
    ({"check": "median(g.d) > 1", "message": text("x")},
     "Aturan ke-1 tidak valid: Fungsi 'median' tidak dikenal. Fungsi yang ada: count, unique, "
     "sum, abs, area_ha, polygon. (karakter ke-1)."),
    ({"check": "t != ''", "message": text("x"), "field": "other"},
     "Aturan ke-1: pesan ditujukan ke isian 'other' yang tidak ada."),
])
def test_rule_mistakes_are_definition_errors(definition, message):
    form = {"sections": [{"title": text("A"), "fields": [
        {"key": "t", "type": "text"},
        {"key": "g", "type": "group", "fields": [{"key": "d", "type": "text"}]}]}],
        "rules": [definition]}
    assert message in [i.message for i in validate_form_definition(form)]


def test_time_and_datetime_answers_are_stored_as_the_pickers_post_them():
    definition = {"sections": [{"title": text("A"), "fields": [
        {"key": "jam", "type": "time"}, {"key": "mulai", "type": "datetime"}]}]}
    clean, errors = clean_answers(definition, {"jam": "07:05", "mulai": "2026-03-10 14:30"})
    assert (clean, errors) == ({"jam": "07:05", "mulai": "2026-03-10T14:30"}, {})
    form = build_form(definition)(MultiDict([("jam", "07:05"), ("mulai", "2026-03-10T14:30")]))
    assert form.validate()
    assert 'type="time"' in form.jam() and 'type="datetime-local"' in form.mulai()
    assert 'value="2026-03-10T14:30"' in form.mulai()
    items = display_answers(definition, clean)[0].items
    assert [i.text for i in items] == ["07:05", "10 Maret 2026, 14:30"]
