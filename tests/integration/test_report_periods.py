"""Laporan: the half-year period, and what the report does with a query string it cannot
honour (a bad period, an unknown Dinas or permit code, a range typed end first): it says
so, and an export never downloads another period than the one asked for."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from app.reports.period import Period
from tests.backoffice_helpers import page_text, staff_client

pytestmark = pytest.mark.usefixtures("catalogue")
TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(("number", "start", "end", "label"), [
    ("1", date(2026, 1, 1), date(2026, 6, 30), "Semester I 2026"),
    ("2", date(2026, 7, 1), date(2026, 12, 31), "Semester II 2026"),
])
def test_a_semester_is_its_six_months(number, start, end, label):
    period = Period.parse({"periode": "semester", "tahun": "2026", "semester": number}, TODAY)
    assert (period.kind, period.start, period.end, period.label()) == \
        ("semester", start, end, label)
    assert not period.errors
    assert Period.parse(period.args(), date(2000, 1, 1)) == period


def test_a_semester_out_of_range_is_refused():
    period = Period.parse({"periode": "semester", "tahun": "2026", "semester": "3"}, TODAY)
    assert period.errors and period.kind == "bulan"


@pytest.mark.parametrize("kind", ["xyz", "Semester"])
def test_an_unknown_period_kind_is_refused_not_read_as_this_month(kind):
    """A mistyped or hand-edited link says so; only a link naming no period means this
    month."""
    period = Period.parse({"periode": kind, "tahun": "2026", "semester": "1"}, TODAY)
    assert period.errors and period.kind == "bulan"
    assert not Period.parse({}, TODAY).errors


def test_the_report_page_offers_semesters_and_its_exports_keep_them(app):
    client, _ = staff_client(app, "Pimpinan")
    html = client.get("/admin/laporan/?periode=semester&tahun=2026&semester=2") \
        .get_data(as_text=True)
    assert "Periode <strong>Semester II 2026</strong>" in html
    assert re.search(r'<option value="semester" selected>Semester</option>', html)
    assert re.search(r'<option value="2" selected>II</option>', html)
    xlsx = re.search(r'href="([^"]+)" id="report-xlsx"', html).group(1).replace("&amp;", "&")
    response = client.get(xlsx)
    assert response.status_code == 200
    assert 'filename="laporan-20260701-20261231.xlsx"' in response.headers["Content-Disposition"]
    first = [r[0] for r in load_workbook(io.BytesIO(response.data))["Ringkasan"]
             .iter_rows(values_only=True) if r and r[0]]
    assert any("Semester II 2026 (01-07-2026 s.d. 31-12-2026)" in str(v) for v in first)


@pytest.mark.parametrize("path", ["laporan.xlsx", "rekap.pdf"])
def test_an_export_of_an_invalid_period_downloads_nothing_and_says_why(app, path):
    client, _ = staff_client(app, "Pimpinan")
    query = "periode=rentang&dari=2000-01-01&sampai=2026-12-31"
    response = client.get(f"/admin/laporan/{path}?{query}")
    assert response.status_code == 302 and "Content-Disposition" not in response.headers
    assert response.headers["Location"].startswith("/admin/laporan/?")
    text = page_text(client.get(response.headers["Location"]))
    assert "Berkas tidak dibuat" in text
    assert "Rentang tanggal paling panjang 10 tahun" in text


@pytest.mark.parametrize("path", ["laporan.xlsx", "rekap.pdf"])
def test_an_export_with_an_unknown_code_downloads_nothing(app, path):
    client, _ = staff_client(app, "Pimpinan")
    response = client.get(f"/admin/laporan/{path}?periode=tahun&tahun=2026&izin=NOPE")
    assert response.status_code == 302 and "Content-Disposition" not in response.headers


def test_unknown_codes_are_refused_with_a_message_not_echoed_as_a_scope(app):
    client, _ = staff_client(app, "Pimpinan")
    response = client.get("/admin/laporan/?periode=bulan&bulan=2026-12&instansi=XXX&izin=NOPE")
    html = response.get_data(as_text=True)
    scope = re.search(r'id="report-scope">(.*?)</p>', html, re.S).group(1)
    assert "XXX" not in scope and "NOPE" not in scope and "Semua instansi" in scope
    text = page_text(response)
    assert "Instansi XXX tidak ada di katalog" in text
    assert "Jenis izin NOPE tidak ada di katalog" in text
    known = client.get("/admin/laporan/?periode=bulan&bulan=2026-12&instansi=DKP")
    assert "tidak ada di katalog" not in page_text(known)


def test_a_range_typed_end_first_is_swapped_and_the_report_says_so(app):
    client, _ = staff_client(app, "Pimpinan")
    response = client.get("/admin/laporan/?periode=rentang&dari=2026-03-10&sampai=2026-01-15")
    text = page_text(response)
    assert "Tanggal awal lebih akhir dari tanggal akhir; keduanya ditukar." in text
    assert "15 Januari 2026 – 10 Maret 2026" in text
    ok = client.get("/admin/laporan/?periode=rentang&dari=2026-01-15&sampai=2026-03-10")
    assert "ditukar" not in page_text(ok)


@pytest.mark.parametrize(("switch", "words"), [(None, "Semua instansi"), ("en", "All agencies")])
def test_the_scope_without_a_dinas_reads_in_the_reports_language(app, switch, words):
    """The scope is one of the report's translated labels (Report.scope_label)."""
    client, _ = staff_client(app, "Pimpinan")
    if switch:
        client.get(f"/bahasa/{switch}", headers={"Referer": "http://localhost/"})
    html = client.get("/admin/laporan/?periode=bulan&bulan=2026-12").get_data(as_text=True)
    scope = re.search(r'id="report-scope">(.*?)</p>', html, re.S).group(1)
    assert words in scope
