"""Upload -> diff -> publish in the catalogue console: the next version by the uploader, broken
workbooks and files that are not a catalogue refused with the full report, a zip of the JSON
folder with its templates, a stale or identical upload."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

import catalogue as cat_lib
from app.services import catalogue_store as store
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import (
    SAMPLE,
    broken_workbook,
    changed_workbook,
    csrf,
    publish_sample,
    publish_upload,
    sample_workbook,
    upload,
    version_count,
)


def test_upload_shows_the_diff_then_publishes_the_next_version_by_the_uploader(
        app, admin, tmp_path):
    publish_sample()
    path = changed_workbook(tmp_path / "katalog-baru.xlsx")
    response = upload(admin, path.read_bytes(), "katalog-baru.xlsx")
    assert response.status_code == 302 and response.location.endswith("/unggah/periksa")
    assert version_count() == 1  # nothing published by looking

    review = page_text(admin.get("/admin/katalog/unggah/periksa"))
    assert "katalog-baru.xlsx valid: 15 jenis izin" in review
    assert "Perbedaan dengan versi 1" in review
    assert "SIPA Lama proses (hari kerja): 10 → 12 Retribusi: 0 → 1500000 — " \
        "+ Hasil Uji Kualitas Air (uji_kualitas_air)" in review, review
    assert "Terbitkan sebagai versi 2" in review

    response = publish_upload(admin, note="Retribusi SIPA")
    assert response.status_code == 302 and response.location.endswith("/admin/katalog/versi/")
    version = store.current_version()
    assert version.number == 2 and version.source == "unggah katalog-baru.xlsx"
    assert version.created_by.email.startswith("katalog") and version.note == "Retribusi SIPA"
    sipa = store.catalogue_of(version).permit("SIPA")
    assert sipa["fee"] == 1500000 and sipa["sla_working_days"] == 12
    # the workbook carries no files: the templates of version 1 are kept
    assert {a.path for a in version.assets} >= {"templates/surat-pernyataan.pdf"}

    history = page_text(admin.get("/admin/katalog/versi/"))
    assert "Versi 2 diterbitkan dari katalog-baru.xlsx." in history
    assert re.search(r"v2 terkini .*katalog\d+@contoh\.id.*unggah katalog-baru\.xlsx "
                     r"Retribusi SIPA", history)
    # the staged upload is gone: publishing again does nothing
    assert admin.get("/admin/katalog/unggah/periksa").status_code == 302
    assert version_count() == 2


def test_a_broken_workbook_gives_the_full_report_and_publishes_nothing(admin, tmp_path):
    publish_sample()
    path, planted = broken_workbook(tmp_path / "rusak.xlsx")
    response = upload(admin, path.read_bytes(), "rusak.xlsx")
    assert response.status_code == 200
    shown = page_text(response)
    assert f"rusak.xlsx tidak dapat diterbitkan: {len(planted)} masalah ditemukan." in shown
    for sheet, row, column in planted:
        assert re.search(rf"\d+ {sheet} {row} {column}\b", shown), (sheet, row, column)
    assert "Nilai 'gratis' harus berupa angka" in shown
    assert version_count() == 1
    assert admin.get("/admin/katalog/unggah/periksa").status_code == 302


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"kode,nama\nSIPA,Izin\n", "katalog.xlsx",
     "Berkas bukan workbook Excel (.xlsx) atau arsip .zip."),
    (b"PK\x03\x04" + b"\x00rusak" * 50, "katalog.xlsx", "Berkas rusak"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "katalog.xls",
     "Format Excel lama (.xls) tidak didukung."),
    (b"", "kosong.xlsx", "Berkas kosong."),
])
def test_files_that_are_not_a_catalogue_are_refused_clearly(admin, content, name, message):
    publish_sample()
    response = upload(admin, content, name)
    assert response.status_code == 200
    assert message in page_text(response)
    assert version_count() == 1


def test_a_zip_without_catalogue_and_a_too_big_file_are_refused(app, admin):
    publish_sample()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"bukan katalog")
    assert "tidak berisi katalog JSON" in page_text(upload(admin, buffer.getvalue(), "a.zip"))
    # (kept under the test client's 500 KB spooling, whose temp file it never closes)
    app.config["CATALOGUE_UPLOAD_MAX_MB"] = 0.25
    big = b"PK\x03\x04" + b"0" * (300 * 1024)
    assert "Berkas terlalu besar. Ukuran maksimal 0.25 MB." in page_text(
        upload(admin, big, "besar.xlsx"))
    assert version_count() == 1


def test_a_zip_of_the_json_folder_with_its_templates_can_be_published(admin, tmp_path):
    publish_sample()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(SAMPLE.rglob("*")):
            rel = path.relative_to(SAMPLE).as_posix()
            if path.is_file() and rel != "catalogue.xlsx":
                content = path.read_bytes()
                if rel == "holidays/2026.json":
                    content = content.replace(b'"Tahun Baru 2026 Masehi"',
                                              b'"Tahun Baru Masehi 2026"')
                if rel == "templates/surat-pernyataan.pdf":
                    content += b"\n% revisi 2\n"
                archive.writestr(f"definitions/{rel}", content)
    response = upload(admin, buffer.getvalue(), "katalog-json.zip")
    assert response.status_code == 302
    review = page_text(admin.get("/admin/katalog/unggah/periksa"))
    assert "Hari libur diubah 1 Tahun Baru Masehi 2026 2026-01-01" in review
    assert publish_upload(admin).status_code == 302
    version = store.current_version()
    assert version.number == 2
    pdf = next(a for a in version.assets if a.path == "templates/surat-pernyataan.pdf")
    assert pdf.content.endswith(b"% revisi 2\n")


def test_an_upload_cannot_publish_after_another_version_was_published(admin, tmp_path):
    publish_sample()
    path = changed_workbook(tmp_path / "katalog-baru.xlsx")
    upload(admin, path.read_bytes(), "katalog-baru.xlsx")
    html = admin.get("/admin/katalog/unggah/periksa").get_data(as_text=True)
    digest = re.search(r'name="digest"[^>]*value="([0-9a-f]+)"', html).group(1)
    other = cat_lib.load_folder(SAMPLE).to_dict()
    other["holidays"].append({"date": "2026-12-31", "name": "Libur Tambahan",
                              "kind": "cuti_bersama"})
    store.publish(other, store.assets_of(store.current_version()), source="lain")
    response = admin.post("/admin/katalog/unggah/terbitkan", data={
        "csrf_token": csrf(admin, "/admin/katalog/unggah/periksa"), "digest": digest,
        "base": "1"})
    assert response.status_code == 302 and response.location.endswith("/unggah/periksa")
    assert "versi katalog lain telah diterbitkan" in page_text(
        admin.get("/admin/katalog/unggah/periksa"))
    assert store.current_version().number == 2  # the upload did not overwrite version 2
    # once reviewed against version 2, it can be published
    assert publish_upload(admin).status_code == 302
    assert store.current_version().number == 3


def test_identical_upload_is_refused_as_nothing_to_publish(admin, tmp_path):
    publish_sample()
    path = sample_workbook(tmp_path / "sama.xlsx")
    shown = page_text(upload(admin, path.read_bytes(), "sama.xlsx"))
    assert "Isi berkas sama persis dengan versi 1" in shown
    assert version_count() == 1
