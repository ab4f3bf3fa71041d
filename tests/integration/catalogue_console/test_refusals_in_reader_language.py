"""A service's refusal shown beside the console input it concerns reads in the reader's
language, as its flash messages do (`pesan`): the rows pasted into a lookup table, a
permit's requirement matrix and a catalogue upload, on an English page."""

from __future__ import annotations

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample, upload
from tests.integration.catalogue_console.test_catalogue_draft import start_draft
from tests.integration.catalogue_console.test_catalogue_lookup_paste import PASTE, paste

MATRIX = "/admin/katalog/atur/izin/SIPA/persyaratan"


def english(admin):
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    return admin


def test_a_refused_paste_says_why_in_english(admin):
    publish_sample()
    start_draft(admin)
    refused = page_text(paste(english(admin), "  ", mode="append"))
    assert "Paste rows from Excel first." in refused
    assert "Tempelkan baris" not in refused
    unknown = page_text(paste(admin, "Kode Faskes\tWarna\n6472PK099\tmerah", header="1",
                              mode="append"))
    assert "This table does not know the column heading 'Warna'" in unknown
    assert "tidak dikenal" not in unknown
    assert admin.get(PASTE).status_code == 200


def test_a_refused_requirement_matrix_says_why_in_english(admin):
    publish_sample()
    start_draft(admin)
    english(admin)
    # nothing ticked: the first requirement applies to no application type
    refused = admin.post(MATRIX, data={"csrf_token": csrf(admin, MATRIX)})
    assert refused.status_code == 200
    text = page_text(refused)
    assert "Requirement ktp must apply to at least one application type." in text
    assert "harus berlaku" not in text


def test_a_refused_upload_says_why_in_english(admin):
    publish_sample()
    text = page_text(upload(english(admin), b"", "kosong.xlsx"))
    assert "The file is empty. Choose a catalogue .xlsx workbook or .zip archive." in text
    assert "Berkas kosong" not in text
