"""JSON <-> XLSX <-> folder conversions lose nothing, including awkward values."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from catalogue import (
    Catalogue,
    dump_folder,
    dump_xlsx,
    load_folder,
    load_xlsx,
    validate,
    write_template,
)
from tests.unit.catalogue.catalogue_builders import make_catalogue_dict, sample, t


def _cells(path) -> dict[str, list[tuple]]:
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def test_sample_json_to_xlsx_to_json_is_identical(tmp_path):
    path = tmp_path / "katalog.xlsx"
    dump_xlsx(sample(), path)
    back = load_xlsx(path)
    assert back.to_dict() == sample().to_dict()
    assert back.digest() == sample().digest()


def test_xlsx_to_json_to_xlsx_re_exports_the_same_cells(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    dump_xlsx(sample(), first)
    dump_xlsx(load_xlsx(first), second)
    assert _cells(first) == _cells(second)


def test_folder_round_trip(tmp_path):
    dump_folder(sample(), tmp_path / "out")
    assert load_folder(tmp_path / "out", check=False) == sample()
    assert (tmp_path / "out" / "permits" / "SIP-DOKTER.json").is_file()
    assert (tmp_path / "out" / "holidays" / "2026.json").is_file()


def _awkward() -> dict:
    data = make_catalogue_dict()
    permit = data["permits"][0]
    permit["description"] = {"id": "=SUM(A1) bukan rumus", "en": "  padded  "}
    permit["legal_basis"] = ["Perda No. 1, Pasal 2", "Pergub No. 5"]
    permit["validity"] = None
    permit["certificate"] = {"template": "<h1>Izin</h1>\n<p>{{ permit_number }}</p>\n"}
    permit["requirements"][0]["applies_to"] = []
    permit["requirements"][1]["x_note"] = {"dari": "admin", "angka": [1, 2.5]}
    fields = permit["form"]["sections"][0]["fields"]
    fields += [
        {"key": "fasilitas", "type": "multiselect", "label": t("Fasilitas", "Facilities"),
         "options": ["wifi", {"value": "ac", "label": t("Pendingin", "Air con")}, "[x]"],
         "default": ["wifi", "ac"]},
        {"key": "catatan", "type": "text", "label": t("Catatan "), "default": '["bukan daftar"]',
         "pattern": "=^a", "help": "teks biasa, bukan objek"},
        {"key": "kamar_detail", "type": "group", "label": t("Kamar"), "min_rows": 0,
         "fields": [
             {"key": "nama", "type": "text", "label": t("Nama")},
             {"key": "kasur", "type": "group", "label": t("Kasur"), "fields": [
                 {"key": "ukuran", "type": "select", "label": t("Ukuran"),
                  "options": ["single", "double"]},
                 {"key": "harga", "type": "decimal", "label": t("Harga"), "decimals": 2,
                  "min": 0.5, "default": 1.25},
             ]},
         ]},
        {"key": "kosong", "type": "select", "label": t("Kosong"), "options": []},
        {"key": "kelompok_kosong", "type": "group", "label": t("Kelompok"), "fields": []},
        {"key": "angka_opsi", "type": "radio", "label": t("Angka"), "options": [1, 2, 3]},
    ]
    permit["form"]["sections"].append({"key": "lain", "title": t("Lain-lain"), "fields": []})
    data["permits"].append(copy.deepcopy(permit) | {
        "code": "ZZ-FORM-ANEH", "form": {"sections": [], "catatan": "bentuk bebas"},
        "requirements": "bukan daftar"})
    data["routings"][0]["steps"][0]["actions"]["catat"] = "periksa"
    data["agencies"][0]["address"] = "Jl. Contoh: No. 1; Blok A"
    data["lookups"] = [
        {"name": "kamus", "title": t("Kamus"), "key_column": "kode",
         "columns": [{"key": "kode", "label": t("Kode")}, {"key": "nilai", "label": t("Nilai")},
                     {"key": "aktif", "label": t("Aktif")}],
         "rows": [{"kode": "007", "nilai": 1.5, "aktif": True},
                  {"kode": "008", "nilai": "  spasi  "}, {"kode": "9", "nilai": 9}]},
        {"name": "aneh", "title": t("Aneh"), "key_column": "k",
         "columns": [{"key": "k", "label": t("K")}], "rows": [{"k": None}, {"k": [1]}]},
    ]
    data["holidays"].append({"date": "2026-13-45", "name": "Tanggal salah", "kind": "national"})
    return data


def test_awkward_values_survive_json_to_xlsx_to_json(tmp_path):
    cat = Catalogue(_awkward())
    path = tmp_path / "aneh.xlsx"
    dump_xlsx(cat, path)
    assert load_xlsx(path, check=False).to_dict() == cat.to_dict()
    second = tmp_path / "aneh2.xlsx"
    dump_xlsx(load_xlsx(path, check=False), second)
    assert _cells(path) == _cells(second)


def test_friendly_cells_for_lists_actions_and_labels(tmp_path):
    path = tmp_path / "k.xlsx"
    dump_xlsx(sample(), path)
    cells = _cells(path)
    steps = cells["Steps"]
    header = steps[0]
    first = dict(zip(header, steps[1], strict=False))  # read-only rows drop trailing blanks
    assert first["actions"] == "lanjut: rekomendasi; revisi: @applicant; tolak: @rejected"
    permits = [dict(zip(cells["Permits"][0], row, strict=False))
               for row in cells["Permits"][1:]]
    sip = next(p for p in permits if p["code"] == "SIP-DOKTER")
    assert sip["application_types"] == "baru, perpanjangan, perubahan, pencabutan"
    assert sip["validity_years"] == 5 and sip.get("extra") is None
    assert cells["Lookup_faskes"][0][:2] == ("code", "name")


def test_blank_template_has_headers_instructions_and_default_roles(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    cells = _cells(path)
    assert list(cells)[0] == "Petunjuk"
    assert {"Agencies", "Permits", "Requirements", "Fields", "Options", "Steps",
            "Holidays"} <= set(cells)
    assert all(len(rows) == 1 for name, rows in cells.items()
               if name in ("Agencies", "Permits", "Fields"))
    text = " ".join(str(v) for row in cells["Petunjuk"] for v in row if v)
    assert "registration_number" in text and "@permit" in text
    blank = load_xlsx(path)
    assert blank.permits == [] and blank.role("Tim Teknis") is not None
    assert validate(blank) == []


_KEYS = st.sampled_from(["code", "key", "name", "type", "agency", "agencies", "steps", "actions",
                         "role", "fields", "options", "sections", "form", "requirements", "rows",
                         "columns", "table", "date", "kind", "validity", "fee", "id", "en",
                         "value", "label", "default", "legal_basis"])
# text without control characters: a workbook (XML 1.0) cannot hold them, and validation
# refuses them (test_control_characters_are_refused_before_they_reach_a_workbook)
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=6)
_SCALARS = (st.none() | st.booleans() | st.integers(-9, 9) | st.floats(allow_nan=False,
            allow_infinity=False) | _TEXT
            | st.sampled_from(["@permit", "=1+1", ' "q" ', "[1]", "a, b", "x: y"]))
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=20)
_REQUIRED = {"routings": {"steps": []}, "permits": {"requirements": [], "validity": None},
             "lookups": {"columns": [], "rows": []}}


@st.composite
def _catalogues(draw) -> dict:
    names = st.sampled_from(["agencies", "sectors", "roles", "routings", "permits", "lookups",
                             "holidays", "application_types"])
    data = draw(st.dictionaries(names, st.lists(st.dictionaries(_KEYS, _JSON, max_size=5),
                                                max_size=3), max_size=4))
    for collection, defaults in _REQUIRED.items():
        for item in data.get(collection, []):
            for key, value in defaults.items():
                item.setdefault(key, value)
    return data


@settings(max_examples=40, deadline=None)
@given(_catalogues())
def test_any_shaped_catalogue_survives_the_workbook(data):
    """Lossless even for invalid documents, as long as their list keys are present."""
    cat = Catalogue(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "acak.xlsx"
        dump_xlsx(cat, path)
        assert load_xlsx(path, check=False).to_dict() == cat.to_dict()
    validate(data)  # never raises, whatever the shape


def test_form_keys_without_a_column_travel_in_extra(tmp_path):
    """A permit form may use the address features of the form engine (a field's own
    required message, date limits of "today", region fields lying within one another); the
    workbook keeps them in the row's `extra` cell, so old workbooks still import."""
    data = make_catalogue_dict()
    data["permits"][0]["form"]["sections"][0]["fields"] += [
        {"key": "kabupaten", "type": "region", "level": "regency", "label": t("Kab/Kota"),
         "required": True, "required_message": t("Kab/Kota wajib dipilih")},
        {"key": "desa", "type": "region", "level": "village", "within": "kabupaten",
         "label": t("Desa")},
        {"key": "mulai", "type": "date", "label": t("Mulai"), "min": "today"},
    ]
    assert validate(Catalogue(data)) == []
    dump_xlsx(Catalogue(data), tmp_path / "k.xlsx")
    assert load_xlsx(tmp_path / "k.xlsx").to_dict() == Catalogue(data).to_dict()


def test_control_characters_are_refused_before_they_reach_a_workbook():
    data = sample().to_dict()
    data["agencies"][0]["name"]["id"] = "Dinas\x0bKesehatan"
    issues = validate(data)
    assert any("karakter kontrol" in i.message for i in issues)


def test_children_of_a_parent_without_a_usable_code_stay_in_its_row(tmp_path):
    """Steps and requirements name their parent by code: a parent without one, with a code
    that is not text, or with a code an earlier parent already has, keeps them as JSON in its
    own row, so nothing is lost or handed to the wrong parent."""
    steps = [{"key": "periksa", "role": "Petugas Loket"}]
    data = {"routings": [{"steps": steps}, {"code": "A", "steps": steps},
                         {"code": "A", "steps": [{"key": "lain"}]}],
            "permits": [{"code": {"bukan": "teks"}, "requirements": [{"key": "ktp"}],
                         "validity": None}]}
    path = tmp_path / "kode.xlsx"
    dump_xlsx(Catalogue(data), path)
    assert load_xlsx(path, check=False).to_dict() == Catalogue(data).to_dict()
