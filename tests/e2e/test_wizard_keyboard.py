"""The whole wizard with the keyboard only: Tab to each control (so each is reachable in tab
order), type, choose options by typing their name, Space and Enter; no mouse, no script
setting values. From choosing the permit to Kirim on Validasi Data."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from app import regions
from tests.e2e.test_account_journeys import log_in
from tests.helpers import LOCATION, make_applicant, make_file, new_nik, publish_catalogue

PERMIT = "IZIN-PENELITIAN"  # DPMPTSP; text, textarea, region, date, email, phone, 3 documents


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element is `selector`; fails if it is never reached."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) || false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} was not reached with Tab")


def choose(page: Page, selector: str, label: str) -> None:
    """A closed <select> picks the option whose label starts with what is typed. The
    browser forgets what was typed after a second without a key, so on a slow machine a
    keystroke can start a new search: then wait for it to forget and type the name again,
    and if the machine is slower still, step through the options with the arrow keys."""
    tab_to(page, selector)
    checked = page.locator(f"{selector} option:checked")
    wanted = re.compile(re.escape(label), re.I)
    for _ in range(3):
        page.keyboard.type(label)
        if wanted.search(checked.inner_text()):
            break
        page.wait_for_timeout(1500)
    else:  # still a slow machine: walk the options with the arrow keys, as people also do
        page.keyboard.press("Home")
        for _ in range(page.locator(f"{selector} option").count()):
            if wanted.search(checked.inner_text()):
                break
            page.keyboard.press("ArrowDown")
    expect(checked).to_have_text(wanted)


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def offered(page: Page, selector: str, label: str) -> None:
    """The list below a region choice is the new one: it offers `label`. (Waiting for "more
    than the placeholder" passes too early when the list still holds the previous choice's
    regions while the new ones load.)"""
    expect(page.locator(f"{selector} option", has_text=label)).not_to_have_count(0)


def location_by_keyboard(page: Page) -> None:
    """Step 4: address, region cascade, coordinates typed (the map follows)."""
    page.wait_for_load_state("load")
    type_into(page, "#street", "Jl. Kesuma Bangsa")
    type_into(page, "#number", "8")
    choose(page, "#regency_code", regions.name(LOCATION["regency_code"]))
    offered(page, "#district_code", regions.name(LOCATION["district_code"]))
    choose(page, "#district_code", regions.name(LOCATION["district_code"]))
    offered(page, "#village_code", regions.name(LOCATION["village_code"]))
    choose(page, "#village_code", regions.name(LOCATION["village_code"]))
    type_into(page, "#latitude", LOCATION["latitude"])
    type_into(page, "#longitude", LOCATION["longitude"])
    tab_to(page, "#wizard-next")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/langkah/detail$"))



def detail_by_keyboard(page: Page) -> None:
    """Step 5: the permit's own form and its documents from File Saya."""
    page.wait_for_load_state("load")
    type_into(page, "#researcher_nik", new_nik())
    type_into(page, "#title", "Kajian mangrove di pesisir Kutai Timur")
    type_into(page, "#institution", "Universitas Mulawarman")
    choose(page, "#location-province", regions.name("64"))
    offered(page, "#location", regions.name(LOCATION["regency_code"]))
    choose(page, "#location", regions.name(LOCATION["regency_code"]))
    type_into(page, "#start_date", "01/02/2027")
    type_into(page, "#end_date", "30/06/2027")
    type_into(page, "#contact_email", "peneliti@contoh.id")
    type_into(page, "#contact_phone", "081234567890")
    for key in ("ktp", "pengantar", "proposal"):
        choose(page, f"#doc-{key}", f"Berkas {key}")
    tab_to(page, "#wizard-next")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/validasi$"))


def test_the_wizard_is_completed_with_the_keyboard_only(app, page):
    publish_catalogue(app)
    user, data = make_applicant(app)
    for key in ("ktp", "pengantar", "proposal"):
        make_file(app, user, "pdf", f"Berkas {key}")
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/permohonan/baru")
    page.wait_for_load_state("load")

    # step 1: the three choices (each swaps the fragment; focus stays on the select used)
    choose(page, "#agency", "Dinas Penanaman Modal")
    expect(page.locator(f"#permit option[value='{PERMIT}']")).to_have_count(1)
    choose(page, "#permit", "Surat Keterangan Penelitian")
    expect(page.locator("#application_type option[value='baru']")).to_have_count(1)
    choose(page, "#application_type", "Baru")
    expect(page.locator("#choose-process")).to_be_enabled()
    tab_to(page, "#choose-process")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/langkah/pemohon$"))

    # steps 2 and 3: as prefilled (an individual skips the company)
    page.wait_for_load_state("load")
    tab_to(page, "#wizard-next")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/langkah/perusahaan$"))
    page.wait_for_load_state("load")
    tab_to(page, "#wizard-next")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/langkah/lokasi$"))

    location_by_keyboard(page)
    detail_by_keyboard(page)

    # Validasi Data: what was typed, read-only; the declaration with Space; Kirim with Enter
    expect(page.locator("#review-answers")).to_contain_text("Universitas Mulawarman")
    expect(page.locator("#review-answers")).to_contain_text("1 Februari 2027")
    tab_to(page, "#declaration")
    page.keyboard.press("Space")
    expect(page.locator("#declaration")).to_be_checked()
    tab_to(page, "#wizard-submit")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("Nomor resi Anda")
