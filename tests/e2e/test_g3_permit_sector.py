"""The permit editor's Bidang list follows the chosen Dinas in a real browser: only that
Dinas's sectors are offered, a sector of the Dinas left behind is cleared, and the permit saves
with the new pair."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.catalogue_helpers import publish_sample
from tests.e2e.builder_steps import clean_catalogue  # noqa: F401
from tests.e2e.test_account_journeys import staff_signs_in, unique_email
from tests.helpers import make_staff

pytestmark = pytest.mark.usefixtures("clean_catalogue")
SECTORS = "els => els.map(e => e.value)"


def test_the_bidang_list_shows_the_chosen_dinas_sectors(app, new_page, live_server, snap):
    publish_sample()
    email = unique_email("katalog")
    make_staff(app, "Admin Katalog", email=email)
    page = new_page()
    staff_signs_in(page, email)
    page.goto("/admin/katalog/draf/")
    page.click("#start-draft")
    page.goto("/admin/katalog/draf/izin/SIPA")
    expect(page.locator("#sector[data-ready]")).to_have_count(1)
    options = page.locator("#sector option")
    assert options.evaluate_all(SECTORS) == ["", "ESDM"]
    expect(page.locator("#sector")).to_have_value("ESDM")

    page.select_option("#agency", "DINKES")
    assert options.evaluate_all(SECTORS) == ["", "KESEHATAN"]
    expect(page.locator("#sector")).to_have_value("")  # DESDM's sector is not DINKES's
    page.select_option("#sector", "KESEHATAN")
    snap(page, "permit-sector")
    page.click("#save-item")
    expect(page).to_have_url(re.compile(r"/admin/katalog/draf/izin/SIPA$"))
    expect(page.get_by_role("alert").filter(has_text="Tersimpan di draf.")).to_be_visible()
    expect(page.locator("#sector")).to_have_value("KESEHATAN")
    expect(page.locator("#sector[data-ready]")).to_have_count(1)  # the reloaded page's script
    assert options.evaluate_all(SECTORS) == ["", "KESEHATAN"]

    # the draft's overview lists the change and fits a phone's width (tables scroll inside)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/admin/katalog/draf/")
    expect(page.locator("[data-permit-change=SIPA]")).to_contain_text("ESDM → KESEHATAN")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    snap(page, "overview-390")
