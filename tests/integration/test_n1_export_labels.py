"""An export button says what the file is: no language remark where the file follows the
page's language (the report, the audit log), "(in Indonesian)" where the file is written in
Indonesian whatever the page (the verifier grid, the complaint report) and the page is not
Indonesian (on an Indonesian page the remark would say nothing). Each claim is checked by
downloading the file from an English page."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.backoffice_helpers import staff_client
from tests.complaint_helpers import file_visitor, seed_categories
from tests.helpers import login

pytestmark = pytest.mark.usefixtures("catalogue")

REMARK = "(in Indonesian)"


def button(html: str, element: str) -> str:
    """The visible text of the link `element`."""
    found = re.search(rf'id="{element}"[^>]*>(.*?)</a>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", found).strip()


def sheet_rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_the_english_report_screen_makes_no_language_remark(app):
    client, _ = staff_client(app, "Pimpinan")
    html = client.get("/admin/laporan/?_l_=en").get_data(as_text=True)
    assert button(html, "report-xlsx") == "Export to Excel"
    assert button(html, "report-pdf") == "PDF recap"
    assert REMARK not in html
    indonesian = client.get("/admin/laporan/?_l_=id").get_data(as_text=True)
    assert button(indonesian, "report-xlsx") == "Ekspor Excel"


def test_the_audit_log_exports_in_the_page_language_and_says_nothing_about_it(app):
    login(app.test_client(), "6472000000009999", "Salah-Sandi-1")  # one failed login
    client, _ = staff_client(app, "Super Admin")
    html = client.get("/admin/audit/?_l_=en").get_data(as_text=True)
    assert button(html, "audit-xlsx") == "Export to Excel" and REMARK not in html
    rows = sheet_rows(client.get("/admin/audit/ekspor.xlsx?jenis=login.failed&_l_=en").data)
    assert rows[0][0].startswith("Audit log — exported ")
    header = rows.index(("Time", "Category", "Event", "Actor", "Actor type", "Subject",
                         "Description", "IP address"))
    assert {r[2] for r in rows[header + 1:]} == {"Failed login"}
    assert {r[3] for r in rows[header + 1:]} == {"Unknown"}
    indonesian = sheet_rows(client.get("/admin/audit/ekspor.xlsx?jenis=login.failed").data)
    assert indonesian[0][0].startswith("Log audit — diekspor ")
    assert ("Waktu", "Kategori", "Peristiwa", "Pelaku", "Jenis pelaku", "Subjek",
            "Keterangan", "Alamat IP") in indonesian


def test_the_verifier_grid_export_is_indonesian_and_its_button_says_so(app):
    client, _ = staff_client(app, "Verifikator")
    html = client.get("/admin/antrian/?_l_=en").get_data(as_text=True)
    assert button(html, "export-xlsx") == f"Export to Excel {REMARK}"
    rows = sheet_rows(client.get("/admin/antrian/ekspor.xlsx?_l_=en").data)
    assert "Resi" in rows[3] and "Tanggal Pengajuan" in rows[3]
    assert button(client.get("/admin/antrian/?_l_=id").get_data(as_text=True),
                  "export-xlsx") == "Ekspor Excel"


def test_the_complaint_report_export_is_indonesian_and_its_button_says_so(app):
    seed_categories(app)
    file_visitor(app, category="teknis")
    client, _ = staff_client(app, "Pimpinan")
    html = client.get("/admin/laporan-pengaduan/?_l_=en").get_data(as_text=True)
    assert button(html, "report-export") == f"Export to Excel {REMARK}"
    indonesian = client.get("/admin/laporan-pengaduan/?_l_=id").get_data(as_text=True)
    assert button(indonesian, "report-export") == "Ekspor Excel"
    book = load_workbook(io.BytesIO(
        client.get("/admin/laporan-pengaduan/ekspor.xlsx?_l_=en").data))
    assert book.sheetnames == ["Ringkasan", "Per Kategori", "Per Status", "Per Bulan"]
    statuses = [r[0] for r in book["Per Status"].iter_rows(min_row=2, values_only=True)]
    assert statuses == ["Baru"]
