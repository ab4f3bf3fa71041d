"""An Admin Katalog adds a field to a permit's form in the console's form builder (no JSON),
moves it with the keyboard, sees it in the live preview at desktop and phone width,
publishes, and an applicant's wizard asks for it in its new place — in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.catalogue_helpers import publish_sample
from tests.e2e.builder_steps import add_field, admin_publishes, clean_catalogue  # noqa: F401
from tests.e2e.test_account_journeys import log_in, staff_signs_in, unique_email
from tests.e2e.test_wizard_journeys import choose_permit, fill_location
from tests.helpers import make_applicant, make_staff

NOT_SAVED = ("Belum disimpan. Ada isian yang perlu diperbaiki: pesannya tertulis di bawah "
             "setiap isian tersebut.")

BUILDER = "/admin/katalog/susun/izin/SIP-DOKTER/"


pytestmark = pytest.mark.usefixtures("clean_catalogue")


def keys_in(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.sortKey)")


def admin_adds_a_field_by_type(page: Page) -> None:
    page.goto("/admin/katalog/draf/")
    page.click("#start-draft")
    page.goto(BUILDER)
    expect(page.get_by_role("heading", name=re.compile("Susun formulir"))).to_be_visible()
    add_field(page, "s1", "text", "klinik_mitra", "Nama Klinik Mitra",  # the "kontak" section
              label_en="Partner clinic")
    expect(page.locator("input[name=pattern]")).to_be_visible()  # a text's own properties
    expect(page.locator("input[name=table]")).to_have_count(0)
    # type and save only once the builder's script has started, as the other builder steps do
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    page.fill("#help_id", "Klinik tempat praktik bersama, bila ada.")
    page.fill("#visible_if", "kontak_tidak_ada != null")
    page.click("#save-field")
    expect(page.locator("#visible_if ~ .invalid-feedback")).to_contain_text(
        "merujuk field 'kontak_tidak_ada' yang tidak ada")
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    page.fill("#visible_if", "")
    page.click("#save-field")
    expect(page.get_by_text("Isian tersimpan di draf.")).to_be_visible()
    page.get_by_role("link", name="Kembali ke susunan formulir").click()


def admin_moves_it_up_with_the_keyboard(page: Page) -> None:
    section = "[data-sortable=s1] > [data-sort-key]"
    expect(page.locator("#field-klinik_mitra")).to_be_visible()
    assert keys_in(page, section) == ["contact_email", "contact_phone", "klinik_mitra"]
    # the page's scripts (and its preview frame) have settled before the key is pressed: a
    # focus taken from the button in between made the key press nothing, once, under load
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    page.wait_for_load_state("load")
    with page.expect_navigation():  # the move is a plain form post: the page comes back
        page.get_by_role("button", name="Naikkan Nama Klinik Mitra").press("Enter")
    expect(page.locator("[data-sortable=s1] > [data-sort-key]").nth(1)).to_have_attribute(
        "data-sort-key", "klinik_mitra")
    assert keys_in(page, section) == ["contact_email", "klinik_mitra", "contact_phone"]


def the_live_preview_shows_it(page: Page, snap) -> None:
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)  # scripts are bound
    frame = page.frame_locator("#preview-frame")
    expect(frame.locator("[data-field=klinik_mitra]")).to_contain_text("Nama Klinik Mitra")
    fields = frame.locator("[data-field]").evaluate_all("els => els.map(e => e.dataset.field)")
    assert fields.index("contact_email") < fields.index("klinik_mitra") < fields.index(
        "contact_phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    snap(page, "builder-1366")
    page.click("#preview-phone")
    expect(page.locator("#preview-panel")).to_have_attribute("data-width", "390")
    expect(page.locator("#preview-phone")).to_have_attribute("aria-pressed", "true")
    snap(page, "builder-preview-phone")
    page.set_viewport_size({"width": 390, "height": 844})
    snap(page, "builder-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def applicant_is_asked_for_it(page: Page, nik: str, snap) -> None:
    log_in(page, nik)
    choose_permit(page, "DINKES", "SIP-DOKTER", "baru")
    page.click("#choose-process")
    page.click("#wizard-next")
    page.click("#wizard-next")
    fill_location(page)
    page.click("#wizard-next")
    field = page.locator("[data-field=klinik_mitra]")
    expect(field).to_be_visible()
    expect(field).to_contain_text("Nama Klinik Mitra")
    expect(field).to_contain_text("Klinik tempat praktik bersama, bila ada.")
    fields = page.locator("[data-field]").evaluate_all("els => els.map(e => e.dataset.field)")
    assert fields.index("contact_email") < fields.index("klinik_mitra") < fields.index(
        "contact_phone")
    field.scroll_into_view_if_needed()
    snap(page, "wizard")


def test_admin_builds_a_field_without_json_and_the_wizard_asks_for_it(
        app, new_page, live_server, snap):
    publish_sample()
    email = unique_email("katalog")
    make_staff(app, "Admin Katalog", email=email)
    _user, data = make_applicant(app)

    admin = new_page()
    staff_signs_in(admin, email)
    admin_adds_a_field_by_type(admin)
    admin_moves_it_up_with_the_keyboard(admin)
    the_live_preview_shows_it(admin, snap)
    admin_publishes(admin, "Klinik mitra pada SIP Dokter")

    applicant_is_asked_for_it(new_page(), data["nik"], snap)


def test_refused_builder_inputs_keep_what_was_typed_and_say_why_where_it_was_typed(
        app, new_page, live_server, snap):
    publish_sample()
    email = unique_email("katalog")
    make_staff(app, "Admin Katalog", email=email)
    admin = new_page()
    admin.set_viewport_size({"width": 1366, "height": 900})
    staff_signs_in(admin, email)
    admin.goto("/admin/katalog/draf/")
    admin.click("#start-draft")
    admin.goto("/admin/katalog/susun/izin/IZIN-PENELITIAN/")
    expect(admin.locator("body[data-builder-ready]")).to_have_count(1)
    row = admin.locator("[data-add-field='s1']")  # a lower row of several
    row.locator("select[name=type]").select_option("number")
    row.locator("input[name=label_id]").fill("Judul Lagi")
    row.locator("input[name=label_en]").fill("Title again")
    row.locator("input[name=key]").fill("title")  # taken by a field of the first section
    row.get_by_role("button", name="Tambah isian").click()
    expect(admin.locator("body[data-builder-ready]")).to_have_count(1)
    row = admin.locator("[data-add-field='s1']")
    expect(row.locator("[data-error-for=key]")).to_have_text(
        "Kunci 'title' sudah dipakai isian lain.")
    expect(row.locator("input[name=key]")).to_be_focused()
    expect(row).to_be_in_viewport()
    expect(row.locator("input[name=label_id]")).to_have_value("Judul Lagi")
    expect(row.locator("input[name=label_en]")).to_have_value("Title again")
    expect(row.locator("select[name=type]")).to_have_value("number")
    expect(admin.locator("[data-add-field='s0'] input[name=label_id]")).to_have_value("")
    snap(admin, "add-refused")

    row.locator("input[name=key]").fill("jumlah_peneliti")
    row.get_by_role("button", name="Tambah isian").click()
    expect(admin).to_have_url(re.compile(r"/isian/jumlah_peneliti$"))
    expect(admin.locator("body[data-builder-ready]")).to_have_count(1)
    admin.fill("#min", "10")
    admin.fill("#max", "2")
    admin.fill("#default", "50")
    admin.click("#save-field")
    expect(admin.locator("body[data-builder-ready]")).to_have_count(1)
    expect(admin.get_by_text(NOT_SAVED)).to_be_visible()
    expect(admin.get_by_text("Isian tersimpan di draf.")).to_have_count(0)
    expect(admin.locator("[data-error-for=min]")).to_contain_text(
        "'Nilai minimal' tidak boleh lebih besar dari 'Nilai maksimal'")
    expect(admin.locator("[data-error-for=default]")).to_contain_text("2")
    expect(admin.locator("#default")).to_have_value("50")
    snap(admin, "field-refused")
