"""Browsing the published catalogue in the console: searchable, paginated lists, the empty
console, the form preview, downloads of any version and the blank template."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import load_workbook

import catalogue as cat_lib
from app.services import catalogue_store as store
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import SAMPLE, publish_sample


def test_browse_lists_are_searchable_and_paginated(admin):
    publish_sample()
    shown = page_text(admin.get("/admin/katalog/izin/?q=dokter"))
    assert "SIP-DOKTER Surat Izin Praktik Dokter DINKES KESEHATAN" in shown
    assert "SIPA" not in shown
    first = page_text(admin.get("/admin/katalog/libur/"))
    assert "Menampilkan 1–20 dari 25" in first
    second = page_text(admin.get("/admin/katalog/libur/?hal=2"))
    assert "Menampilkan 21–25 dari 25" in second and "2026-12-24" in second
    assert admin.get("/admin/katalog/bukan-jenis/").status_code == 404
    assert admin.get("/admin/katalog/izin/TIDAK-ADA").status_code == 404
    assert "Tidak ada yang cocok dengan \"zzz\"." in page_text(
        admin.get("/admin/katalog/izin/?q=zzz"))
    detail = page_text(admin.get("/admin/katalog/izin/SIP-DOKTER"))
    assert "ijazah Ijazah Dokter Ya pdf 5 MB baru" in detail
    assert "faskes" in detail and "practice_kind == 'non_mandiri'" in detail
    routing = page_text(admin.get("/admin/katalog/alur/rekomendasi-paralel"))
    assert "kembali ke pemohon" in routing and "paralel" in routing
    table = page_text(admin.get("/admin/katalog/referensi/faskes?q=wahab"))
    assert "RSUD Abdul Wahab Sjahranie" in table and "Inche Abdoel" not in table


def test_empty_console_explains_what_to_do(admin):
    shown = page_text(admin.get("/admin/katalog/"))
    assert "Belum ada katalog yang diterbitkan." in shown
    assert "Belum ada versi yang diterbitkan." in page_text(admin.get("/admin/katalog/versi/"))
    assert admin.get("/admin/katalog/unduh/terkini.xlsx").status_code == 404


def test_preview_renders_the_applicant_form_with_conditions_and_checks_it(admin):
    publish_sample()
    response = admin.get("/admin/katalog/izin/SIP-DOKTER/pratinjau")
    html = response.get_data(as_text=True)
    assert "Pratinjau formulir untuk admin katalog" in page_text(response)
    assert 'data-field="faskes"' in html and "data-visible-if=" in html
    assert "RSUD Abdul Wahab Sjahranie" in html  # lookup options from the catalogue table
    assert 'data-geo="lat"' in html and 'data-geo="lng"' in html
    assert "js/conditions.js" in html
    shown = page_text(response)
    for app_type in ("Baru", "Perpanjangan", "Perubahan", "Pencabutan"):
        assert app_type in shown
    token = csrf_token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    checked = admin.post("/admin/katalog/izin/SIP-DOKTER/pratinjau",
                         data={"csrf_token": token or csrf_token})
    assert "Ada isian yang belum sesuai" in page_text(checked)
    assert 'data-error-for="doctor_nik"' in checked.get_data(as_text=True)


def test_preview_shows_regions_as_cascading_selects_and_groups_as_rows(admin):
    publish_sample()
    html = admin.get("/admin/katalog/izin/IZOP-RS/pratinjau").get_data(as_text=True)
    # regency level: a province select (not posted) and the regency select named "regency"
    assert re.search(r'<select[^>]*data-region-level="province"[^>]*id="regency-province"'
                     r'(?![^>]*name=)', html)
    assert re.search(r'<select[^>]*data-region-level="regency"[^>]*id="regency" '
                     r'name="regency"', html)
    # with no answer yet, the office's province is chosen and its regencies are offered
    assert '<option value="64" selected>Kalimantan Timur</option>' in html
    assert '<option value="64.72">Kota Samarinda</option>' in html
    assert 'data-region-url="/wilayah"' in html
    assert 'data-row-prefix="medical_staff-0-"' in html and 'name="medical_staff-0-name"' in html
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    posted = admin.post("/admin/katalog/izin/IZOP-RS/pratinjau", data={
        "csrf_token": token, "regency": "64.72", "medical_staff-0-name": "dr. Rina",
        "medical_staff-3-name": "Ns. Budi"})
    html = posted.get_data(as_text=True)
    # the chosen regency stays selected under its province; both posted rows come back
    assert re.search(r'<option value="64.72" selected>Kota Samarinda</option>', html)
    assert re.search(r'<option value="64" selected>Kalimantan Timur</option>', html)
    assert 'value="dr. Rina"' in html and 'value="Ns. Budi"' in html
    assert 'data-error-for="medical_staff-0-profession"' in html


def test_preview_of_every_sample_permit_renders(admin):
    publish_sample()
    for permit in store.current().permits:
        response = admin.get(f"/admin/katalog/izin/{permit['code']}/pratinjau")
        assert response.status_code == 200, permit["code"]
        assert "Definisi formulir tidak valid" not in page_text(response)


def test_downloads_give_the_current_version_any_version_and_the_blank_template(
        admin, tmp_path):
    publish_sample()
    other = cat_lib.load_folder(SAMPLE).to_dict()
    other["permits"][0]["fee"] = 5000
    store.publish(other, store.assets_of(store.current_version()), source="lain")
    response = admin.get("/admin/katalog/unduh/terkini.xlsx")
    assert response.headers["Content-Disposition"] == "attachment; filename=katalog-v2.xlsx"
    (tmp_path / "v2.xlsx").write_bytes(response.data)
    assert cat_lib.load_xlsx(tmp_path / "v2.xlsx") == store.current()
    old = admin.get("/admin/katalog/versi/1.xlsx")
    (tmp_path / "v1.xlsx").write_bytes(old.data)
    assert cat_lib.load_xlsx(tmp_path / "v1.xlsx").permits[0]["fee"] == 0
    blank = admin.get("/admin/katalog/unduh/templat-kosong.xlsx")
    assert blank.status_code == 200
    assert "Petunjuk" in load_workbook(io.BytesIO(blank.data)).sheetnames
    archive = zipfile.ZipFile(io.BytesIO(admin.get("/admin/katalog/versi/1.zip").data))
    assert "katalog-v1/permits/SIPA.json" in archive.namelist()
    assert "katalog-v1/templates/surat-pernyataan.pdf" in archive.namelist()
    assert admin.get("/admin/katalog/versi/9.xlsx").status_code == 404


def test_the_holiday_calendar_names_its_months_in_the_page_language(admin):
    publish_sample()
    headings = re.compile(r'<h2 class="h6 text-center">([^<]+)</h2>')
    indonesian = headings.findall(admin.get("/admin/katalog/atur/libur/?tahun=2026").get_data(
        as_text=True))
    assert indonesian == ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                          "Agustus", "September", "Oktober", "November", "Desember"]
    admin.get("/bahasa/en")
    english = headings.findall(admin.get("/admin/katalog/atur/libur/?tahun=2026").get_data(
        as_text=True))
    assert english == ["January", "February", "March", "April", "May", "June", "July",
                       "August", "September", "October", "November", "December"]


def test_a_permits_summary_states_its_renewal_window(admin):
    """The console's read-only page of a permit says what the public page says about when a
    renewal may be applied for; a permit without a window says nothing."""
    publish_sample()
    shown = page_text(admin.get("/admin/katalog/izin/SIP-DOKTER"))
    assert ("Batas waktu perpanjangan perpanjangan dapat diajukan paling cepat 90 hari sebelum "
            "masa berlaku berakhir dan paling lambat pada hari terakhir masa berlaku.") in shown
    assert "Batas waktu perpanjangan" not in page_text(admin.get("/admin/katalog/izin/IUIPHHK"))
