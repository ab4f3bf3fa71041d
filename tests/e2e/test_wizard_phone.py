"""The application wizard on a phone (390 px wide): every step of a filled draft, its
Validasi Data and the new-application page fit the screen without scrolling sideways, with
its forms, upload slots and maps inside it. Applicants mostly apply from a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_account_journeys import log_in
from tests.helpers import fill_draft, make_applicant, make_submitted, publish_catalogue

PHONE = {"width": 390, "height": 844}
STEPS = ("jenis", "pemohon", "perusahaan", "lokasi", "detail")


def fits(page, what: str) -> None:
    page.wait_for_load_state("load")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow} px on a phone"


@pytest.mark.parametrize("permit", ["SIP-DOKTER", "IZOP-RS"])
def test_every_wizard_step_fits_a_phone(app, page, live_server, snap, permit):
    publish_catalogue(app)
    user, data = make_applicant(app)
    draft = fill_draft(app, user, permit)
    page.set_viewport_size(PHONE)
    log_in(page, data["nik"])
    page.wait_for_url("**/dashboard")
    page.goto("/permohonan/baru")
    fits(page, "the new-application page")
    for step in STEPS:
        page.goto(f"/permohonan/{draft.uid}/langkah/{step}")
        expect(page.locator("main form").first).to_be_visible()
        fits(page, f"step {step}")
        snap(page, f"{permit}-{step}-390")
    page.click("#wizard-next")  # step 5's Lanjut: to Validasi Data
    expect(page.locator("#wizard-submit")).to_be_visible()
    fits(page, "Validasi Data")
    snap(page, f"{permit}-validasi-390")


def test_the_applicants_own_pages_fit_a_phone(app, page, live_server, snap):
    """Dashboard, My Applications, a submitted application's detail, File Saya, the Inbox,
    Revision, the profile and the password page: nothing scrolls sideways on a phone."""
    publish_catalogue(app)
    user, data = make_applicant(app)
    application = make_submitted(app, user, "IZOP-RS")
    page.set_viewport_size(PHONE)
    log_in(page, data["nik"])
    page.wait_for_url("**/dashboard")
    for name, path in (("dashboard", "/dashboard"), ("applications", "/permohonan"),
                       ("detail", f"/permohonan/{application.uid}"), ("files", "/file-saya"),
                       ("inbox", "/inbox"), ("revision", "/revisi"),
                       ("profile", "/akun/profil"), ("password", "/akun/password")):
        page.goto(path)
        expect(page.locator("main h1, main h2").first).to_be_visible()
        fits(page, name)
        snap(page, f"{name}-390")
