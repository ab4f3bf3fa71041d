"""The public verification page on a phone (390 px wide): whoever scans a permit's QR code
does it with a phone, and compares the PDF they were sent from the same phone. The page, the
file chooser and the Cocokkan button stay inside the screen, before and after a comparison."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import expect

from app import storage
from tests.e2e.test_wizard_phone import PHONE, fits, within_width
from tests.helpers import make_applicant, make_finished, publish_catalogue


def test_the_verification_page_and_its_file_check_fit_a_phone(app, page, snap, tmp_path):
    publish_catalogue(app)
    user, _data = make_applicant(app)
    issued = make_finished(app, user).permit
    uploads = Path(app.config["UPLOAD_DIR"])
    if uploads.is_dir():  # the live server's own folder (on S3 both read the same bucket)
        shutil.copytree(uploads, tmp_path / "live-uploads", dirs_exist_ok=True)
    page.set_viewport_size(PHONE)
    page.goto(f"/verifikasi/{issued.token}")
    expect(page.locator("#permit-status")).to_have_text("Berlaku")
    expect(page.locator("#signature-status")).to_have_attribute("data-ok", "1")
    fits(page, "the verification page")
    within_width(page.locator("#compare-file"))
    within_width(page.locator("#compare-submit"))
    snap(page, "verification-390")

    received = tmp_path / "salinan-izin-yang-diterima-lewat-pesan-singkat.pdf"
    received.write_bytes(storage.current().read_bytes(issued.storage_key))
    page.set_input_files("#compare-file", str(received))
    page.click("#compare-submit")
    expect(page.locator("#compare-result")).to_have_attribute("data-match", "1")
    fits(page, "the verification page after a comparison")
    within_width(page.locator("#compare-result"))
    snap(page, "verification-compared-390")
