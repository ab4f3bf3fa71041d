"""The report's Excel export and PDF recap are written in the report's language: the page's
for its downloads, the recipient's for the monthly recap (the language enqueue_email chose
for the e-mail, handed down with the report, not decided again)."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook

from app import i18n
from app.notify.outbox import language_for
from app.reports import export, recap
from app.services import calendar, staff
from app.services.users import staff_profile_of
from tests.backoffice_helpers import staff_client
from tests.helpers import make_staff
from tests.report_helpers import mixed_applications, office_staff

pytestmark = pytest.mark.usefixtures("catalogue")

ENGLISH_SHEETS = ["Summary", "By permit type", "By application type", "By agency",
                  "By region", "Past SLA", "Trend"]
# the PDF's English headings in sentence case, as the report page writes them
ENGLISH_HEADINGS = ["Service performance (decided in the period)", "By permit type",
                    "By agency", "By application type", "By region (permit location)",
                    "Past SLA as of", "Trend of applications received"]
INDONESIAN_SHEETS = ["Ringkasan", "Per Jenis Izin", "Per Jenis Permohonan", "Per Instansi",
                     "Per Wilayah", "Lewat SLA", "Tren"]


def report_url(path: str, **extra) -> str:
    month = calendar.today().strftime("%Y-%m")
    query = "&".join(f"{k}={v}" for k, v in {"periode": "bulan", "bulan": month,
                                             **extra}.items())
    return f"/admin/laporan/{path}?{query}"


def rows(sheet) -> dict:
    return {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r and r[0]}


def pdf_text(data: bytes, tmp_path) -> str:
    (tmp_path / "recap.pdf").write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / "recap.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_the_english_page_downloads_an_english_workbook_and_pdf(app, tmp_path):
    mixed_applications(app, office_staff(app))
    client, _ = staff_client(app, "Pimpinan")

    book = load_workbook(io.BytesIO(client.get(report_url("laporan.xlsx", _l_="en")).data))
    assert book.sheetnames == ENGLISH_SHEETS
    summary = rows(book["Summary"])
    assert summary["Received"] == (7,) and summary["Completed"] == (2,)
    assert summary["SLA compliance (%)"] == (100.0,)
    assert any(str(k).startswith("Period: ") for k in summary)
    assert any(str(k).startswith("Past SLA now (") for k in summary)
    header = next(r for r in book["By permit type"].iter_rows(values_only=True)
                  if r and r[0] == "Code")
    assert header[1:4] == ("Permit type", "Received", "In Process")

    text = pdf_text(client.get(report_url("rekap.pdf", _l_="en")).data, tmp_path)
    assert "PERMIT APPLICATION RECAP" in text and "Scope: All agencies" in text
    assert "Page 1 of" in text and "Past SLA as of" in text
    for heading in ENGLISH_HEADINGS:
        assert heading in text, heading
    for indonesian in ("REKAPITULASI", "Periode", "Cakupan", "Diterima", "Halaman"):
        assert indonesian not in text, indonesian


def test_the_indonesian_page_downloads_keep_their_indonesian_labels(app, tmp_path):
    mixed_applications(app, office_staff(app))
    client, _ = staff_client(app, "Pimpinan")

    book = load_workbook(io.BytesIO(client.get(report_url("laporan.xlsx")).data))
    assert book.sheetnames == INDONESIAN_SHEETS
    summary = rows(book["Ringkasan"])
    assert summary["Diterima"] == (7,) and summary["Kepatuhan SLA (%)"] == (100.0,)
    text = pdf_text(client.get(report_url("rekap.pdf")).data, tmp_path)
    assert "REKAPITULASI PERMOHONAN IZIN" in text and "Halaman 1 dari" in text
    assert "Cakupan: Semua instansi" in text and "Received" not in text


def test_the_monthly_recaps_report_makes_files_in_its_recipients_language(app, tmp_path):
    """What goes with an English head of office's recap e-mail is made from the report
    enqueue_email reads in that recipient's language; an address without an account gets
    the office's Indonesian."""
    mixed_applications(app, office_staff(app))
    head = make_staff(app, "Pimpinan", email="kepala@contoh.id")
    staff.save_preferences(staff_profile_of(head), {"language": "en"})
    made = recap.monthly_report(recap.previous_month(calendar.today()))

    english = i18n.read_in(made, language_for("kepala@contoh.id"))
    book = load_workbook(io.BytesIO(export.workbook(english)))
    assert book.sheetnames == ENGLISH_SHEETS
    assert "PERMIT APPLICATION RECAP" in pdf_text(recap.pdf(english), tmp_path)

    indonesian = i18n.read_in(made, language_for("sekretaris@contoh.id"))
    book = load_workbook(io.BytesIO(export.workbook(indonesian)))
    assert book.sheetnames == INDONESIAN_SHEETS
    assert "REKAPITULASI PERMOHONAN IZIN" in pdf_text(recap.pdf(indonesian), tmp_path)
