"""File Saya in a real browser: upload through the dialog while the progress bar follows the
bytes, the browser's and the server's refusals, opening a file in a new tab and deleting one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.test_account_journeys import log_in, scripts_ready
from tests.helpers import make_applicant

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 256


def a_pdf(size: int) -> bytes:
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    return head + bytes(i % 251 for i in range(size - len(head)))


def an_empty_file_list(page: Page, nik: str) -> None:
    log_in(page, nik)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.click("nav.sidebar >> text=File Saya")
    expect(page).to_have_url(re.compile(r"/file-saya$"))
    expect(page.locator("#files-empty")).to_contain_text("Belum ada file")


def browser_refuses_a_wrong_extension(page: Page) -> Locator:
    """At once, without sending anything; returns the upload dialog. The button opens the
    dialog once Bootstrap's script has run (before that it is a link to the upload page)."""
    scripts_ready(page)
    page.click("#upload-open")
    dialog = page.locator("#upload-modal")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#upload-rules")).to_contain_text("PDF, JPG, PNG, GIF, DWG")
    page.set_input_files("#upload-file", files=[{"name": "program.exe",
                                                 "mimeType": "application/octet-stream",
                                                 "buffer": b"MZ" + b"\x00" * 64}])
    expect(dialog.locator("#upload-error")).to_have_text(
        "Format berkas .exe tidak diterima. Gunakan: PDF, JPG, PNG, GIF, DWG, KMZ, XLSX.")
    return dialog


def server_refuses_a_png_named_pdf(page: Page, dialog: Locator, snap) -> None:
    """Checked by content; the dialog says why."""
    page.set_input_files("#upload-file", files=[{"name": "palsu.pdf",
                                                 "mimeType": "application/pdf",
                                                 "buffer": PNG}])
    page.fill("#upload-name", "Palsu")
    page.click("#upload-submit")
    expect(dialog.locator("#upload-error")).to_contain_text("Isi berkas bukan PDF yang sah")
    expect(dialog.locator("#upload-progress")).to_be_hidden()
    snap(page, "rejected-by-content")


def upload_with_the_progress_bar_moving(page: Page, dialog: Locator, snap) -> None:
    """A real upload, slowed to ~2 MB/s so the progress bar can be watched moving."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1,
        "uploadThroughput": 2 * 1024 * 1024})
    page.evaluate("""() => {
        window.progressSeen = [];
        const bar = document.querySelector('#upload-progress');
        new MutationObserver(() => window.progressSeen.push(
            Number(bar.getAttribute('aria-valuenow')))).observe(
            bar, {attributes: true, attributeFilter: ['aria-valuenow']});
    }""")
    page.fill("#upload-name", "KTP Pemohon")
    page.set_input_files("#upload-file", files=[{"name": "ktp.pdf", "mimeType": "application/pdf",
                                                 "buffer": a_pdf(5 * 1024 * 1024)}])
    expect(dialog.locator("#upload-error")).to_have_text("")
    page.click("#upload-submit")
    expect(dialog.locator("#upload-progress")).to_be_visible()
    expect(dialog.locator("#upload-submit")).to_be_disabled()
    page.wait_for_function("() => Number(document.querySelector('#upload-progress')"
                           ".getAttribute('aria-valuenow')) >= 20")
    snap(page, "uploading")
    expect(dialog.locator("#upload-status")).to_have_text("Upload berhasil: KTP Pemohon (5 MB)")
    seen = page.evaluate("window.progressSeen")
    assert any(0 < value < 100 for value in seen), seen
    assert seen[-1] == 100, seen
    expect(dialog.locator(".progress-bar")).to_have_text("100%")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def the_list_shows_the_new_file(page: Page, snap) -> Locator:
    """The dialog closes itself; returns the new file's row."""
    expect(page).to_have_url(re.compile(r"/file-saya\?baru="))
    expect(page.locator("#upload-done")).to_have_text(re.compile("Upload berhasil: KTP Pemohon"))
    row = page.locator("#files-table tbody tr", has_text="KTP Pemohon")
    expect(row).to_have_class(re.compile("table-success"))
    expect(row).to_contain_text("Dokumen PDF")
    expect(row).to_contain_text("5 MB")
    expect(page.locator("[data-page-label]")).to_have_text("Hal 1 dari 1")
    snap(page, "uploaded")
    return row


