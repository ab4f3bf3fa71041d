"""A blind applicant with a keyboard and a screen reader: after a form comes back with errors
focus lands on a summary whose links lead to the fields, each field says it is invalid and
which message belongs to it, and the page title says so; the wizard's title names the step;
adding or removing a row of a repeating group keeps focus where the work goes on."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.answer_factory import SAMPLE_BYTES
from tests.e2e.test_accessibility import portal  # noqa: F401  (fixture: the seeded banners)
from tests.e2e.test_account_journeys import on_a_drafts_detail_step
from tests.e2e.test_wizard_keyboard import tab_to
from tests.helpers import publish_catalogue


def press_and_wait(page: Page, key: str = "Enter") -> None:
    """The focused control sends its form: wait for the answer page to have run its scripts."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("load")


def described_by(page: Page, selector: str) -> str:
    """The text a screen reader reads after the field's name (its aria-describedby)."""
    return page.evaluate(
        """s => (document.querySelector(s).getAttribute('aria-describedby') || '').split(' ')
           .filter(Boolean).map(id => document.getElementById(id).textContent.trim()).join(' ')""",
        selector)


def test_a_complaint_sent_empty_leads_the_reader_to_each_error(app, page):
    page.goto("/pengaduan/baru")
    page.wait_for_load_state("load")
    tab_to(page, "#complaint-submit")
    press_and_wait(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Periksa 4 isian berikut")
    expect(page).to_have_title(re.compile(r"^Ada kesalahan: Pengaduan"))
    for field, message in (("#name", "Nama wajib diisi"), ("#email", "Email wajib diisi"),
                           ("#category", "Kategori wajib dipilih"),
                           ("#body", "Isi Pengaduan wajib diisi")):
        expect(page.locator(field)).to_have_attribute("aria-invalid", "true")
        assert message in described_by(page, field), field
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#name")).to_be_focused()


def test_a_wizard_step_names_itself_and_its_errors(app, page):
    publish_catalogue(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    page.wait_for_load_state("load")
    expect(page).to_have_title(re.compile(r"^Langkah 5 dari 6: Data Detail & Dokumen · "))
    page.fill("#str_number", "")
    tab_to(page, "#wizard-next")
    press_and_wait(page)
    expect(page).to_have_title(re.compile(r"^Ada kesalahan: Langkah 5 dari 6: Data Detail"))
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name=re.compile("Nomor STR"))
    expect(link).to_have_count(1)
    expect(page.locator("#str_number")).to_have_attribute("aria-invalid", "true")
    assert "Wajib diisi." in described_by(page, "#str_number")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#str_number")).to_be_focused()


def test_adding_and_removing_a_group_row_keeps_the_keyboard_in_the_rows(app, page):
    publish_catalogue(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    page.wait_for_load_state("load")
    page.fill("#practice_order", "3")
    expect(page.locator("#other_practices-0-place_name")).to_be_visible()
    tab_to(page, "[data-add-row=other_practices]")
    page.keyboard.press("Enter")
    second = page.locator("#other_practices-1-place_name")
    expect(second).to_be_focused()
    expect(page.get_by_role("group", name=re.compile(r"Baris 2$"))).to_have_count(1)
    remove = page.get_by_role("button", name="Hapus baris 2")
    tab_to(page, "[data-group-row]:nth-child(2) [data-remove-row]")
    expect(remove).to_be_focused()
    page.keyboard.press("Enter")
    expect(second).to_have_count(0)
    expect(page.locator("#other_practices-0-place_name")).to_be_focused()


def test_a_new_document_is_uploaded_with_the_keyboard_from_its_named_button(app, page):
    """"Unggah baru" was a label around a display:none file input: out of the tab order, so
    a keyboard user could only pick files uploaded earlier in File Saya."""
    publish_catalogue(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    page.wait_for_load_state("load")
    field = page.locator("[data-field=str_scan]")  # a file field of the permit's form
    expect(field.locator("input[data-doc-file]")).to_have_accessible_name(
        re.compile(r"^Unggah baru\W+Unggah STR"))
    slot = page.locator(".doc-slot[data-doc-slot]").first  # a document requirement
    name = slot.locator("label.fw-semibold").inner_text().strip()
    expect(slot.locator("select")).to_have_accessible_name(name)  # not "Pilih dari File Saya"
    upload = slot.locator("input[data-doc-file]")
    expect(upload).to_have_accessible_name(re.compile(r"^Unggah baru\W+" + re.escape(name)))
    # Playwright asks the browser to intercept file choosers when the first listener comes,
    # without waiting for the answer: listening only around the key press let the press
    # overtake it now and then (no chooser in 10 s). Listening from here on, the Tabs below
    # give it ample time.
    page.on("filechooser", lambda _chooser: None)
    tab_to(page, f"[data-doc-slot='{slot.get_attribute('data-doc-slot')}'] input[data-doc-file]")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(files=[{"name": "scan.pdf", "mimeType": "application/pdf",
                                    "buffer": SAMPLE_BYTES["pdf"]}])
    expect(slot.locator("[data-doc-status]")).to_contain_text("Upload berhasil")


def test_a_missing_document_is_tied_to_its_own_slot(app, page):
    publish_catalogue(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    page.wait_for_load_state("load")
    slots = page.locator(".doc-slot[data-doc-slot]")
    key = slots.nth(1).get_attribute("data-doc-slot")
    page.select_option(f"#doc-{key}", "")
    tab_to(page, "#wizard-next")
    press_and_wait(page)
    select = page.locator(f"#doc-{key}")
    expect(select).to_have_attribute("aria-invalid", "true")
    assert described_by(page, f"#doc-{key}") == \
        page.locator(f"[data-doc-slot='{key}'] .invalid-feedback").inner_text().strip()
    expect(page.locator(f"#doc-{slots.first.get_attribute('data-doc-slot')}")) \
        .not_to_have_attribute("aria-invalid", "true")


def contrast(a: list[int], b: list[int]) -> float:
    """WCAG contrast ratio of two sRGB colours."""
    def lum(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ring(page: Page) -> dict:
    """The focused element's outline, and the colour of the green bar behind the menu."""
    return page.evaluate("""() => {
      const s = getComputedStyle(document.activeElement);
      const rgb = c => c.match(/\\d+/g).slice(0, 3).map(Number);
      return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: rgb(s.outlineColor),
              bar: rgb(getComputedStyle(document.querySelector('.site-header .navbar'))
                   .backgroundColor)}; }""")


@pytest.mark.usefixtures("portal")
def test_keyboard_focus_shows_on_the_green_menu_and_the_banner(app, page):
    """The menu's active link looked the same focused or not; the banner's arrows showed no
    ring at all: a ring of at least 2 px, 3:1 against the green bar."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    page.wait_for_load_state("load")
    for selector in ("#nav-home", "#nav-persyaratan", "#nav-help"):
        tab_to(page, selector)
        seen = ring(page)
        assert seen["style"] == "solid" and seen["width"] >= 2, (selector, seen)
        assert contrast(seen["colour"], seen["bar"]) >= 3, (selector, seen)
    tab_to(page, ".carousel-control-next")
    seen = ring(page)
    assert seen["style"] == "solid" and seen["width"] >= 2, seen


def active_banner(page: Page) -> str:
    return page.locator("#banner-carousel .carousel-item.active").get_attribute("data-banner")


@pytest.mark.usefixtures("portal")
def test_the_turning_banners_can_be_stopped_from_the_keyboard(app, page):
    """WCAG 2.2.2: the home page's banners turned every 7 seconds with no way to stop them;
    the pause button comes first in the banners and stops them."""
    page.clock.install()
    page.goto("/")
    page.wait_for_load_state("load")
    first = active_banner(page)
    page.clock.run_for(8000)
    expect(page.locator("#banner-carousel .carousel-item.active")).not_to_have_attribute(
        "data-banner", first)  # they do turn
    tab_to(page, "#carousel-pause")
    expect(page.get_by_role("button", name="Hentikan pergantian banner")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#carousel-pause")).to_have_attribute("aria-pressed", "true")
    shown = active_banner(page)
    page.clock.run_for(30000)
    assert active_banner(page) == shown
    page.keyboard.press("Enter")  # and turn again
    expect(page.locator("#carousel-pause")).to_have_attribute("aria-pressed", "false")
    page.clock.run_for(8000)
    expect(page.locator("#banner-carousel .carousel-item.active")).not_to_have_attribute(
        "data-banner", shown)


UNANNOUNCED = """() => [...document.querySelectorAll('main .form-label.required')].map(label => {
  const box = label.closest('.fs-field, .mb-3') || label.parentElement;
  const control = label.htmlFor ? document.getElementById(label.htmlFor)
    : box.querySelector('input:not([type=hidden]), select, textarea');
  if (!control || control.closest('[hidden]') || control.type === 'radio') return null;
  return control.required || control.getAttribute('aria-required') === 'true' ? null
    : label.textContent.trim();
}).filter(Boolean)"""


def test_every_field_marked_with_an_asterisk_is_announced_as_required(app, page):
    """The asterisk is drawn by CSS; selects (Jenis Kelamin, the region lists, Kategori),
    passwords and the captcha did not say they were required to a screen reader."""
    publish_catalogue(app)
    for path in ("/daftar/perorangan", "/daftar/badan-usaha", "/pengaduan/baru"):
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.evaluate(UNANNOUNCED) == [], path
    draft = on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    for step in ("perusahaan", "detail"):
        page.goto(f"/permohonan/{draft.uid}/langkah/{step}")
        page.wait_for_load_state("load")
        assert page.evaluate(UNANNOUNCED) == [], step


def test_a_catalogue_search_says_how_many_permits_it_found(app, page):
    """The search reloads the page; the title (read first) now says what came of it."""
    publish_catalogue(app)
    page.goto("/persyaratan")
    page.wait_for_load_state("load")
    expect(page).to_have_title(re.compile(r"^Persyaratan Izin · "))
    tab_to(page, "#q")
    page.keyboard.type("dokter")
    press_and_wait(page)
    found = page.locator("#permit-list > *").count()
    assert found >= 1
    expect(page).to_have_title(re.compile(rf"^{found} jenis izin ditemukan · Persyaratan Izin"))
    expect(page.get_by_role("link", name="Hapus filter")).to_have_count(1)


def test_my_files_actions_name_their_file_on_a_phone(app, page):
    """Below 992 px the buttons show only icons; each was named just "Unduh" or "Hapus", the
    same on every row. The delete dialog opens from the keyboard and gives focus back."""
    from tests.e2e.test_account_journeys import log_in
    from tests.helpers import make_applicant, make_file

    user, data = make_applicant(app)
    make_file(app, user, "pdf", "KTP")
    make_file(app, user, "pdf", "NPWP")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/file-saya")
    page.wait_for_load_state("load")
    expect(page.get_by_role("link", name="Unduh NPWP")).to_have_count(1)
    delete = page.get_by_role("link", name="Hapus KTP")
    expect(delete).to_have_count(1)
    tab_to(page, "a[data-action=delete][data-file-name=KTP]")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Hapus file?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("KTP")
    expect(page.locator("#delete-modal:focus-within")).to_have_count(1)  # focus moved in
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(delete).to_be_focused()


def test_kirim_without_the_declaration_takes_focus_to_the_reason(app, page, at_review):
    page.goto(f"/permohonan/{at_review}/validasi")
    page.wait_for_load_state("load")
    expect(page).to_have_title(re.compile(r"^Langkah 6 dari 6: Validasi Data · "))
    tab_to(page, "#wizard-submit")
    press_and_wait(page)
    expect(page.locator("#declaration-alert")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Ada kesalahan: Langkah 6 dari 6: Validasi Data"))
    expect(page.locator("#declaration")).to_have_attribute("aria-invalid", "true")


def test_in_english_the_errors_the_step_and_the_controls_read_in_english(app, page):
    publish_catalogue(app)
    page.goto("/bahasa/en")
    page.goto("/pengaduan/baru")
    page.wait_for_load_state("load")
    tab_to(page, "#complaint-submit")
    press_and_wait(page)
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Please check the following (4):")
    expect(page).to_have_title(re.compile(r"^Error: "))
    draft = on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    page.goto(f"/permohonan/{draft.uid}/langkah/pemohon")
    expect(page).to_have_title(re.compile(r"^Step 2 of 6: Applicant Details · "))
    page.goto("/persyaratan?q=dokter")
    expect(page).to_have_title(re.compile(r"^Permits found: \d+ · "))
