"""Keys in the form builder: a new section is keyed from its title (so the Excel export can
write the form as rows), a new field needs a key and is told so in Indonesian under the
input, and a new lookup field names its table only when the admin picks one."""

from __future__ import annotations

import copy
import html as markup
import re

import openpyxl

import catalogue as cat_lib
from app.extensions import db
from app.models import CatalogueDraft
from tests.catalogue_helpers import publish_sample
from tests.integration.catalogue_console.test_catalogue_builder import BUILDER, draft_permit, post
from tests.integration.catalogue_console.test_catalogue_draft import form_values, start_draft


def _sheet_rows(path, name: str) -> list[dict]:
    sheet = openpyxl.load_workbook(path, read_only=True)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_a_section_added_in_the_builder_gets_a_key_and_the_form_exports_as_rows(admin,
                                                                                 tmp_path):
    publish_sample()
    start_draft(admin)
    for _ in range(2):
        post(admin, "/admin/katalog/susun/izin/SIPA/bagian", {"title_id": "Data Lokasi Sumur"})
    last = len(draft_permit()["form"]["sections"]) - 1
    post(admin, "/admin/katalog/susun/izin/SIPA/isian", {
        "where": f"s{last}", "type": "text", "key": "nama_sumur", "label_id": "Nama Sumur"})
    sections = draft_permit()["form"]["sections"]
    assert [s["key"] for s in sections[-2:]] == ["data_lokasi_sumur", "data_lokasi_sumur_2"]
    assert "data_lokasi_sumur" in admin.get(BUILDER).get_data(as_text=True)

    path = tmp_path / "katalog.xlsx"
    db.session.expire_all()
    cat_lib.dump_xlsx(db.session.query(CatalogueDraft).one().content, path)
    sipa = next(p for p in _sheet_rows(path, "Permits") if p["code"] == "SIPA")
    assert not sipa.get("extra"), "the form is not a JSON blob in the Permits sheet"
    fields = [f for f in _sheet_rows(path, "Fields") if f.get("permit") == "SIPA"]
    assert {"section": "data_lokasi_sumur_2", "key": "nama_sumur"}.items() <= next(
        f for f in fields if f["key"] == "nama_sumur").items()


def test_a_section_without_a_key_gets_one_when_the_builder_next_saves(admin):
    publish_sample()
    start_draft(admin)
    draft = db.session.query(CatalogueDraft).one()
    content = copy.deepcopy(draft.content)
    permit = next(p for p in content["permits"] if p["code"] == "SIPA")
    permit["form"]["sections"].append({"title": {"id": "Lampiran Teknis"}, "fields": []})
    draft.content = content
    db.session.commit()
    post(admin, "/admin/katalog/susun/izin/SIPA/bagian", {"title_id": "Penutup",
                                                          "key": "penutup"})
    assert [s.get("key") for s in draft_permit()["form"]["sections"][-2:]] == [
        "lampiran_teknis", "penutup"]


def test_a_new_key_is_asked_for_in_indonesian_under_its_input(admin):
    publish_sample()
    start_draft(admin)
    before = draft_permit()["form"]
    response = post(admin, "/admin/katalog/susun/izin/SIPA/isian", {
        "where": "s0", "type": "text", "key": "", "label_id": "Kedalaman Sumur"})
    assert response.status_code == 200 and draft_permit()["form"] == before
    row = response.get_data(as_text=True).split('id="add-field-s0"')[1].split("</form>")[0]
    assert row.split('data-error-for="key">')[1].split("</div>")[0] == "Kunci wajib diisi."
    assert "novalidate" in row.split(">")[0], "no browser bubble in English instead"
    key_input = re.search(r'<input[^>]*name="key"[^>]*>', row).group(0)
    assert "required" not in key_input and 'data-key-from="label-s0"' in key_input


def test_a_new_lookup_field_names_no_table_until_the_admin_picks_one(admin):
    publish_sample()
    start_draft(admin)
    post(admin, "/admin/katalog/susun/izin/SIPA/isian", {
        "where": "s0", "type": "lookup", "key": "kbli", "label_id": "KBLI"})
    assert "table" not in next(f for f in draft_permit()["form"]["sections"][0]["fields"]
                               if f["key"] == "kbli")
    url = "/admin/katalog/susun/izin/SIPA/isian/kbli"
    html = admin.get(url).get_data(as_text=True)
    select = html.split('name="table"')[1].split("</select>")[0]
    assert re.search(r'<option selected value="">— Pilih tabel —</option>', select)
    values = form_values(html)
    refused = admin.post(url, data=dict(values, table=""))
    assert refused.status_code == 200
    error = refused.get_data(as_text=True).split('data-error-for="table"')[1].split("</div>")[0]
    assert markup.unescape(error) == ">Kolom 'Tabel referensi' wajib diisi."
    assert admin.post(url, data=dict(values, table="kbli")).status_code == 302
    assert next(f for f in draft_permit()["form"]["sections"][0]["fields"]
                if f["key"] == "kbli")["table"] == "kbli"
