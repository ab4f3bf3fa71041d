"""The catalogue draft in the console: edit -> publish as the next version, bad input shown next
to the field and blocking publishing, a stale draft, adding and deleting items."""

from __future__ import annotations

import re

from sqlalchemy import func, select

import catalogue as cat_lib
from app.extensions import db
from app.models import CatalogueDraft
from app.services import catalogue_store as store
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import SAMPLE, csrf, publish_sample, version_count

NOT_SAVED = ("Belum disimpan. Ada isian yang perlu diperbaiki: pesannya tertulis di bawah "
             "setiap isian tersebut.")


def start_draft(client):
    return client.post("/admin/katalog/draf/mulai",
                       data={"csrf_token": csrf(client, "/admin/katalog/draf/")})


def form_values(html: str) -> dict:
    """The values a browser would post back for the page's first item form."""
    values: dict = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        values.setdefault(name, value)
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html,
                                 flags=re.S):
        import html as html_lib

        values[name] = html_lib.unescape(body.lstrip("\n"))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html,
                                 flags=re.S):
        chosen = [re.search(r'value="([^"]*)"', attrs).group(1)
                  for attrs in re.findall(r"<option([^>]*)>", body)
                  if re.search(r"\sselected\b", attrs)]
        values[name] = chosen[0] if chosen else ""
    checked = re.findall(r'<input[^>]*checked[^>]*name="([^"]+)"[^>]*value="([^"]*)"|'
                         r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*checked', html)
    lists: dict = {}
    for a, b, c, d in checked:
        lists.setdefault(a or c, []).append(b or d)
    for name in re.findall(r'type="checkbox"[^>]*name="([^"]+)"', html) + re.findall(
            r'name="([^"]+)"[^>]*type="checkbox"', html):
        values[name] = lists.get(name, [])
    return values


def a_draft_is_started_from_the_current_version(admin) -> None:
    response = admin.get("/admin/katalog/draf/izin/SIPA")
    assert response.status_code == 302 and "/admin/katalog/draf/" in response.location
    assert start_draft(admin).status_code == 302
    assert db.session.scalar(select(CatalogueDraft.base_number)) == 1


def sipa_is_edited_in_its_form(admin) -> None:
    url = "/admin/katalog/draf/izin/SIPA"
    html = admin.get(url).get_data(as_text=True)
    values = form_values(html)
    assert values["agency"] == "DESDM" and values["routing"] == "rekomendasi-paralel"
    assert values["application_types"] == ["baru", "perpanjangan", "perubahan"]
    values.update(fee="250000", sla_working_days="8", name_en="Groundwater Permit")
    response = admin.post(url, data=values)
    assert response.status_code == 302, page_text(response)[:2000]
    assert "Tersimpan di draf." in page_text(admin.get(url))


def a_requirement_is_added_through_its_own_form(admin) -> None:
    req_url = "/admin/katalog/draf/izin/SIPA/persyaratan/_baru"
    response = admin.post(req_url, data={
        "csrf_token": csrf(admin, req_url), "key": "foto_sumur", "name_id": "Foto Sumur",
        "required": "y", "formats": ["jpg", "png"], "max_mb": "3", "applies_to": ["baru"]})
    assert response.status_code == 302


def a_holiday_and_lookup_rows_are_edited(admin) -> None:
    """A holiday added, a lookup row changed, the last one deleted (a stale delete refused)."""
    hol_url = "/admin/katalog/draf/libur/_baru"
    assert admin.post(hol_url, data={"csrf_token": csrf(admin, hol_url),
                                     "date": "2026-12-31", "name": "Cuti Akhir Tahun",
                                     "kind": "cuti_bersama"}).status_code == 302
    row_url = "/admin/katalog/draf/referensi/faskes/baris/0"
    row = form_values(admin.get(row_url).get_data(as_text=True))
    row["c_name"] = "RSUD Abdul Wahab Sjahranie (Gedung Baru)"
    row["c_lat"] = "-0,4877"
    assert admin.post(row_url, data=row).status_code == 302
    last = "/admin/katalog/draf/referensi/faskes/baris/20/hapus"
    stale = admin.post(last, data={"csrf_token": csrf(admin, row_url), "original_key": "X"})
    assert "Baris ini sudah berubah atau dihapus." in page_text(admin.get(stale.location))
    assert admin.post(last, data={"csrf_token": csrf(admin, row_url),
                                  "original_key": "6401RS001"}).status_code == 302


def the_overview_lists_every_change_unpublished(admin) -> None:
    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "Draf valid dan siap diterbitkan." in overview
    assert re.search(r"SIPA Nama: Izin Pengusahaan Air Tanah / [^→]+ → Izin Pengusahaan Air "
                     r"Tanah / Groundwater Permit Lama proses \(hari kerja\): 10 → 8 "
                     r"Retribusi: 0 → 250000 — \+ Foto Sumur \(foto_sumur\)", overview), overview
    assert "Hari libur ditambah 1 Cuti Akhir Tahun 2026-12-31" in overview
    assert "Tabel faskes: 21 → 20 baris" in overview
    assert version_count() == 1  # the draft is not published yet


def the_draft_is_published_as_version_2(admin) -> None:
    response = admin.post("/admin/katalog/draf/terbitkan", data={
        "csrf_token": csrf(admin, "/admin/katalog/draf/"), "note": "Retribusi SIPA"})
    assert response.status_code == 302
    version = store.current_version()
    assert version.number == 2 and version.source == "konsol (draf dari versi 1)"
    assert version.created_by.email.startswith("katalog")
    cat = store.catalogue_of(version)
    sipa = cat.permit("SIPA")
    assert (sipa["fee"], sipa["sla_working_days"], sipa["name"]["en"]) == (
        250000, 8, "Groundwater Permit")
    assert cat.requirement("SIPA", "foto_sumur") == {
        "key": "foto_sumur", "name": {"id": "Foto Sumur"}, "required": True,
        "formats": ["jpg", "png"], "max_mb": 3, "applies_to": ["baru"]}
    faskes = cat.lookup("faskes")["rows"][0]
    assert faskes["lat"] == -0.4877 and faskes["name"].endswith("(Gedung Baru)")
    assert db.session.scalar(select(func.count(CatalogueDraft.id))) == 0


def test_draft_edits_are_published_as_the_next_version(admin):
    publish_sample()
    a_draft_is_started_from_the_current_version(admin)
    sipa_is_edited_in_its_form(admin)
    a_requirement_is_added_through_its_own_form(admin)
    a_holiday_and_lookup_rows_are_edited(admin)
    the_overview_lists_every_change_unpublished(admin)
    the_draft_is_published_as_version_2(admin)


def test_bad_input_in_the_draft_is_shown_next_to_the_field_and_blocks_publishing(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/draf/alur/rekomendasi-teknis"
    values = form_values(admin.get(url).get_data(as_text=True))
    broken = values["steps_json"].replace('"sla_days": 1,', '"sla_days": 1', 1)
    response = admin.post(url, data=dict(values, steps_json=broken))
    assert response.status_code == 200  # shown again, with the admin's text kept
    shown = page_text(response)
    assert NOT_SAVED in shown
    assert re.search(r"JSON tidak valid di baris \d+, kolom \d+: kurang tanda koma", shown)
    assert '"sla_days": 1\n' in form_values(response.get_data(as_text=True))["steps_json"]

    # valid JSON but a rule broken: saved to the draft, flagged next to the field
    wrong = values["steps_json"].replace('"role": "Verifikator"', '"role": "Juru Kunci"', 1)
    response = admin.post(url, data=dict(values, steps_json=wrong))
    assert response.status_code == 302
    shown = page_text(admin.get(url))
    assert "masih ada 1 masalah yang harus diperbaiki sebelum terbit" in shown
    assert "Peran 'Juru Kunci' tidak ditemukan di katalog." in shown

    permit_url = "/admin/katalog/draf/izin/SIPI"
    values = form_values(admin.get(permit_url).get_data(as_text=True))
    response = admin.post(permit_url, data=dict(values, fee="gratis",
                                                permit_number="{nomor}/SIPI"))
    assert response.status_code == 200
    assert "Harus berupa angka, mis. 2 atau 2.5." in page_text(response)
    response = admin.post(permit_url, data=dict(values, permit_number="{nomor}/SIPI"))
    assert response.status_code == 302
    shown = page_text(admin.get(permit_url))
    assert "Token '{nomor}' tidak dikenal." in shown

    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "3 masalah harus diperbaiki sebelum terbit:" in overview
    assert "Alur rekomendasi-teknis › langkah verifikasi › role" in overview
    assert "Jenis Izin SIPI › Format nomor izin (permit_number)" in overview
    response = admin.post("/admin/katalog/draf/terbitkan",
                          data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    assert "Draf belum dapat diterbitkan: 3 masalah" in page_text(
        admin.get(response.location))
    assert version_count() == 1

    response = admin.post("/admin/katalog/draf/buang",
                          data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    assert "Draf dibuang." in page_text(admin.get(response.location))
    assert db.session.scalar(select(func.count(CatalogueDraft.id))) == 0


def test_a_stale_draft_says_so_and_needs_a_confirmation(admin, tmp_path):
    publish_sample()
    start_draft(admin)
    hol_url = "/admin/katalog/draf/libur/_baru"
    admin.post(hol_url, data={"csrf_token": csrf(admin, hol_url), "date": "2026-12-30",
                              "name": "Libur Daerah", "kind": "national"})
    other = cat_lib.load_folder(SAMPLE).to_dict()
    other["permits"][0]["sla_working_days"] = 30
    store.publish(other, store.assets_of(store.current_version()), source="lain")

    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "Versi terkini sekarang 2, sedangkan draf ini dimulai dari versi 1." in overview
    token = csrf(admin, "/admin/katalog/draf/")
    response = admin.post("/admin/katalog/draf/terbitkan", data={"csrf_token": token})
    assert "Menerbitkan draf akan menggantikan perubahan versi terkini" in page_text(
        admin.get(response.location))
    assert version_count() == 2
    response = admin.post("/admin/katalog/draf/terbitkan",
                          data={"csrf_token": token, "confirm_stale": "y"})
    assert store.current_version().number == 3


def test_adding_and_deleting_items_in_the_draft(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/draf/instansi/_baru"
    response = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "dispar",
                                     "name_id": "Dinas Pariwisata", "kind": "dinas"})
    assert response.location.endswith("/admin/katalog/draf/instansi/DISPAR")
    duplicate = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "DISPAR",
                                      "name_id": "Lagi", "kind": "dinas"})
    assert "Instansi dengan kode 'DISPAR' sudah ada di draf." in page_text(duplicate)
    odd = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "DIS/PAR X",
                                "name_id": "Dinas Aneh", "kind": "dinas"})
    assert "Hanya huruf, angka, tanda - dan _ (tanpa spasi)" in page_text(odd)
    listing = page_text(admin.get("/admin/katalog/draf/instansi/?q=pariwisata"))
    assert "DISPAR Dinas Pariwisata dinas" in listing and "DINKES" not in listing

    admin.post("/admin/katalog/draf/izin/SIP-PERAWAT/hapus",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "Instansi ditambah 1 Dinas Pariwisata DISPAR" in overview
    assert "Jenis izin dihapus 1 Surat Izin Praktik Perawat SIP-PERAWAT" in overview
    assert "1 jenis izin akan dihapus dari katalog (SIP-PERAWAT)" in overview


def test_an_editor_without_a_draft_sends_to_the_draft_page_and_back(admin):
    publish_sample()
    for url in ("/admin/katalog/draf/izin/", "/admin/katalog/draf/izin/SIPA",
                "/admin/katalog/draf/izin/SIPA/persyaratan/ktp",
                "/admin/katalog/draf/referensi/x/baris/0"):
        response = admin.get(url)
        assert response.status_code == 302, url
        assert response.location.endswith(f"/admin/katalog/draf/?next={url}"), response.location
        assert "Belum ada draf" in page_text(admin.get(response.location))
