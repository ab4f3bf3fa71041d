"""The form builder: a permit's form composed without JSON — a field added by picking its
type, its own properties as a form, conditions checked as they are typed against the fields
that exist, reordering, repeating groups, rules across fields, sections shown per
application type — and the JSON view of the same form, both ways."""

from __future__ import annotations

import html as markup
import json
import re

from app.extensions import db
from app.models import CatalogueDraft
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import form_values, start_draft

NOT_SAVED = ("Belum disimpan. Ada isian yang perlu diperbaiki: pesannya tertulis di bawah "
             "setiap isian tersebut.")
NOT_ADDED = ("Isian belum ditambahkan. Ada isian yang perlu diperbaiki: pesannya tertulis "
             "di bawah setiap isian tersebut.")

BUILDER = "/admin/katalog/susun/izin/SIPA/"


def draft_permit(code: str = "SIPA") -> dict:
    db.session.expire_all()
    content = db.session.query(CatalogueDraft).one().content
    return next(p for p in content["permits"] if p["code"] == code)


def fields_of(permit: dict) -> list[str]:
    return [f["key"] for s in permit["form"]["sections"] for f in s["fields"]]


def post(admin, url: str, data: dict, page: str = BUILDER):
    return admin.post(url, data={"csrf_token": csrf(admin, page), **data})


def test_a_field_is_added_by_type_and_edited_property_by_property(admin):
    publish_sample()
    start_draft(admin)
    page = admin.get(BUILDER)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-sortable="s0"' in html
    for name in ("time", "datetime", "group", "lookup"):  # every type of the registry
        assert f'<option value="{name}">' in html
    response = post(admin, "/admin/katalog/susun/izin/SIPA/isian", {
        "where": "s0", "type": "time", "key": "jam_operasi", "label_id": "Jam Operasi",
        "label_en": "Operating hours"})
    assert response.location.endswith("/admin/katalog/susun/izin/SIPA/isian/jam_operasi")
    assert draft_permit()["form"]["sections"][0]["fields"][-1]["key"] == "jam_operasi"

    url = "/admin/katalog/susun/izin/SIPA/isian/jam_operasi"
    html = admin.get(url).get_data(as_text=True)
    assert 'name="min"' in html and 'name="options"' not in html, "a time has no options"
    values = form_values(html)
    values.update(required="y", min="07:00", max="bukan jam", help_id="Jam mulai beroperasi",
                  visible_if="purpose == 'industri'")
    refused = admin.post(url, data=values)
    assert refused.status_code == 200, "a time limit that is no time is not saved"
    assert "Harus berupa jam JJ:MM." in refused.get_data(as_text=True).split(
        'data-error-for="max"')[1].split("</div>")[0]
    values["max"] = "17:00"
    response = admin.post(url, data=values)
    assert response.status_code == 302, page_text(response)[:1500]
    field = next(f for s in draft_permit()["form"]["sections"] for f in s["fields"]
                 if f["key"] == "jam_operasi")
    assert field == {"key": "jam_operasi", "type": "time",
                     "label": {"id": "Jam Operasi", "en": "Operating hours"},
                     "help": {"id": "Jam mulai beroperasi"}, "required": True,
                     "visible_if": "purpose == 'industri'", "min": "07:00",
                     "max": "17:00"}


def test_conditions_are_checked_as_they_are_typed(admin):
    publish_sample()
    start_draft(admin)
    check = "/admin/katalog/susun/izin/SIP-DOKTER/periksa"
    page = "/admin/katalog/susun/izin/SIP-DOKTER/"

    def verdict(**data):
        return page_text(post(admin, check, data, page))

    assert "Syarat dapat dipakai." in verdict(visible_if="practice_kind == 'mandiri'",
                                              field="faskes")
    assert "merujuk field 'praktek' yang tidak ada" in verdict(
        visible_if="praktek == 'mandiri'", field="faskes")
    assert "'klinik' bukan opsi field 'practice_kind'" in verdict(
        visible_if="practice_kind == 'klinik'", field="faskes")
    assert "Gunakan '==' untuk membandingkan." in verdict(
        visible_if="practice_kind = 'x'", field="faskes")
    assert "'cabut' bukan jenis permohonan izin ini." in verdict(
        visible_if="application_type == 'cabut'", section="1")
    assert "tidak boleh merujuk field itu sendiri" in verdict(visible_if="faskes != null",
                                                               field="faskes")
    composer = admin.get("/admin/katalog/susun/izin/SIP-DOKTER/isian/faskes")
    offered = json.loads(re.search(r'data-scope="([^"]+)"', composer.get_data(as_text=True))
                         .group(1).replace("&#34;", '"').replace("&quot;", '"'))
    keys = {f["key"] for f in offered}
    assert {"practice_kind", "application_type"} <= keys and "faskes" not in keys


