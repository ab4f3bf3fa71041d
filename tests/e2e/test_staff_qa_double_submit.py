"""A confirmed action is sent once: a second press while it is on its way (signing takes
seconds) neither repeats it unasked nor sends another action unconfirmed.

The page's own submissions are recorded instead of performed, so the test looks at the page
exactly as it is while its request is still being answered."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import make_applicant, make_staff, make_submitted, publish_catalogue

RECORD_SUBMISSIONS = """() => {
  window.sent = [];
  HTMLFormElement.prototype.submit = function () {
    window.sent.push('confirmed ' + new FormData(this).getAll('action').join('+'));
  };
  window.addEventListener('submit', event => {
    if (!event.defaultPrevented) {
      window.sent.push('unasked ' + (event.submitter ? event.submitter.value : ''));
      event.preventDefault();
    }
  });
}"""


def test_a_second_press_while_the_action_is_sent_sends_nothing(live_server, new_page):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        person, _ = make_applicant(served)
        uid = make_submitted(served, person, "SIP-DOKTER").uid
        email = make_staff(served, "Verifikator", email="verif.ganda@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.goto(f"/admin/antrian/{uid}")
    page.wait_for_load_state("load")
    page.evaluate(RECORD_SUBMISSIONS)
    page.fill("#note", "Lokasi praktik di luar wilayah")

    # "Ya, lanjutkan" pressed while the dialog is still opening (a quick hand, a slow
    # machine): Bootstrap ignores a hide() then, and the dialog stayed open over the page
    page.evaluate("""() => {
      document.getElementById('action-tolak').click();
      document.getElementById('confirm-ok').click();
    }""")
    expect(page.locator(".modal-backdrop")).to_have_count(0)  # opened, then closed
    expect(page.locator("#confirm-dialog")).to_be_hidden()
    # the buttons say the action is on its way and cannot be pressed again
    expect(page.locator("#action-tolak")).to_be_disabled()
    expect(page.locator("#action-tolak")).to_have_text("Sedang diproses…")
    expect(page.locator("#action-lanjut")).to_be_disabled()
    # an impatient press on the same or another button, as far as the browser lets it
    page.locator("#action-tolak").dispatch_event("click")
    page.locator("#action-lanjut").dispatch_event("click")
    page.evaluate("document.getElementById('action-form').requestSubmit()")

    assert page.evaluate("window.sent") == ["confirmed tolak"]
    expect(page.locator("#confirm-dialog")).to_be_hidden()
