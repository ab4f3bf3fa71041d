"""The catalogue language's additions: what an application type means (its effect), validity
per application type, certificate templates checked against the form (located by sheet, row
and column), form rules and section conditions in the workbook, and a workbook that carries
its own template files so it imports alone and round-trips losslessly."""

from __future__ import annotations

import copy

import pytest
from openpyxl import load_workbook

from catalogue import (
    Catalogue,
    dump_xlsx,
    load_xlsx,
    read_workbook,
    validate,
    validate_xlsx,
    validity_for,
)
from catalogue.__main__ import folder_files
from tests.unit.catalogue.catalogue_builders import SAMPLE_DIR, make_catalogue_dict, sample


def test_application_types_say_what_approving_them_does():
    cat = sample()
    assert [cat.effect(t["code"]) for t in cat.application_types] == [
        "new", "renewal", "amendment", "revocation"]
    data = make_catalogue_dict()
    assert Catalogue(data).effect("daftar_ulang") == "new", "no effect written: a new permit"
    data["application_types"][1]["effect"] = "extend"
    [issue] = validate(data)
    assert issue.path == "application_types[1].effect"
    assert "tidak diizinkan; pilihan: new, renewal, amendment, revocation" in issue.message


def test_an_application_type_is_named_in_the_readers_language_with_fallbacks():
    """The one naming rule every page, receipt and report uses for an application type."""
    data = make_catalogue_dict()
    first, second = data["application_types"][0], data["application_types"][1]
    first["name"] = {"id": "Baru", "en": "New"}
    second["name"] = {"id": "Daftar ulang"}
    cat = Catalogue(data)
    assert cat.application_type_name(first["code"], "en") == "New"
    assert cat.application_type_name(first["code"]) == "Baru"
    assert cat.application_type_name(second["code"], "en") == "Daftar ulang"  # no English
    assert cat.application_type_name("tidak_ada", "en") == "tidak_ada"  # no longer listed


def test_an_applications_permit_is_named_for_its_reader():
    """Indonesian readers read the name the application recorded (a permit renamed later
    keeps its old name on old applications); English readers the catalogue's English name,
    else the recorded one for a permit this version no longer lists."""
    data = make_catalogue_dict()
    permit = data["permits"][0]
    permit["name"] = {"id": "Izin Baru Namanya", "en": "Renamed Permit"}
    cat = Catalogue(data)
    code = permit["code"]
    assert cat.recorded_permit_name(code, "Izin Lama", "id") == "Izin Lama"
    assert cat.recorded_permit_name(code, "Izin Lama", "en") == "Renamed Permit"
    assert cat.recorded_permit_name("TIDAK-ADA", "Izin Lama", "en") == "Izin Lama"


def test_validity_per_application_type():
    permit = {"validity": {"years": 5}, "application_types": ["baru", "perpanjangan"],
              "validity_by_type": {"perpanjangan": {"years": 2}, "pencabutan": None}}
    assert validity_for(permit, "baru") == {"years": 5}
    assert validity_for(permit, "perpanjangan") == {"years": 2}
    assert validity_for(permit, "pencabutan") is None
    data = make_catalogue_dict()
    data["permits"][0]["validity_by_type"] = {"daftar_ulang": {"months": 6}, "cabut": None}
    assert [(i.path, i.message) for i in validate(data)] == [
        ("permits[0].validity_by_type.cabut",
         "Jenis permohonan 'cabut' tidak dilayani izin ini.")]


def _sheet_row(path, sheet: str, column: str, value) -> int:
    wb = load_workbook(path, read_only=True)
    try:
        rows = list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()
    col = rows[0].index(column)
    return next(n for n, row in enumerate(rows[1:], start=2) if row[col] == value)


