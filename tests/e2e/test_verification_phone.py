"""The public verification page on a phone (390 px wide): whoever scans a permit's QR code
does it with a phone, and compares the PDF they were sent from the same phone. The page, the
file chooser and the Cocokkan button stay inside the screen, before and after a comparison."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.test_wizard_phone import PHONE, fits, within_width
from tests.helpers import make_applicant, make_finished, publish_catalogue


def test_the_verification_page_and_its_file_check_fit_a_phone(app, page, snap, tmp_path):
    publish_catalogue(app)
    user, _data = make_applicant(app)
    issued = make_finished(app, user).permit
    page.set_viewport_size(PHONE)
    page.goto(f"/verifikasi/{issued.token}")
    expect(page.locator("#permit-status")).to_have_text("Berlaku")
    fits(page, "the verification page")
    within_width(page.locator("#compare-file"))
    within_width(page.locator("#compare-submit"))
    snap(page, "verification-390")

    other = Path(tmp_path) / "salinan-izin-yang-diterima-lewat-pesan.pdf"
    other.write_bytes(b"%PDF-1.4\n% not the issued document\n")
    page.set_input_files("#compare-file", str(other))
    page.click("#compare-submit")
    expect(page.locator("#compare-result")).to_have_attribute("data-match", "0")
    fits(page, "the verification page after a comparison")
    within_width(page.locator("#compare-result"))
    snap(page, "verification-compared-390")
