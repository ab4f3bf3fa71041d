"""The complaint report in a real browser: the head of office picks a quarter (only its fields
show), reads its count, and the page fits 1366 and 390 px without a sideways scroll."""

from __future__ import annotations

import re
from datetime import datetime

from playwright.sync_api import expect

from app.extensions import db
from tests.complaint_helpers import file_visitor, seed_categories
from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import make_staff


def test_the_head_of_office_picks_a_quarter_of_complaints(app, live_server, new_page, snap):
    served = live_server.app
    with served.app_context():
        seed_categories(served)
        for moment in (datetime(2026, 3, 31, 15, 59), datetime(2026, 3, 31, 16, 0),
                       datetime(2026, 5, 2, 3, 0)):
            file_visitor(served).created_at = moment  # 31 Mar, 1 Apr and 2 May, local
        db.session.commit()
        email = make_staff(served, "Pimpinan", email="kepala.pengaduan@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.goto("/admin/laporan-pengaduan/")
    page.wait_for_selector("body[data-report-ready]")
    page.select_option("#f-periode", "triwulan")
    expect(page.locator("#f-bulan")).to_be_hidden()
    page.select_option("#f-triwulan", "2")
    page.fill("#f-tahun", "2026")
    page.click("#apply-report")
    expect(page).to_have_url(re.compile(r"periode=triwulan&triwulan=2&tahun=2026"))
    expect(page.locator("#report-total")).to_have_text("2")
    expect(page.locator("#report-scope")).to_contain_text("Triwulan II 2026")
    page.wait_for_selector("body[data-report-ready]")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        snap(page, f"laporan-pengaduan-{width}")
