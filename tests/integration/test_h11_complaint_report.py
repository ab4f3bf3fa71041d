"""The complaint report a head of office reads: every figure explained in the reader's
language (category names, month names, decimal mark) and the complaints' promise kept or
not (closed by the category's due date, still open past it), on screen and in the export.
And the desk's officer lists: two members who share a name are told apart."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta

from openpyxl import load_workbook

from app.complaints import service
from app.extensions import db
from app.services.user_admin import create_staff
from tests.backoffice_helpers import page_text, staff_client
from tests.complaint_helpers import file_visitor, helpdesk, seed_categories
from tests.helpers import PASSWORD

URL = "/admin/laporan-pengaduan/?periode=bulan&bulan=2026-03"
FILED = datetime(2026, 3, 2, 1, 0)  # Monday 2 March 2026, 09:00 local


def _three_complaints(app):
    """Closed in time, closed late, and one left open (long past its due date)."""
    seed_categories(app)
    _user, desk = helpdesk(app)
    made = [file_visitor(app, category="teknis") for _ in range(3)]
    for complaint in made:
        complaint.created_at = FILED
        complaint.due_on = datetime(2026, 3, 4).date()  # 2 working days
    db.session.commit()
    service.reply(made[0], "Sudah kami perbaiki.", desk)
    service.close(made[0], desk)
    service.close(made[1], desk)
    made[0].first_answer_at = FILED + timedelta(hours=1, minutes=30)
    made[0].closed_at = datetime(2026, 3, 3, 2, 0)  # on time
    made[1].closed_at = datetime(2026, 3, 10, 2, 0)  # a week late
    db.session.commit()
    return made


def _figure(html: str, element: str) -> str:
    return re.sub(r"\s+", " ", re.search(rf'id="{element}"[^>]*>(.*?)</div>', html,
                                         re.S).group(1)).strip()


def test_the_report_says_how_many_complaints_kept_their_due_date(app):
    _three_complaints(app)
    client, _ = staff_client(app, "Pimpinan")
    html = client.get(URL).get_data(as_text=True)
    assert _figure(html, "report-on-time") == "1"
    assert "dari 2 pengaduan selesai" in page_text(client.get(URL))
    assert _figure(html, "report-open-overdue") == "1"
    # Indonesian decimal comma, a month's name instead of its key
    assert _figure(html, "report-first-answer") == "1,5 jam"
    assert 'data-count="Maret 2026">3<' in html
    export = client.get(URL.replace("?", "ekspor.xlsx?"))
    summary = {r[0]: r[1] for r in load_workbook(io.BytesIO(export.data))["Ringkasan"]
               .iter_rows(values_only=True) if len(r) > 1}
    assert summary["Selesai tepat waktu (paling lambat tenggat)"] == 1
    assert summary["Masih terbuka dan lewat tenggat"] == 1


def test_an_english_reader_reads_english_category_and_month_names(app):
    _three_complaints(app)
    client, _ = staff_client(app, "Pimpinan")
    html = client.get(URL + "&_l_=en").get_data(as_text=True)
    assert 'data-count="Application problems">3<' in html
    assert "Teknis Aplikasi" not in page_text(client.get(URL + "&_l_=en"))
    assert 'data-count="March 2026">3<' in html
    assert _figure(html, "report-first-answer") == "1.5 hours"


def test_two_helpdesk_members_with_one_name_are_told_apart_when_assigning(app):
    seed_categories(app)
    complaint = file_visitor(app)
    for email in ("rizki.a@contoh.id", "rizki.b@contoh.id"):
        create_staff(email, "Helpdesk", "DPMPTSP", name="Muhammad Rizki", password=PASSWORD)
    client, _ = staff_client(app, "Helpdesk", name="Hana Helpdesk")
    for url in (f"/admin/pengaduan/{complaint.ticket}", "/admin/pengaduan/"):
        html = client.get(url).get_data(as_text=True)
        options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", html)
        assert "Muhammad Rizki (rizki.a@contoh.id)" in options, url
        assert "Muhammad Rizki (rizki.b@contoh.id)" in options, url
        assert not any(o.startswith("Hana Helpdesk (") and "saya" not in o for o in options)