def test_fields_and_sections_are_reordered_by_buttons_and_by_drag_and_drop(admin):
    publish_sample()
    start_draft(admin)
    before = fields_of(draft_permit())
    post(admin, f"/admin/katalog/susun/izin/SIPA/isian/{before[1]}/naik", {})
    assert fields_of(draft_permit())[:2] == [before[1], before[0]]
    section = draft_permit()["form"]["sections"][0]["fields"]
    order = [f["key"] for f in section][::-1]
    response = admin.post("/admin/katalog/susun/izin/SIPA/urutan",
                          json={"where": "s0", "order": order},
                          headers={"X-CSRFToken": csrf(admin, BUILDER)})
    assert response.status_code == 200
    assert [f["key"] for f in draft_permit()["form"]["sections"][0]["fields"]] == order
    stale = admin.post("/admin/katalog/susun/izin/SIPA/urutan",
                       json={"where": "s0", "order": order[:-1]},
                       headers={"X-CSRFToken": csrf(admin, BUILDER)})
    assert stale.status_code == 409 and "Muat ulang" in stale.get_json()["error"]
    last = fields_of(draft_permit())[len(order) - 1]
    post(admin, f"/admin/katalog/susun/izin/SIPA/isian/{last}/turun", {})
    sections = draft_permit()["form"]["sections"]
    assert sections[1]["fields"][0]["key"] == last, "moved past the end into the next section"
    admin.post("/admin/katalog/susun/izin/SIPA/urutan", json={"where": "sections",
                                                              "order": ["1", "0"]},
               headers={"X-CSRFToken": csrf(admin, BUILDER)})
    assert [s["key"] for s in draft_permit()["form"]["sections"]] == [
        sections[1]["key"], sections[0]["key"]]


def test_groups_rules_and_sections_per_application_type(admin):
    publish_sample()
    start_draft(admin)
    add = "/admin/katalog/susun/izin/SIPA/isian"
    post(admin, add, {"where": "s0", "type": "group", "key": "jadwal",
                      "label_id": "Jadwal Pengambilan"})
    for key, kind in (("hari", "select"), ("mulai", "time"), ("selesai", "time")):
        post(admin, add, {"where": "g:jadwal", "type": kind, "key": key, "label_id": key})
    group = next(f for f in draft_permit()["form"]["sections"][0]["fields"]
                 if f["key"] == "jadwal")
    assert [f["key"] for f in group["fields"]] == ["jadwal_keterangan", "hari", "mulai",
                                                    "selesai"]
    rule_url = "/admin/katalog/susun/izin/SIPA/aturan/g-jadwal/_baru"
    response = post(admin, rule_url, {"check": "selesai > mulai",
                                      "message_id": "Selesai setelah mulai.", "field": ""},
                    rule_url)
    assert response.status_code == 302
    form_rule = "/admin/katalog/susun/izin/SIPA/aturan/form/_baru"
    post(admin, form_rule, {"check": "unique(jadwal.hari)", "message_id": "Hari ganda.",
                            "field": "jadwal"}, form_rule)
    form = draft_permit()["form"]
    group = next(f for f in form["sections"][0]["fields"] if f["key"] == "jadwal")
    assert group["rules"] == [{"check": "selesai > mulai",
                               "message": {"id": "Selesai setelah mulai."}}]
    assert form["rules"] == [{"check": "unique(jadwal.hari)", "message": {"id": "Hari ganda."},
                              "field": "jadwal"}]
    section_url = "/admin/katalog/susun/izin/SIPA/bagian/1"
    values = form_values(admin.get(section_url).get_data(as_text=True))
    values["visible_if"] = "application_type != 'perubahan'"
    assert admin.post(section_url, data=values).status_code == 302
    assert draft_permit()["form"]["sections"][1]["visible_if"] == \
        "application_type != 'perubahan'"
    preview = admin.get("/admin/katalog/izin/SIPA/pratinjau?sumber=draf&jenis=perubahan")
    html = preview.get_data(as_text=True)
    assert '"application_type": "perubahan"' in html.replace("&#34;", '"')
    assert "data-section-if=" in html and "data-row-rules=" in html
    assert "Persyaratan per jenis permohonan" in page_text(preview)
    framed = admin.get("/admin/katalog/izin/SIPA/pratinjau?sumber=draf&sematan=1")
    assert "Persyaratan per jenis permohonan" not in page_text(framed), "only the form"
    assert 'id="jadwal-0-mulai"' in framed.get_data(as_text=True)
    assert "sematan=1" in admin.get(BUILDER).get_data(as_text=True)


