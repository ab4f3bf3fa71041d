"""The complaint report (Laporan Pengaduan) takes the office reports' periods: a month, quarter,
semester, year, day or range of the office's local calendar (Asia/Makassar, UTC+8 in the
tests' config), refuses a bad one (and its export downloads nothing) and speaks English."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.extensions import db
from tests.backoffice_helpers import page_text, staff_client
from tests.complaint_helpers import file_visitor, seed_categories

URL = "/admin/laporan-pengaduan/"
# naive UTC as stored -> the office's local day (UTC+8)
FILED = {
    "a": datetime(2025, 12, 31, 16, 30),  # 1 Jan 2026 00:30 local
    "b": datetime(2025, 12, 31, 15, 30),  # 31 Dec 2025 23:30 local: not 2026
    "c": datetime(2026, 3, 31, 15, 59),  # 31 Mar 2026 23:59 local
    "d": datetime(2026, 3, 31, 16, 0),  # 1 Apr 2026 00:00 local
    "e": datetime(2026, 6, 30, 16, 30),  # 1 Jul 2026 00:30 local
    "f": datetime(2026, 12, 31, 15, 30),  # 31 Dec 2026 23:30 local
    "g": datetime(2026, 12, 31, 16, 0),  # 1 Jan 2027 00:00 local: not 2026
}


@pytest.fixture
def filed(app):
    seed_categories(app)
    for moment in FILED.values():
        file_visitor(app).created_at = moment
    db.session.commit()


def _total(response) -> int:
    assert response.status_code == 200
    return int(re.search(r'id="report-total">(\d+)<', response.get_data(as_text=True)).group(1))


@pytest.mark.parametrize(("query", "expected", "label"), [
    ("periode=bulan&bulan=2026-01", 1, "Januari 2026"),  # a only
    ("periode=bulan&bulan=3&tahun=2026", 1, "Maret 2026"),  # the form's month: c
    ("periode=bulan&bulan=2026-04", 1, "April 2026"),  # d, filed 16:00 UTC on 31 March
    ("periode=triwulan&triwulan=1&tahun=2026", 2, "Triwulan I 2026"),  # a, c
    ("periode=triwulan&triwulan=2&tahun=2026", 1, "Triwulan II 2026"),  # d
    ("periode=semester&semester=1&tahun=2026", 3, "Semester I 2026"),  # a, c, d
    ("periode=semester&semester=2&tahun=2026", 2, "Semester II 2026"),  # e, f
    ("periode=tahun&tahun=2026", 5, "Tahun 2026"),  # not b nor g
    ("periode=tahun&tahun=2025", 1, "Tahun 2025"),  # b
    ("periode=hari&tanggal=2026-04-01", 1, "1 April 2026"),  # d
    ("periode=rentang&dari=2026-03-31&sampai=2026-04-01", 2,
     "31 Maret 2026 – 1 April 2026"),  # c, d
])
def test_each_period_counts_the_complaints_of_its_local_days(app, filed, query, expected,
                                                              label):
    client, _ = staff_client(app, "Helpdesk")
    response = client.get(f"{URL}?{query}")
    assert _total(response) == expected
    assert f"Periode {label}" in page_text(response)
    export = client.get(f"{URL}ekspor.xlsx?{query}")
    assert export.status_code == 200
    summary = {r[0]: r[-1] for r in load_workbook(io.BytesIO(export.data))["Ringkasan"]
               .iter_rows(values_only=True)}
    assert summary["Jumlah pengaduan"] == expected
    assert summary["Periode"].startswith(label)


def test_the_page_keeps_the_chosen_period_and_exports_it(app, filed):
    client, _ = staff_client(app, "Helpdesk")
    html = client.get(f"{URL}?periode=triwulan&triwulan=2&tahun=2026").get_data(as_text=True)
    assert re.search(r'<option value="triwulan" selected>', html)
    assert re.search(r'<option value="2" selected>II</option>', html)
    link = re.search(r'id="report-export"[^>]*|href="([^"]+)" id="report-export"', html)
    assert "periode=triwulan" in link.group(0) and "triwulan=2" in link.group(0)
    months = re.findall(r'data-count="(\w+ 2026)">(\d+)<',
                        client.get(f"{URL}?periode=tahun&tahun=2026").get_data(as_text=True))
    assert months == [("Januari 2026", "1"), ("Maret 2026", "1"), ("April 2026", "1"),
                      ("Juli 2026", "1"), ("Desember 2026", "1")]


def test_a_range_typed_end_first_is_swapped_and_said(app, filed):
    client, _ = staff_client(app, "Helpdesk")
    response = client.get(f"{URL}?periode=rentang&dari=2026-04-01&sampai=2026-03-31")
    assert _total(response) == 2
    assert "Tanggal awal lebih akhir dari tanggal akhir; keduanya ditukar." in \
        page_text(response)


@pytest.mark.parametrize("query", [
    "periode=triwulan&triwulan=5&tahun=2026", "periode=minggu",
    "periode=bulan&bulan=2026-13", "periode=rentang&dari=2000-01-01&sampai=2026-12-31",
])
def test_an_invalid_period_exports_nothing_and_says_why_in_indonesian(app, filed, query):
    client, _ = staff_client(app, "Pimpinan")
    response = client.get(f"{URL}ekspor.xlsx?{query}")
    assert response.status_code == 302 and "Content-Disposition" not in response.headers
    assert response.headers["Location"].startswith(URL + "?")
    text = page_text(client.get(response.headers["Location"]))
    assert "Berkas tidak dibuat: periode atau filter laporan tidak valid." in text
    assert "laporan bulan ini yang ditampilkan" in text


def test_the_head_of_office_reads_it_in_english(app, filed):
    from app.models import Complaint

    late = db.session.query(Complaint).filter_by(created_at=FILED["f"]).one()
    late.first_answer_at = FILED["f"] + timedelta(hours=3)
    db.session.commit()
    client, _ = staff_client(app, "Pimpinan")
    response = client.get(f"{URL}?periode=semester&semester=2&tahun=2026&_l_=en")
    text = page_text(response)
    assert _total(response) == 2
    assert "Complaints report" in text and "Period Half-year II 2026" in text
    assert "Quarter" in text and "Date range" in text and "Semester" not in text
    assert "3.0 hours" in text and "jam" not in text
    bad = page_text(client.get(f"{URL}?periode=triwulan&triwulan=9&_l_=en"))
    assert "Invalid period" in bad
