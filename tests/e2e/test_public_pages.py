"""Public pages in a real browser: the WhatsApp button covers neither the chat's Send button
nor the end of a page on a phone; switching the language keeps what was typed in a form; the
WebGIS map reads its filters from the address and writes them back, and counts in English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_account_journeys import choose_region, scripts_ready, type_captcha
from tests.e2e.test_portal_journeys import map_ready
from tests.helpers import make_applicant, make_submitted, publish_catalogue, walk_routing

PHONE = {"width": 390, "height": 844}
# what is on top at the element's centre, right-centre and lower-right corner
TOPMOST_ON = """(sel) => {
  const r = document.querySelector(sel).getBoundingClientRect();
  const spots = [[r.left + r.width / 2, r.top + r.height / 2], [r.right - 2, r.top + r.height / 2],
                 [r.right - 2, r.bottom - 2]];
  const hits = spots.map(([x, y]) => document.elementFromPoint(x, y));
  if (hits.some((hit) => hit && hit.closest('#whatsapp-link'))) return 'whatsapp';
  return hits.every((hit) => hit && hit.closest(sel)) ? 'itself' : 'other'; }"""


@pytest.fixture
def portal(app):
    from app.services import chat_hours, portal_seed

    publish_catalogue(app)
    portal_seed.seed_if_empty()
    chat_hours.seed_defaults()


def on_phone(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE)
    return context.new_page()


def test_on_a_phone_the_whatsapp_button_leaves_the_chat_and_the_page_end_clear(
        app, browser, live_server, portal):
    page = on_phone(browser, live_server)
    try:
        page.goto("/persyaratan/SIP-DOKTER")
        expect(page.locator("#whatsapp-link")).to_be_visible()
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        last = ".footer-bottom a"
        assert page.evaluate(TOPMOST_ON, last) == "itself"
        page.goto("/bantuan/chat")
        expect(page.locator("#whatsapp-link")).to_have_count(0)
        page.fill("#name", "Rina Pengunjung")
        page.fill("#contact", "rina@contoh.id")
        scripts_ready(page)
        type_captcha(page)
        page.click("#chat-visitor-start")
        expect(page).to_have_url(re.compile(r"/bantuan/chat/percakapan$"))
        expect(page.locator("#chat-send")).to_be_visible()
        expect(page.locator("#whatsapp-link")).to_have_count(0)
        page.locator("#chat-send").scroll_into_view_if_needed()
        assert page.evaluate(TOPMOST_ON, "#chat-send") == "itself"
    finally:
        page.context.close()


def test_switching_the_language_keeps_what_was_typed_in_the_complaint_form(app, page,
                                                                           portal):
    from tests.complaint_helpers import seed_categories

    seed_categories(app)
    page.goto("/pengaduan/baru")
    scripts_ready(page)
    page.fill("#name", "Budi Tamu")
    page.fill("#email", "budi@contoh.id")
    page.select_option("#category", "teknis")
    page.fill("#body", "Unggahan berkas gagal sejak pagi.")
    page.locator(".lang-switch a[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/pengaduan/baru$"))
    expect(page.locator("#name")).to_have_value("Budi Tamu")
    expect(page.locator("#email")).to_have_value("budi@contoh.id")
    expect(page.locator("#category")).to_have_value("teknis")
    expect(page.locator("#body")).to_have_value("Unggahan berkas gagal sejak pagi.")
    # carried once: a later visit starts empty, as without a switch
    page.reload()
    expect(page.locator("#body")).to_have_value("")


def test_switching_the_language_keeps_a_cascaded_region_and_a_date(app, page, portal):
    """Registration's kecamatan and kelurahan lists fill only after the choice above them,
    and its birth date is typed into a box beside the value that is sent: both come back."""
    page.goto("/daftar/perorangan")
    scripts_ready(page)
    page.fill("#name", "Budi Santoso")
    page.fill("#birth_date", "15/05/1990")
    choose_region(page)
    page.locator(".lang-switch a[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#name")).to_have_value("Budi Santoso")
    expect(page.locator("#birth_date")).to_have_value("15/05/1990")
    expect(page.locator("input[name=birth_date][data-dmy=iso]")).to_have_value("1990-05-15")
    expect(page.locator("select[name=regency_code]")).to_have_value("64.72")
    expect(page.locator("select[name=district_code]")).to_have_value("64.72.01")
    expect(page.locator("select[name=village_code]")).to_have_value("64.72.01.1003")


def test_the_webgis_filters_live_in_the_address_and_the_count_is_plural_aware(app, page,
                                                                              portal):
    user, _data = make_applicant(app)
    application = walk_routing(app, make_submitted(app, user, "SIP-DOKTER"))
    lat, lng = application.data["details"]["practice_point"].split(",")
    page.goto(f"/webgis?izin=SIP-DOKTER&_l_=en#17/{lat}/{lng}")
    map_ready(page)
    expect(page.locator("#f-izin")).to_have_value("SIP-DOKTER")
    expect(page.locator("#webgis-summary")).to_have_text("1 permit in this map area")
    page.select_option("#f-bidang", "PENDIDIKAN")
    expect(page).to_have_url(re.compile(r"\?izin=SIP-DOKTER&_l_=en&bidang=PENDIDIKAN#17/"))
    expect(page.locator("#webgis-summary")).to_have_text("0 permits in this map area")
    page.click("#webgis-reset")
    expect(page).to_have_url(re.compile(r"/webgis\?_l_=en#17/"))
    expect(page.locator("#f-izin")).to_have_value("")
