"""Every export is written in the language of the page it is taken from (the report, the
audit log, the verifier grid, the complaint report), so its button makes no language remark.
Each claim is checked by downloading the file from an English page and an Indonesian one."""

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


def test_the_verifier_grid_exports_in_the_page_language_and_says_nothing_about_it(app):
    from app.services import catalogue_store
    from tests.helpers import make_applicant, make_submitted

    user, _data = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    client, _ = staff_client(app, "Verifikator", "DINKES")
    html = client.get("/admin/permohonan/?_l_=en").get_data(as_text=True)
    assert button(html, "export-xlsx") == "Export to Excel" and REMARK not in html
    rows = sheet_rows(client.get("/admin/permohonan/ekspor.xlsx?status=in_process&_l_=en")
                      .data)
    assert rows[0][0].startswith("All Applications — exported ")
    assert rows[1][0] == "Status: In Process"
    assert rows[3][:3] == ("Receipt code", "Registration no.", "Permit")
    assert "Submission date" in rows[3] and "Past permit SLA" in rows[3]
    row = dict(zip(rows[3], rows[4], strict=False))
    assert row["Status"] == "In Process" and row["Past permit SLA"] == "No"
    english = catalogue_store.current().permit_name("SIP-DOKTER", "en")
    assert row["Permit"] == english and english != application.permit_name  # the catalogue's
    indonesian = sheet_rows(client.get("/admin/permohonan/ekspor.xlsx?status=in_process")
                            .data)
    assert indonesian[0][0].startswith("Semua Permohonan — diekspor ")
    row = dict(zip(indonesian[3], indonesian[4], strict=False))
    assert row["Status"] == "Dalam Proses" and row["Izin"] == application.permit_name
    assert button(client.get("/admin/antrian/?_l_=id").get_data(as_text=True),
                  "export-xlsx") == "Ekspor Excel"


def test_the_complaint_report_exports_in_the_page_language_and_says_nothing_about_it(app):
    seed_categories(app)
    file_visitor(app, category="teknis")
    client, _ = staff_client(app, "Pimpinan")
    html = client.get("/admin/laporan-pengaduan/?_l_=en").get_data(as_text=True)
    assert button(html, "report-export") == "Export to Excel" and REMARK not in html
    book = load_workbook(io.BytesIO(
        client.get("/admin/laporan-pengaduan/ekspor.xlsx?_l_=en").data))
    assert book.sheetnames == ["Summary", "By category", "By status", "By month"]
    assert book["Summary"]["A1"].value.startswith("Complaints report — ")
    assert book["Summary"]["A3"].value == "Number of complaints"
    statuses = [r[0] for r in book["By status"].iter_rows(min_row=2, values_only=True)]
    assert statuses == ["New"]
    indonesian = load_workbook(io.BytesIO(
        client.get("/admin/laporan-pengaduan/ekspor.xlsx?_l_=id").data))
    assert indonesian.sheetnames == ["Ringkasan", "Per Kategori", "Per Status", "Per Bulan"]
    assert [r[0] for r in indonesian["Per Status"].iter_rows(min_row=2, values_only=True)] \
        == ["Baru"]
    assert button(client.get("/admin/laporan-pengaduan/?_l_=id").get_data(as_text=True),
                  "report-export") == "Ekspor Excel"
