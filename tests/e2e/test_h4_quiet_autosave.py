"""The wizard's autosave while typing, as a screen reader hears it: the status line follows
every save, but the live region speaks only the first save, a failed save and the save that
works again, never after every pause in typing. Also pictures of a wizard step with a date
field (its format in a hint) and of an English permit page, on a desktop and a phone."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_account_journeys import on_a_drafts_detail_step
from tests.helpers import publish_catalogue

SAVED = re.compile(r"Tersimpan otomatis pukul \d{2}\.\d{2}")
FAILED = "Gagal menyimpan otomatis"

# what every live region of the page says, as a screen reader would hear it
LISTEN = """() => {
  window.__heard = [];
  document.querySelectorAll('[aria-live]:not([aria-live=off]), [role=status]').forEach(live => {
    new MutationObserver(() => {
      const text = live.textContent.replace(/\\s+/g, ' ').trim();
      if (text) { window.__heard.push(text); }
    }).observe(live, {childList: true, characterData: true, subtree: true});
  });
}"""


def heard(page: Page) -> list[str]:
    return page.evaluate("() => window.__heard")


def type_and_wait_for_save(page: Page, text: str, status) -> None:
    """Types, then waits past the autosave's pause until the line says it is done."""
    page.locator("#str_number").press_sequentially(text)
    expect(page.locator("#wizard-form")).to_have_attribute(
        "data-autosave", re.compile("saved|failed"))
    expect(page.locator("[data-autosave-text]")).to_have_text(status)


def test_autosave_speaks_the_first_save_a_failure_and_the_recovery_only(app, page, snap):
    publish_catalogue(app)
    draft = on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    expect(page.locator("#str_valid_until[data-dmy=text]")).to_be_visible()  # scripts ran
    page.evaluate(LISTEN)
    page.locator("#str_number").fill("")
    for digit in "123":  # three pauses in typing, three saves
        type_and_wait_for_save(page, digit, SAVED)
    assert len(heard(page)) == 1 and SAVED.fullmatch(heard(page)[0])

    def refuse(route):
        if route.request.method == "POST":
            route.abort()
        else:
            route.continue_()

    page.route(f"**/permohonan/{draft.uid}/langkah/detail", refuse)
    type_and_wait_for_save(page, "4", re.compile(FAILED))
    type_and_wait_for_save(page, "5", re.compile(FAILED))  # failing again: nothing new said
    assert len(heard(page)) == 2 and heard(page)[1].startswith(FAILED)
    page.unroute(f"**/permohonan/{draft.uid}/langkah/detail")
    type_and_wait_for_save(page, "6", SAVED)
    type_and_wait_for_save(page, "7", SAVED)
    said = heard(page)
    assert len(said) == 3 and SAVED.fullmatch(said[2]), said


def test_pictures_of_a_date_field_step_and_an_english_permit(app, page: Page, snap):
    publish_catalogue(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    box = page.locator("#str_valid_until[data-dmy=text]")
    expect(box).to_have_attribute("aria-describedby", "str_valid_until-format")
    expect(page.locator("#str_valid_until-format")).to_contain_text("hh/bb/tttt")
    for width, name in ((1366, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        box.scroll_into_view_if_needed()
        snap(page, f"date-step-{name}")
    page.goto("/persyaratan/SIP-DOKTER?_l_=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for width, name in ((1366, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        snap(page, f"english-permit-{name}")