def open_shows_it_inline_in_a_new_tab(page: Page, row: Locator, live_server) -> str:
    """Buka; returns the file's address."""
    href = row.locator("[data-action=open]").get_attribute("href")
    with page.context.expect_page() as new_tab:
        row.locator("[data-action=open]").click()
    tab = new_tab.value
    tab.wait_for_load_state()
    assert tab.url == live_server.url + href
    opened = page.request.get(href)
    assert opened.headers["content-type"] == "application/pdf"
    assert opened.headers["content-disposition"] == 'inline; filename="KTP Pemohon.pdf"'
    assert opened.body() == a_pdf(5 * 1024 * 1024)
    tab.close()
    return href


def delete_asks_first_then_deletes(page: Page, row: Locator, href: str, snap) -> None:
    """Hapus names the file and waits for a yes; Batal keeps it."""
    row.locator("[data-action=delete]").click()
    confirm = page.locator("#delete-modal")
    expect(confirm).to_be_visible()
    expect(confirm.locator("[data-delete-name]")).to_have_text("KTP Pemohon")
    page.wait_for_function("() => getComputedStyle(document.querySelector('#delete-modal'))"
                           ".opacity === '1'")
    snap(page, "confirm-delete")
    confirm.locator("text=Batal").click()
    expect(confirm).to_be_hidden()
    expect(row).to_be_visible()
    row.locator("[data-action=delete]").click()
    page.click("#delete-confirm")
    expect(page.locator(".alert-success")).to_contain_text("Berkas KTP Pemohon dihapus.")
    expect(page.locator("#files-empty")).to_contain_text("Belum ada file")
    assert page.request.get(href).status == 404


@pytest.mark.pdf_viewer  # the PDF opens in the browser's viewer, in a new tab
def test_upload_open_and_delete_a_file(app, page, live_server, snap):
    _user, data = make_applicant(app)
    an_empty_file_list(page, data["nik"])
    dialog = browser_refuses_a_wrong_extension(page)
    server_refuses_a_png_named_pdf(page, dialog, snap)
    upload_with_the_progress_bar_moving(page, dialog, snap)
    row = the_list_shows_the_new_file(page, snap)
    href = open_shows_it_inline_in_a_new_tab(page, row, live_server)
    delete_asks_first_then_deletes(page, row, href, snap)


def test_the_browsers_checks_speak_the_readers_language(app, page, live_server, snap):
    """The upload check and the password meter on English pages: their texts come from the
    server (app/script_texts.py); they were Indonesian whatever the page's language."""
    _user, data = make_applicant(app)
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/bahasa/en")
    page.goto("/file-saya/unggah")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.set_input_files("#upload-file", files=[{"name": "program.exe",
                                                 "mimeType": "application/octet-stream",
                                                 "buffer": b"MZ" + b"\x00" * 64}])
    expect(page.locator("#upload-error")).to_have_text(
        "Files of type .exe are not accepted. Use: PDF, JPG, PNG, GIF, DWG, KMZ, XLSX.")
    snap(page, "english-upload-refused")
    page.goto("/akun/password")
    page.fill("#new_password", "pendek1")
    meter = page.locator('[data-strength-for="new_password"]')
    expect(meter.locator(".pw-label")).to_have_text("Password strength: Very weak")
    page.fill("#new_password", "sebelas-hrf")
    expect(meter.locator(".pw-label")).to_have_text("Password strength: Weak")
    expect(meter.locator(".pw-problems")).to_have_text(
        "Use at least 12 characters for the password")
    snap(page, "english-password-meter")
    page.fill("#new_password", "enam-belas-huruf")
    expect(meter.locator(".pw-label")).to_have_text("Password strength: Strong")