def test_a_template_reading_a_missing_field_fails_with_sheet_row_and_column(tmp_path):
    data = make_catalogue_dict()
    permit = data["permits"][0]
    field = permit["form"]["sections"][0]["fields"][0]["key"]
    permit["certificate"] = {"template": (
        f"<p>{{{{ data.{field} }}}} {{{{ data['luas_kavling'] }}}} "
        "{{ lookup.kelas }} {{ files.foto_lokasi }} {{ data.get('catatan') }}</p>")}
    path = tmp_path / "katalog.xlsx"
    dump_xlsx(data, path)
    issues = validate_xlsx(path)
    row = _sheet_row(path, "Permits", "code", permit["code"])
    assert [(i.source, i.row, i.column) for i in issues] == [
        ("Permits", row, "certificate_template")] * 4
    assert [i.message for i in issues] == [
        "Templat membaca data.luas_kavling, tetapi formulir izin ini tidak punya isian "
        "'luas_kavling'.",
        "Templat membaca lookup.kelas, tetapi 'kelas' bukan isian lookup izin ini.",
        "Templat membaca files.foto_lokasi, tetapi izin ini tidak punya persyaratan "
        "'foto_lokasi'.",
        "Templat membaca data.catatan, tetapi formulir izin ini tidak punya isian 'catatan'.",
    ]


def test_a_template_file_carried_by_the_workbook_is_checked_too(tmp_path):
    data = make_catalogue_dict()
    data["permits"][0]["certificate"] = {"template": "sertifikat.html"}
    path = tmp_path / "katalog.xlsx"
    dump_xlsx(data, path, files={"templates/sertifikat.html": b"<p>{{ data.tidak_ada }}</p>",
                                 "templates/lain.html": b"{% if %}"})
    [issue] = validate_xlsx(path)
    assert (issue.source, issue.column) == ("Permits", "certificate_template")
    assert "data.tidak_ada" in issue.message
    dump_xlsx(data, path, files={})
    [issue] = validate_xlsx(path)
    assert issue.message == "Templat sertifikat 'templates/sertifikat.html' tidak ditemukan."


def test_the_sample_templates_read_only_fields_their_permits_have():
    assert validate(sample(), assets=folder_files(SAMPLE_DIR)) == []


def test_the_workbook_carries_its_files_and_round_trips_losslessly(tmp_path):
    files = folder_files(SAMPLE_DIR)
    files["templates/besar.html"] = ("  <p>spasi di depan</p>\n" * 3000).encode()  # > 1 cell
    files["templates/rumus.txt"] = b"=SUM(A1)\ttab\n"
    files["templates/biner.bin"] = bytes(range(256))
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    dump_xlsx(sample(), first, files=files)
    data, issues, _sources, found = read_workbook(first)
    assert issues == [] and found == files
    assert Catalogue(data) == sample()
    dump_xlsx(load_xlsx(first), second, files=found)
    assert read_workbook(second)[3] == files
    assert load_xlsx(second) == sample()


def test_rules_and_section_conditions_live_in_their_own_columns(tmp_path):
    data = sample().to_dict()
    permit = next(p for p in data["permits"] if p["code"] == "IZIN-PENELITIAN")
    permit["form"]["rules"] = [{"check": "end_date > start_date",
                                "message": {"id": "Selesai setelah mulai.", "en": "End later."}}]
    path = tmp_path / "katalog.xlsx"
    dump_xlsx(data, path)
    wb = load_workbook(path, read_only=True)
    try:
        rules = list(wb["Rules"].iter_rows(values_only=True))
        sections = list(wb["Sections"].iter_rows(values_only=True))
    finally:
        wb.close()
    assert rules[1][:4] == ("IZIN-PENELITIAN", "end_date > start_date", "Selesai setelah mulai.",
                            "End later.")
    assert ("SIP-DOKTER", "pencabutan") in {row[:2] for row in sections}
    visible = sections[0].index("visible_if")
    assert any(row[visible] == "application_type == 'pencabutan'" for row in sections)
    assert load_xlsx(path).to_dict() == Catalogue(data).to_dict()


def test_a_workbook_from_before_these_columns_still_imports(tmp_path):
    path = tmp_path / "lama.xlsx"
    data = copy.deepcopy(make_catalogue_dict())
    dump_xlsx(data, path)
    wb = load_workbook(path)
    del wb["Rules"]
    types = wb["ApplicationTypes"]
    types.delete_cols(list(c.value for c in types[1]).index("effect") + 1)
    wb.save(path)
    assert validate_xlsx(path) == []
    assert load_xlsx(path) == Catalogue(data)


@pytest.mark.parametrize("effect", ["renewal", "amendment", "revocation"])
def test_the_effect_column_round_trips(tmp_path, effect):
    data = make_catalogue_dict()
    data["application_types"][1]["effect"] = effect
    path = tmp_path / "katalog.xlsx"
    dump_xlsx(data, path)
    assert load_xlsx(path).effect("daftar_ulang") == effect
