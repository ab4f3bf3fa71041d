"""A catalogue admin writes a permit's certificate template in the permit editor, in a real
browser: picks "written here", inserts variables from the list, previews the sample PDF in a
new tab, and reads a broken template's reason under the button with the text still typed."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.catalogue_helpers import publish_sample, reset_catalogue
from tests.e2e.test_account_journeys import staff_signs_in, unique_email
from tests.helpers import make_staff


@pytest.fixture(autouse=True)
def clean_catalogue(app):
    reset_catalogue()
    yield
    reset_catalogue()


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                         check=True).stdout.decode()
    return " ".join(out.split())


@pytest.mark.pdf_viewer  # the PDF opens in the browser's viewer, in a new tab
def test_admin_writes_and_previews_a_certificate_template(app, new_page, snap):
    from app.services import catalogue_console as console

    publish_sample()
    email = unique_email("sertifikat")
    admin = make_staff(app, "Admin Katalog", email=email)
    console.start_draft(admin.id)

    page = new_page()
    staff_signs_in(page, email)
    page.goto("/admin/katalog/draf/izin/IZOP-RS")
    box = page.locator("#certificate-editor[data-ready='1']")
    expect(box).to_be_visible()
    expect(page.locator("#certificate_file")).to_be_visible()  # the sample prints from a file
    expect(page.locator("#certificate_template")).to_be_hidden()

    page.select_option("#certificate_mode", "inline")
    expect(page.locator("#certificate_file")).to_be_hidden()
    source = page.locator("#certificate_template")
    source.fill("<p>KBLI: </p>")
    source.evaluate("el => el.setSelectionRange(9, 9)")  # after "KBLI: "
    page.locator("[data-insert='{{ lookup.kbli }}']").click()
    page.locator("[data-insert='{{ label.hospital_kind }}']").click()
    expect(source).to_have_value("<p>KBLI: {{ lookup.kbli }}{{ label.hospital_kind }}</p>")
    snap(page, "editor")

    received = []

    def keep_the_pdf(route):
        """What the server answered the page, kept as the browser got it."""
        response = route.fetch()
        received.append(response.body())
        route.fulfill(response=response)

    page.route("**/pratinjau", keep_the_pdf)
    with page.expect_popup() as opened:
        page.click("#certificate-preview")
    tab = opened.value
    expect(page.locator("#certificate-preview-link")).to_be_visible()
    tab.wait_for_url(re.compile(r"^blob:"), wait_until="commit")  # the PDF, in its own tab
    text = pdf_text(received[-1])
    assert "KBLI: Aktivitas Rumah Sakit PemerintahRumah Sakit Umum" in text
    assert "CONTOH - TIDAK" in text
    tab.close()

    source.fill("<p>{{ data.hospital_name }</p>")
    page.click("#certificate-preview")
    error = page.locator("#certificate-preview-error")
    expect(error).to_contain_text("Templat tidak valid pada baris 1")
    expect(source).to_have_value("<p>{{ data.hospital_name }</p>")
    page.set_viewport_size({"width": 1366, "height": 900})
    snap(page, "error-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    snap(page, "error-phone")
