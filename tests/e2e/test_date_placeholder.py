"""The day-first date box (static/js/date-dmy.js, shared by the portal and the console) tells
its format in the page's language: hh/bb/tttt (hari/bulan/tahun) on an Indonesian page,
dd/mm/yyyy on an English one; typing works the same in both."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

BIRTH_DATE = "#birth_date[data-dmy=text]"  # the box the script puts in the native input's place


def registration_form(page: Page):
    page.goto("/daftar/perorangan")
    page.wait_for_selector(BIRTH_DATE)  # the script has run
    return page.locator(BIRTH_DATE)


@pytest.mark.parametrize(("language", "placeholder", "label"), [
    ("id", "hh/bb/tttt", "Tanggal Lahir"), ("en", "dd/mm/yyyy", "Date of birth")])
def test_the_date_box_names_its_format_in_the_pages_language(page, snap, language,
                                                              placeholder, label):
    if language != "id":
        page.goto("/")
        # a late answer to the first page's requests would write back the session cookie
        # without the language: switch once they are done
        page.wait_for_load_state("networkidle")
        page.goto(f"/bahasa/{language}")
        page.wait_for_load_state("networkidle")
    box = registration_form(page)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_label(label, exact=True)).to_have_attribute("placeholder", placeholder)
    box.scroll_into_view_if_needed()
    snap(page, "desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    box.scroll_into_view_if_needed()
    snap(page, "phone")
    box.click()
    page.keyboard.type("15051990")
    expect(box).to_have_value("15/05/1990")
    expect(page.locator("input[name=birth_date][data-dmy=iso]")).to_have_value("1990-05-15")
