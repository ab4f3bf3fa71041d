"""Laporan in a browser: the head of office chooses Semester II of a year from the form; the
page, its Excel and PDF links cover July to December of that year."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import staff_signs_in
from tests.e2e.test_office import shots
from tests.helpers import make_staff, publish_catalogue


def test_the_head_of_office_chooses_a_semester(app, live_server, new_page, snap):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        email = make_staff(served, "Pimpinan", email="kepala.semester@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.goto("/admin/laporan/")
    page.wait_for_selector("body[data-report-ready]")
    expect(page.get_by_label("Semester", exact=True)).to_be_hidden()
    page.select_option("#f-periode", "semester")
    page.get_by_label("Semester", exact=True).select_option(label="II")
    page.get_by_label("Tahun", exact=True).fill("2025")
    page.click("#apply-report")
    expect(page).to_have_url(re.compile(r"periode=semester.*semester=2.*tahun=2025|"
                                        r"periode=semester.*tahun=2025.*semester=2"))
    expect(page.locator("#report-scope")).to_contain_text("Semester II 2025")
    expect(page.locator("#report-pdf")).to_have_attribute(
        "href", re.compile(r"periode=semester.*semester=2"))
    page.wait_for_selector("body[data-report-ready]")
    shots(page, snap, "laporan-semester")