def test_the_json_view_shows_and_takes_the_same_form(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/susun/izin/SIPA/json"
    values = form_values(admin.get(url).get_data(as_text=True))
    form = json.loads(values["form_json"])
    assert form == draft_permit()["form"]
    form["sections"][0]["title"] = {"id": "Data Sumur Bor"}
    response = admin.post(url, data={**values, "form_json": json.dumps(form)})
    assert response.status_code == 302
    assert "Data Sumur Bor" in page_text(admin.get(BUILDER))
    broken = admin.post(url, data={**values, "form_json": '{"sections": [}'})
    assert "JSON tidak valid di baris 1" in page_text(broken)


def test_the_builder_needs_a_draft_and_the_catalogue_screen(admin, client, app):
    publish_sample()
    response = admin.get(BUILDER)
    assert response.status_code == 302 and "/admin/katalog/draf/" in response.location
    start_draft(admin)
    assert admin.get("/admin/katalog/susun/izin/TIDAK-ADA/").status_code == 404
    assert admin.get("/admin/katalog/susun/izin/SIPA/isian/tidak_ada").status_code == 404
    from tests.backoffice_helpers import staff_client

    verifier, _user = staff_client(app, "Verifikator")
    assert verifier.get(BUILDER).status_code == 404


def test_a_condition_naming_a_missing_field_is_refused_and_not_saved(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/susun/izin/SIP-DOKTER/isian/faskes"
    before = draft_permit("SIP-DOKTER")["form"]
    values = form_values(admin.get(url).get_data(as_text=True))
    values["visible_if"] = "praktek == 'mandiri'"
    response = admin.post(url, data=values)
    shown = page_text(response)
    assert response.status_code == 200
    assert "Tampil bila merujuk field 'praktek' yang tidak ada." in shown
    assert NOT_SAVED in shown
    assert draft_permit("SIP-DOKTER")["form"] == before, "nothing reached the draft"

    section = "/admin/katalog/susun/izin/SIP-DOKTER/bagian/0"
    values = form_values(admin.get(section).get_data(as_text=True))
    values["visible_if"] = "application_type == 'cabut'"
    shown = page_text(admin.post(section, data=values))
    assert "'cabut' bukan jenis permohonan izin ini." in shown
    rule = "/admin/katalog/susun/izin/SIP-DOKTER/aturan/form/_baru"
    shown = page_text(post(admin, rule, {"check": "selesai > tidak_ada",
                                         "message_id": "x", "field": ""}, rule))
    assert "merujuk field 'tidak_ada' yang tidak ada" in shown
    assert draft_permit("SIP-DOKTER")["form"] == before


def test_a_field_failing_its_own_checks_is_refused_with_each_problem_on_its_input(admin):
    publish_sample()
    start_draft(admin)
    code = "IZIN-PENELITIAN"
    page = f"/admin/katalog/susun/izin/{code}/"
    post(admin, f"/admin/katalog/susun/izin/{code}/isian", {
        "where": "g:members", "type": "number", "key": "jumlah_peneliti",
        "label_id": "Jumlah peneliti"}, page)
    before = draft_permit(code)["form"]
    url = f"/admin/katalog/susun/izin/{code}/isian/jumlah_peneliti"
    values = form_values(admin.get(url).get_data(as_text=True))
    values.update(min="10", max="2", default="50", help_id="Termasuk ketua")
    response = admin.post(url, data=values)
    html = response.get_data(as_text=True)
    shown = page_text(response)
    assert response.status_code == 200
    assert draft_permit(code)["form"] == before, "nothing reached the draft"
    assert "Isian tersimpan di draf." not in shown
    assert NOT_SAVED in shown
    under = {name: markup.unescape(" ".join(re.findall(
        rf'data-error-for="{name}">([^<]*)<', html))) for name in ("min", "max", "default")}
    assert "'Nilai minimal' tidak boleh lebih besar dari 'Nilai maksimal'" in under["min"]
    assert "2" in under["default"], "a default above the max is named under its input"
    assert "'min'" not in shown and "sections[" not in shown, "no internal names or paths"
    kept = form_values(html)
    assert (kept["min"], kept["max"], kept["default"], kept["help_id"]) == (
        "10", "2", "50", "Termasuk ketua"), "everything typed is kept"

    values.update(min="1", max="20", default="5")
    assert admin.post(url, data=values).status_code == 302
    field = draft_permit(code)["form"]["sections"][0]["fields"][6]["fields"][-1]
    assert (field["min"], field["max"], field["default"]) == (1, 20, 5)


def test_a_field_is_saved_beside_problems_elsewhere_in_the_form(admin):
    publish_sample()
    start_draft(admin)
    json_url = "/admin/katalog/susun/izin/SIPA/json"
    values = form_values(admin.get(json_url).get_data(as_text=True))
    form = json.loads(values["form_json"])
    other, edited = form["sections"][0]["fields"][:2]
    other["pattern"] = "(["
    admin.post(json_url, data={**values, "form_json": json.dumps(form)})
    url = f"/admin/katalog/susun/izin/SIPA/isian/{edited['key']}"
    values = form_values(admin.get(url).get_data(as_text=True))
    values["label_id"] = "Label baru"
    assert admin.post(url, data=values).status_code == 302
    saved = draft_permit()["form"]["sections"][0]["fields"]
    assert saved[1]["label"]["id"] == "Label baru" and saved[0]["pattern"] == "(["
    overview = admin.get(BUILDER).get_data(as_text=True)
    row = overview.split(f'id="field-{other["key"]}"')[1].split("</li>")[0]
    assert "Pola regex tidak valid" in row, "the other field's problem shown under it"


def test_a_refused_new_field_keeps_what_was_typed_in_its_own_row(admin):
    publish_sample()
    start_draft(admin)
    page = "/admin/katalog/susun/izin/IZIN-PENELITIAN/"
    before = draft_permit("IZIN-PENELITIAN")["form"]
    response = post(admin, "/admin/katalog/susun/izin/IZIN-PENELITIAN/isian", {
        "where": "s0", "type": "textarea", "key": "title", "label_id": "Judul Lagi",
        "label_en": "Title again"}, page)
    assert response.status_code == 200
    assert draft_permit("IZIN-PENELITIAN")["form"] == before
    html = response.get_data(as_text=True)
    row = html.split('id="add-field-s0"')[1].split("</form>")[0]
    assert 'value="Judul Lagi"' in row and 'value="Title again"' in row
    assert 'value="title"' in row and '<option value="textarea" selected>' in row
    key_input = re.search(r'<input[^>]*name="key"[^>]*>', row).group(0)
    assert "is-invalid" in key_input and "autofocus" in key_input, "the page opens at the row"
    error = row.split('data-error-for="key">')[1].split("</div>")[0]
    assert markup.unescape(error) == "Kunci 'title' sudah dipakai isian lain."
    others = html.split('id="add-field-g:members"')[1].split("</form>")[0]
    assert "Judul Lagi" not in others and "is-invalid" not in others, "only the failed row"
    assert NOT_ADDED in page_text(response)
    assert html.count("autofocus") == 1


def test_deleting_a_field_others_read_says_what_breaks_first(admin):
    """practice_kind decides when other SIP-DOKTER fields show: deleting it first lists the
    conditions that would break, and deletes only when the admin goes on; a field nothing
    reads is deleted at once."""
    publish_sample()
    start_draft(admin)
    page = "/admin/katalog/susun/izin/SIP-DOKTER/"
    url = "/admin/katalog/susun/izin/SIP-DOKTER/isian/practice_kind/hapus"
    asked = post(admin, url, {}, page)
    assert asked.status_code == 200
    text = page_text(asked)
    assert "Isian practice_kind masih dipakai" in text and "practice_kind" in text
    assert "merujuk field 'practice_kind' yang tidak ada" in text
    assert "practice_kind" in fields_of(draft_permit("SIP-DOKTER"))
    assert post(admin, url, {"tetap": "1"}, page).status_code == 302
    assert "practice_kind" not in fields_of(draft_permit("SIP-DOKTER"))
    plain = "/admin/katalog/susun/izin/SIP-DOKTER/isian/str_scan/hapus"
    assert post(admin, plain, {}, page).status_code == 302
    assert "str_scan" not in fields_of(draft_permit("SIP-DOKTER"))
