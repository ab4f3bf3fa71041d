"""A page opened with ?_l_=en (one request in English, app/i18n.py) keeps English in what its
GET forms and htmx requests ask next (static/js/keep-language.js): the permit chooser's
agency choice came back as /permohonan/baru?agency=... in Indonesian, a mixed page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import log_in
from tests.helpers import make_applicant, publish_catalogue


def test_the_permit_chooser_and_a_search_keep_the_language_of_the_link(app, page,
                                                                        live_server, snap):
    publish_catalogue(app)
    _user, data = make_applicant(app)
    log_in(page, data["nik"])
    page.wait_for_url("**/dashboard")
    page.goto("/permohonan/baru?_l_=en")
    page.wait_for_load_state("load")
    expect(page.locator("label[for=permit]")).to_have_text("Permit type")
    page.select_option("#agency", "DPMPTSP")
    expect(page).to_have_url(re.compile(r"agency=DPMPTSP"))
    assert "_l_=en" in page.url
    # the swapped fragment is English too, and so is the pushed address when it is reloaded
    expect(page.locator("label[for=permit]")).to_have_text("Permit type")
    expect(page.locator("#permit option").nth(1)).to_be_attached()
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("label[for=permit]")).to_have_text("Permit type")
    snap(page, "chooser-en")
    # a plain GET form (My Applications' search)
    page.goto("/permohonan?_l_=en")
    page.fill("#search-q", "IZOP")
    page.click("#search-go")
    expect(page).to_have_url(re.compile(r"q=IZOP"))
    assert "_l_=en" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # without ?_l_ the visitor's own language still rules
    page.goto("/permohonan")
    page.click("#search-go")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    assert "_l_" not in page.url
