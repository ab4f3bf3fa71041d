"""The back office on a phone: Antrian Saya's table fits the screen, each row showing its
status and the SLA under the resi (the table used to be 1,168 px wide in a 390 px screen,
with status and SLA off to the right); the case page has no document preview pane (mobile
browsers show no PDF in a frame: it was an empty 560 px box), each document opens in a tab,
and the page does not scroll sideways; its history is a card per entry (it scrolled
sideways in its box) and "Sisa SLA" stands over its value under the receipt number."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import make_applicant, make_staff, make_submitted, publish_catalogue


def test_my_queue_fits_a_phone_and_shows_status_and_sla(live_server, new_page, snap):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        person, _ = make_applicant(served)
        uid = make_submitted(served, person, "SIP-DOKTER").uid
        email = make_staff(served, "Verifikator", email="verif.ponsel@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/antrian/")
    row = page.locator(f"tr[data-uid='{uid}']")
    expect(row).to_be_visible()
    assert page.evaluate("(() => { const t = document.querySelector('.table-responsive');"
                         " return t.scrollWidth <= t.clientWidth; })()"), "scrolls sideways"
    summary = row.locator("[data-phone-summary]")
    expect(summary.locator("[data-status='in_process']")).to_be_visible()
    expect(summary.locator("[data-sla]")).to_be_visible()
    expect(summary.locator("[data-step-due]")).to_contain_text("Tahap ini: target")
    snap(page, "antrian-390")
    # the desktop keeps its columns, without the phone's summary
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(summary).to_be_hidden()
    expect(page.locator("#grid th", has_text="No. Registrasi")).to_be_visible()


def test_the_case_page_on_a_phone_opens_documents_in_a_tab_without_an_empty_pane(
        live_server, new_page, snap):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        person, _ = make_applicant(served)
        uid = make_submitted(served, person, "SIP-DOKTER").uid
        email = make_staff(served, "Verifikator", email="verif.ponsel2@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/admin/antrian/{uid}")
    first = page.locator("#document-list [data-document]").first
    expect(page.locator("#doc-preview")).to_be_hidden()
    expect(first.locator("[data-preview]")).to_be_hidden()
    expect(first.locator("a[target=_blank]")).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.locator("#doc-preview")).to_be_visible()
    expect(first.locator("[data-preview]")).to_be_visible()
    # in English the task it waits for names what the role does: it wraps on the phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/admin/antrian/{uid}?_l_=en")
    expect(page.locator("#detail-waiting")).to_contain_text("Checks completeness")
    assert page.evaluate("document.documentElement.scrollWidth <= "
                         "document.documentElement.clientWidth"), "the page scrolls sideways"
    snap(page, "case-en-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    snap(page, "case-en-1366")
    # the history reads on a phone without scrolling sideways inside its box
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/admin/antrian/{uid}")
    snap(page, "case-390")
    # "Sisa SLA" stands over its value, on a line of its own under the receipt number
    label, value, resi = (page.evaluate(TEXT_BOX, s) for s in (
        "#detail-sla-label", "#detail-sla", "#detail-resi"))
    assert abs(label["x"] - value["x"]) <= 1 and label["y"] < value["y"], (label, value)
    assert label["y"] >= resi["y"] + resi["height"], (label, resi)
    history = page.locator("#audit")
    expect(history).to_contain_text("Permohonan dikirim")
    assert page.evaluate(NO_SIDEWAYS_SCROLL, "#audit"), "the history scrolls sideways"
    expect(history.locator("td[data-label='Kejadian']")).to_contain_text("Permohonan dikirim")
    # a wide screen keeps the history's columns
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.locator("#audit-table thead th", has_text="Kejadian")).to_be_visible()


NO_SIDEWAYS_SCROLL = """(selector) => {
  // nothing in the box scrolls sideways, and nothing shown sticks out past its right edge
  const box = document.querySelector(selector);
  const right = box.getBoundingClientRect().right;
  return [box, ...box.querySelectorAll("*")].every((e) => {
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
    const rect = e.getBoundingClientRect();
    return !(scrolls && e.scrollWidth > e.clientWidth + 1)
      && (rect.width <= 1 || rect.right <= right + 1);
  });
}"""


TEXT_BOX = """(selector) => {
  // where the element's text is drawn (not its box: a block's box spans the line)
  const range = document.createRange();
  range.selectNodeContents(document.querySelector(selector));
  const r = range.getBoundingClientRect();
  return {x: r.x, y: r.y, height: r.height};
}"""
