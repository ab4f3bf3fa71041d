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


def nothing_cut_off(page, what: str) -> None:
    """fits, and no table scrolls inside its box either (.table-responsive hides what does
    not fit behind a sideways scroll: a button or a status nobody sees on a phone)."""
    fits(page, what)
    cut = page.evaluate("""() => [...document.querySelectorAll('main .table-responsive')]
        .filter(box => box.scrollWidth > box.clientWidth)
        .map(box => `${(box.querySelector('table') || box).id || 'table'} by `
                    + `${box.scrollWidth - box.clientWidth} px`)""")
    assert not cut, f"{what}: a table is cut off on a phone ({', '.join(cut)})"


def within_width(locator) -> None:
    """The element shows whole between the screen's left and right edges (its row may be
    further down the page)."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


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


def test_the_applicants_tables_show_every_column_on_a_phone(app, page, live_server, snap):
    """Draf Saya, the dashboard's list, My Applications and a permit's requirements: on a
    phone each row stacks what the hidden columns hold (the draft's Hapus, the status, the
    template link), and only the receipt code is monospace."""
    publish_catalogue(app)
    user, data = make_applicant(app)
    fill_draft(app, user, "SIP-DOKTER")
    make_submitted(app, user, "IZOP-RS")
    page.set_viewport_size(PHONE)
    log_in(page, data["nik"])
    page.wait_for_url("**/dashboard")
    nothing_cut_off(page, "dashboard")
    within_width(page.locator("#recent-applications .status-badge:visible"))
    snap(page, "dashboard-390")
    page.goto("/permohonan/draf")
    nothing_cut_off(page, "Draf Saya")
    within_width(page.locator("#drafts-table button:has-text('Hapus')"))
    within_width(page.locator("#drafts-table a:has-text('Lanjutkan')"))
    snap(page, "drafts-390")
    page.goto("/permohonan")
    nothing_cut_off(page, "Permohonan Saya")
    fonts = page.evaluate("""() => {
        const row = document.querySelector('#applications-table tbody tr');
        const font = el => getComputedStyle(el).fontFamily;
        return {resi: font(row.querySelector('a.font-monospace')),
                badge: font(row.querySelector('.status-badge:not(.d-none)')
                            || [...row.querySelectorAll('.status-badge')].at(-1)),
                date: font(row.querySelector('.d-md-none .text-muted'))}; }""")
    assert "monospace" in fonts["resi"]
    assert "monospace" not in fonts["badge"] and "monospace" not in fonts["date"], fonts
    snap(page, "applications-390")
    page.goto("/persyaratan/SIP-DOKTER")
    nothing_cut_off(page, "the requirements")
    within_width(page.get_by_role("link", name="Unduh templat").first)
    expect(page.locator("#requirements").get_by_text("Wajib").first).to_be_visible()
    snap(page, "persyaratan-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    for path, name in (("/persyaratan/SIP-DOKTER", "persyaratan"), ("/permohonan/draf", "drafts"),
                       ("/dashboard", "dashboard")):
        page.goto(path)
        nothing_cut_off(page, name)
        snap(page, f"{name}-1280")
