"""The staff console on Bootstrap 5 in a real browser: a navbar menu category opens as a
dropdown (wide and in the collapsed 400 px menu), the outbox filters work, and the detail
screen's verdict toggles and confirmation dialog behave."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import make_applicant, make_staff, make_submitted, publish_catalogue

ACTIVE = re.compile(r"\bactive\b")




def test_console_menu_dropdown_and_outbox_filters_work_on_bootstrap5(app, live_server,
                                                                      new_page, snap):
    served = live_server.app
    with served.app_context():
        make_applicant(served)  # its welcome email waits in the outbox
        email = make_staff(served, "Super Admin", email="super.bs5@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    # the URL commits before the deferred scripts run; wait for Bootstrap, then check it
    page.wait_for_function("() => typeof window.bootstrap?.Dropdown === 'function'")
    assert page.evaluate("typeof window.jQuery") == "undefined"

    category = page.locator("#admin-navbar-collapse [data-menu-category='Pengguna']")
    menu = category.locator("xpath=following-sibling::ul[contains(@class, 'dropdown-menu')]")
    expect(menu).to_be_hidden()
    category.click()
    expect(menu).to_be_visible()
    expect(category).to_have_attribute("aria-expanded", "true")
    snap(page, "menu-open")
    menu.get_by_role("link", name="Staf").click()
    expect(page).to_have_url(re.compile(r"/admin/pengguna/$"))

    # the outbox screen's own filters (a plain form, no script needed)
    page.goto("/admin/outbox/")
    page.select_option("#f-status", "pending")
    page.click("#apply-filters")
    expect(page).to_have_url(re.compile(r"/admin/outbox/\?.*status=pending"))
    rows = page.locator("#outbox-list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Menunggu")
    snap(page, "outbox-filtered")

    # 400 px: the navbar collapses behind its toggler; the category still opens
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto("/admin/")
    expect(category).to_be_hidden()
    page.click("button.navbar-toggler")
    # wait for the collapse transition to end: a click while the menu is still sliding open can
    # land before Bootstrap has settled and leave the category closed
    expect(page.locator("#admin-navbar-collapse")).to_have_class(re.compile(r"\bshow\b"))
    expect(page.locator("#admin-navbar-collapse")).not_to_have_class(re.compile(r"collapsing"))
    expect(category).to_be_visible()
    category.click()
    expect(menu.get_by_role("link", name="Log Audit")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    snap(page, "mobile-menu")


def test_verdict_toggles_and_confirmation_dialog(app, live_server, new_page):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        person, _ = make_applicant(served)
        uid = make_submitted(served, person, "SIP-DOKTER").uid
        email = make_staff(served, "Verifikator", email="veri.bs5@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.goto(f"/admin/antrian/{uid}")

    valid, invalid, unmarked = (page.locator(f"label:has(#doc-ktp-{choice})")
                                for choice in ("valid", "invalid", "none"))
    expect(unmarked).to_have_class(ACTIVE)
    invalid.click()
    expect(page.locator("#doc-ktp-invalid")).to_be_checked()
    expect(invalid).to_have_class(ACTIVE)
    expect(unmarked).not_to_have_class(ACTIVE)
    valid.click()
    expect(valid).to_have_class(ACTIVE)
    expect(invalid).not_to_have_class(ACTIVE)

    # the confirmation is Bootstrap 5's modal; "Batal" closes it and nothing is sent
    page.click("#action-tolak")
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#confirm-text")).not_to_be_empty()
    dialog.get_by_role("button", name="Batal").click()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(re.compile(rf"/admin/antrian/{uid}$"))
    expect(page.locator("#action-panel")).to_be_visible()
