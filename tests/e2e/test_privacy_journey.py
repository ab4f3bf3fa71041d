"""Account deletion in a real browser: the applicant finds Hapus akun on the profile, sends the
request (confirming the browser's dialog), a Super Admin approves it on Data Pribadi, and the
applicant cannot log in any more; the privacy page is linked from the footer and reads well
at phone width."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import log_in, staff_signs_in
from tests.helpers import make_applicant, make_staff


def test_applicant_requests_deletion_and_staff_approve_it(live_server, new_page, snap):
    served = live_server.app
    with served.app_context():
        _user, data = make_applicant(served)
        staff_email = make_staff(served, "Super Admin", email="super.pdp@contoh.id").email

    page = new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the form's "are you sure?" (confirm)
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/akun/profil")
    page.click("#erasure-link")
    expect(page).to_have_url(re.compile(r"/akun/hapus-akun$"))
    page.fill("#reason", "Saya pindah ke luar provinsi.")
    page.check("#confirm")
    snap(page, "form")
    page.click("#erasure-submit")
    expect(page.locator("#erasure-pending")).to_be_visible()
    snap(page, "pending")
    page.set_viewport_size({"width": 390, "height": 844})
    snap(page, "pending-390")

    console = new_page()
    console.on("dialog", lambda dialog: dialog.accept())
    staff_signs_in(console, staff_email)
    console.click("#home-data_pribadi")
    expect(console.locator("#privacy-list")).to_contain_text("Siti Aminah")
    snap(console, "console-list")
    console.locator("#privacy-list a").first.click()
    expect(console.locator("#request-reason")).to_have_text("Saya pindah ke luar provinsi.")
    snap(console, "console-detail")
    console.set_viewport_size({"width": 390, "height": 844})
    snap(console, "console-detail-390")
    console.set_viewport_size({"width": 1280, "height": 900})
    console.click("#request-approve")
    expect(console.locator("#request-status")).to_have_attribute("data-status", "done")
    expect(console.locator("#request-summary")).to_be_visible()
    snap(console, "console-done")

    again = new_page()
    log_in(again, data["nik"])
    expect(again).to_have_url(re.compile(r"/masuk$"))
    expect(again.locator(".alert-danger")).to_be_visible()


def test_privacy_page_from_the_footer(live_server, page, snap):
    page.goto("/")
    page.click("#footer-privacy")
    expect(page).to_have_url(re.compile(r"/privasi$"))
    expect(page.locator("h1")).to_have_text("Kebijakan Privasi")
    expect(page.locator("#retention-drafts")).to_have_text("180 hari")
    snap(page, "desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    snap(page, "390")
