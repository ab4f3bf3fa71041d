"""What account and wizard forms needed from the engine, usable by any form: a field's own
"missing" message, dates limited by today, and region fields lying within one another (the
address block's four linked selects). Each through a posted form and the JSON path alike."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from forms_schema import (
    FormContext,
    build_form,
    form_errors,
    form_meta,
    validate_answers,
    validate_form_definition,
)

TODAY = date(2026, 6, 15)


class Regions:
    """A tiny region provider: Kalimantan Timur > Samarinda/Balikpapan > one district each."""

    KNOWN = {"64": "province", "64.72": "regency", "64.71": "regency",
             "64.72.01": "district", "64.71.01": "district",
             "64.72.01.1003": "village", "64.71.01.1001": "village"}

    def name(self, code):
        return code if code in self.KNOWN else None

    def level(self, code):
        return self.KNOWN.get(code)


CONTEXT = FormContext(regions=Regions(), today=TODAY)
ADDRESS = {"sections": [{"title": {"id": "Alamat"}, "fields": [
    {"key": "province_code", "type": "region", "level": "province", "required": True,
     "label": {"id": "Provinsi"}, "required_message": {"id": "Provinsi wajib dipilih"}},
    {"key": "regency_code", "type": "region", "level": "regency", "within": "province_code",
     "label": {"id": "Kab/Kota"}, "required": True},
    {"key": "district_code", "type": "region", "level": "district", "within": "regency_code",
     "label": {"id": "Kecamatan"}, "required": True},
    {"key": "village_code", "type": "region", "level": "village", "within": "district_code",
     "label": {"id": "Kelurahan/Desa"}, "required": True},
]}]}
GOOD = {"province_code": "64", "regency_code": "64.72", "district_code": "64.72.01",
        "village_code": "64.72.01.1003"}


def both_paths(definition, answers):
    """(errors of the posted form, errors of validate_answers); they must agree."""
    form = build_form(definition, context=CONTEXT)(MultiDict(answers))
    form.validate()
    return form_errors(form), validate_answers(definition, answers, context=CONTEXT)


def one_field(**spec):
    return {"sections": [{"title": {"id": "Data"}, "fields": [{"key": "f", **spec}]}]}


def test_a_consistent_address_passes():
    assert both_paths(ADDRESS, GOOD) == ({}, {})


def test_a_village_outside_the_chosen_district_is_refused_by_name():
    posted, answered = both_paths(ADDRESS, {**GOOD, "village_code": "64.71.01.1001"})
    assert posted == answered == {"village_code": [
        "Kelurahan/Desa tidak valid: tidak berada di wilayah yang dipilih di atasnya."]}


def test_every_missing_level_is_named_with_the_definitions_own_message():
    posted, answered = both_paths(ADDRESS, {})
    assert posted == answered == {
        "province_code": ["Provinsi wajib dipilih"], "regency_code": ["Wajib diisi."],
        "district_code": ["Wajib diisi."], "village_code": ["Wajib diisi."]}


def test_a_missing_parent_is_reported_once_not_again_by_its_children():
    posted, _answered = both_paths(ADDRESS, {**GOOD, "regency_code": ""})
    assert posted == {"regency_code": ["Wajib diisi."]}


def test_chained_region_fields_are_marked_for_the_single_select_widget():
    meta = {f.key: f for f in form_meta(ADDRESS)[0].fields}
    assert all(m.chained for m in meta.values())
    alone = form_meta(one_field(type="region"))[0].fields[0]
    assert not alone.chained and alone.template == "forms/widgets/region.html"


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ([{"key": "a", "type": "region", "within": "ghost"}], "harus merujuk field wilayah"),
        ([{"key": "b", "type": "text"}, {"key": "a", "type": "region", "within": "b"}],
         "harus merujuk field wilayah"),
        ([{"key": "b", "type": "region", "level": "district"},
          {"key": "a", "type": "region", "level": "regency", "within": "b"}],
         "harus bertingkat lebih tinggi"),
        ([{"key": "a", "type": "text", "within": "b"}, {"key": "b", "type": "region"}],
         "tidak berlaku untuk tipe 'text'"),
    ],
)
def test_within_must_name_a_higher_region_field(fields, fragment):
    issues = validate_form_definition({"sections": [{"title": {"id": "D"}, "fields": fields}]})
    assert any(fragment in issue.message for issue in issues), issues


def test_required_message_replaces_only_the_missing_message():
    spec = {"type": "text", "required": True, "min_length": 3,
            "required_message": {"id": "Nama wajib diisi"}}
    assert both_paths(one_field(**spec), {}) == ({"f": ["Nama wajib diisi"]},
                                                 {"f": ["Nama wajib diisi"]})
    assert both_paths(one_field(**spec), {"f": "Al"})[1] == {"f": ["Minimal 3 karakter."]}


@pytest.mark.parametrize(
    ("limit", "good", "bad", "message"),
    [("max", "2026-06-15", "2026-06-16", "Tanggal tidak boleh di masa depan."),
     ("min", "2026-06-15", "2026-06-14", "Tanggal tidak boleh sebelum hari ini.")],
)
def test_today_as_a_date_limit(limit, good, bad, message):
    definition = one_field(type="date", **{limit: "today"})
    assert validate_form_definition(definition) == []
    assert both_paths(definition, {"f": good}) == ({}, {})
    assert both_paths(definition, {"f": bad}) == ({"f": [message]}, {"f": [message]})


def test_today_is_the_real_today_without_a_context_date():
    definition = one_field(type="date", max="today")
    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    assert validate_answers(definition, {"f": tomorrow}) == {
        "f": ["Tanggal tidak boleh di masa depan."]}
    attrs = form_meta(definition)[0].fields[0].attrs
    assert attrs["max"] == date.today().isoformat() and attrs["type"] == "date"
