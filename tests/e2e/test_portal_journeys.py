"""The public portal and the applicant's finishing touches in a real browser: a visitor finds
everything from the home page, an admin's banner and FAQ entry reach the portal, Monitoring
Izin follows a revision, an issued permit shows on the WebGIS map without personal data, the
wizard keeps what was typed when the applicant leaves through the sidebar, and the pages fit
a desktop and a phone screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app import casework
from tests.e2e.conftest import ARTIFACTS, keep_screenshot
from tests.e2e.test_account_journeys import log_in, on_a_drafts_detail_step, scripts_ready
from tests.e2e.test_backoffice_journey import staff_login
from tests.helpers import (
    all_documents_valid,
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
    walk_routing,
)


@pytest.fixture
def portal(app):
    from app.services import portal_seed

    publish_catalogue(app)
    portal_seed.seed_if_empty()


def map_ready(page: Page) -> None:
    page.wait_for_function("() => document.getElementById('webgis-map')?.dataset.state === 'ready'")


def test_a_visitor_finds_tracking_webgis_persyaratan_faq_and_the_manual(app, page, portal):
    user, _ = make_applicant(app)
    application = make_submitted(app, user, "SIPA")
    page.goto("/")
    scripts_ready(page)
    expect(page.locator("#banner-carousel .carousel-item.active .banner-title")).to_have_text(
        "Perizinan Online Satu Pintu")
    expect(page.locator("#whatsapp-link")).to_have_attribute("href", re.compile(r"^https://wa\.me/"))
    expect(page.locator("#footer-address")).to_contain_text("No. 56")
    # Monitoring: the public tracking page, by resi
    page.click("#nav-tracking")
    expect(page).to_have_url(re.compile(r"/lacak$"))
    page.fill("#tracking-resi", application.resi)
    page.click("#tracking-go")
    expect(page.locator("#tracking-status")).to_have_text("Dalam Proses")
    expect(page.locator("#tracking-result")).to_contain_text("Verifikasi Berkas")
    # WebGIS from the services strip
    page.goto("/")
    page.click("#svc-webgis")
    expect(page).to_have_url(re.compile(r"/webgis"))
    map_ready(page)
    expect(page.locator("#webgis-legend")).to_contain_text("Kesehatan")
    # Persyaratan from the menu
    page.click("#nav-persyaratan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Persyaratan")
    # Bantuan > FAQ, searched
    scripts_ready(page)
    page.click("#nav-help")
    page.click("#nav-faq")
    expect(page).to_have_url(re.compile(r"/bantuan/faq$"))
    page.fill("#faq-q", "lupa password")
    page.press("#faq-q", "Enter")
    expect(page.locator(".faq-entry").first).to_contain_text("lupa password")
    # Bantuan > the manual as a PDF
    scripts_ready(page)
    page.click("#nav-help")
    href = page.locator("#nav-manual-pdf").get_attribute("href")
    pdf = page.request.get(href, timeout=90_000)  # the first rendering of ~14 pages
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


def test_an_admin_adds_a_banner_and_an_faq_entry_and_sees_them_on_the_portal(
        app, new_page, portal):
    from app.services.portal_seed import SAMPLE

    admin = make_staff(app, "Admin Katalog", "DPMPTSP")
    console = staff_login(new_page, admin.email)
    console.click("#home-konten")
    expect(console).to_have_url(re.compile(r"/admin/konten/$"))
    console.click("#portal-nav-banner")
    console.click("#add-item")
    console.fill("#title_id", "Pelayanan Perizinan di Mal Pelayanan Publik")
    console.fill("#caption_id", "Datang langsung ke gerai DPMPTSP di MPP Samarinda.")
    console.fill("#link_url", "/bantuan")
    console.fill("#position", "1")
    console.set_input_files("#image", str(SAMPLE / "banner-survei.png"))
    console.click("#content-save")
    expect(console.locator(".alert-success")).to_contain_text("Banner disimpan")
    preview = console.locator("#content-preview")
    expect(preview).to_contain_text("Tampil di portal hari ini")
    expect(preview.locator(".banner-title")).to_have_text(
        "Pelayanan Perizinan di Mal Pelayanan Publik")
    console.click("#portal-nav-faq")
    console.click("#add-item")
    console.fill("#topic_id", "Layanan Tatap Muka")
    console.fill("#question_id", "Di mana gerai DPMPTSP di Mal Pelayanan Publik?")
    console.fill("#answer_id", "Di **lantai 2** MPP Samarinda, Senin–Jumat.")
    console.click("#content-save")
    expect(console.locator(".alert-success")).to_contain_text("disimpan")

    visitor = new_page()
    visitor.goto("/")
    slide = visitor.locator("#banner-carousel .carousel-item.active")
    expect(slide.locator(".banner-title")).to_have_text(
        "Pelayanan Perizinan di Mal Pelayanan Publik")
    image = slide.locator("img.banner-img")
    expect(image).to_be_visible()
    assert visitor.evaluate("img => img.naturalWidth", image.element_handle()) == 1600
    visitor.goto("/bantuan/faq?q=gerai")
    topic = visitor.locator(".faq-topic")
    expect(topic).to_have_count(1)
    expect(topic.locator(".faq-topic-title")).to_have_text("Layanan Tatap Muka")
    expect(topic.locator(".accordion-body strong")).to_have_text("lantai 2")


def test_an_applicant_follows_monitoring_through_a_revision(app, page, portal):
    user, data = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.locator(".sidebar").get_by_role("link", name="Monitoring Izin").click()
    card = page.locator(f".monitor-card[data-resi='{application.resi}']")
    bar = card.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "17")
    expect(card.locator("[data-fact=holder]")).to_contain_text("Verifikator")

    verifier = make_staff(app, "Verifikator", "DPMPTSP")
    from app.services import review

    review.act(application, casework.actor_for(verifier), "revisi", note="STR sudah habis.")
    page.reload()
    expect(card.locator(".stepper-returned")).to_contain_text("Dikembalikan untuk revisi")
    expect(card.locator("[data-fact=holder]")).to_contain_text("Pemohon (perbaikan berkas)")
    card.locator("summary").click()
    expect(card.locator(".timeline")).to_contain_text("STR sudah habis.")

    # the applicant revises through the wizard: every step, then Validasi Data, Kirim Revisi
    card.get_by_role("link", name="Perbaiki (Revisi)").click()
    for _ in range(3):
        page.click("#wizard-next")
    page.click("#wizard-next")  # step 5 -> Validasi Data
    expect(page).to_have_url(re.compile(r"/validasi$"))
    page.check("#declaration")
    page.click("#wizard-submit")
    expect(page.locator(".alert-success")).to_contain_text("Revisi berhasil dikirim")
    page.goto(f"/monitoring?resi={application.resi}")
    expect(bar).to_have_attribute("aria-valuenow", "17")  # back at the verification step
    review.act(application, casework.actor_for(verifier), "lanjut",
               verdicts=all_documents_valid(application))
    page.reload()
    expect(bar).to_have_attribute("aria-valuenow", "50")
    expect(card.locator("[data-fact=step]")).to_have_text("Rekomendasi Teknis")
    expect(card.locator("[data-fact=holder]")).to_contain_text("Tim Teknis · Dinas Kesehatan")


def test_an_issued_permit_appears_on_the_webgis_map_without_personal_data(app, page, portal):
    user, data = make_applicant(app)
    application = walk_routing(app, make_submitted(app, user, "SIP-DOKTER"))
    number = application.permit.number
    lat, lng = application.data["details"]["practice_point"].split(",")
    page.goto(f"/webgis#17/{lat}/{lng}")
    map_ready(page)
    expect(page.locator("#webgis-summary")).to_contain_text("1 izin")
    marker = page.locator(".permit-marker")
    expect(marker).to_have_count(1)
    marker.click()
    popup = page.locator(".permit-popup")
    expect(popup).to_contain_text("Surat Izin Praktik Dokter")
    expect(popup).to_contain_text(number)
    text = popup.inner_text()
    for private in (data["nik"], data["name"], application.permit.holder_name,
                    application.applicant_name):
        assert private not in text
    # filtered to another sector, it is not there
    page.select_option("#f-bidang", "PENDIDIKAN")
    expect(page.locator("#webgis-summary")).to_contain_text("0 izin")


def test_leaving_step_5_through_the_sidebar_mid_typing_keeps_the_input(app, page, portal):
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    field = page.locator("#str_number")
    field.fill("")
    field.type("4471100220044")  # no pause: the debounced save has not run yet
    page.locator(".sidebar").get_by_role("link", name="File Saya").click()
    expect(page).to_have_url(re.compile(r"/file-saya$"))
    page.locator(".sidebar").get_by_role("link", name="Dashboard").click()
    page.locator("#my-drafts").get_by_role("link", name="Lanjutkan").click()
    expect(page).to_have_url(re.compile(r"/langkah/detail$"))
    expect(page.locator("#str_number")).to_have_value("4471100220044")


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_home_monitoring_and_webgis_fit_the_screen(app, browser, live_server, portal, width,
                                                   height):
    """Screenshots of the three pages at a desktop and a phone size (test-artifacts/e2e/),
    and nothing wider than the screen (no sideways scrolling)."""
    user, data = make_applicant(app)
    walk_routing(app, make_submitted(app, user, "SIP-DOKTER"))
    make_submitted(app, user, "SIPA")
    context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                  viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        log_in(page, data["nik"])
        expect(page).to_have_url(re.compile(r"/dashboard$"))
        for path, name in (("/", "home"), ("/monitoring", "monitoring"),
                           ("/webgis", "webgis")):
            page.goto(path)
            page.wait_for_load_state("load")
            if name == "webgis":
                map_ready(page)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
            keep_screenshot(page, ARTIFACTS / f"portal-{name}-{width}x{height}.png",
                            full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("language,label", [("id", "Cari dengan nomor resi"),
                                            ("en", "Search by receipt code")])
def test_the_monitoring_search_reads_whole_on_a_phone(app, browser, live_server, portal,
                                                      language, label):
    """At 390 px the receipt search of Monitoring Izin is labelled where it can be read and
    its placeholder (the receipt's format) is not cut off, in both languages."""
    user, data = make_applicant(app)
    context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, data["nik"])
        expect(page).to_have_url(re.compile(r"/dashboard$"))
        page.goto(f"/bahasa/{language}")
        page.goto("/monitoring")
        page.wait_for_load_state("load")
        expect(page.locator("label[for=monitoring-resi]")).to_be_visible()
        expect(page.locator("label[for=monitoring-resi]")).to_have_text(label)
        expect(page.get_by_label(label)).to_have_id("monitoring-resi")
        fit = page.evaluate("""() => {
            const input = document.getElementById('monitoring-resi');
            const style = getComputedStyle(input);
            const pen = document.createElement('canvas').getContext('2d');
            pen.font = style.font;
            return {placeholder: input.placeholder,
                    text: pen.measureText(input.placeholder).width,
                    room: input.clientWidth - parseFloat(style.paddingLeft)
                          - parseFloat(style.paddingRight)};
        }""")
        assert fit["placeholder"], "the search lost its placeholder"
        assert fit["text"] <= fit["room"], fit
        keep_screenshot(page, ARTIFACTS / f"portal-monitoring-search-{language}-390.png")
    finally:
        context.close()
