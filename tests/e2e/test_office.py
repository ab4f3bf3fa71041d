"""Running the office in a real browser: the head of office reads a month's report for one
Dinas and downloads it (Excel and PDF, read back); a Super Admin makes a Tim Teknis account
for a Dinas that then sees exactly that Dinas' queue; deactivating an account ends its
open session at once. Screenshots at 1366 and 390 px of Laporan and the account screens."""

from __future__ import annotations

import re
import subprocess

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from app.services import calendar, review
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import (
    all_documents_valid,
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
)
from tests.report_helpers import ADVISED, DIRECT, mixed_applications, office_staff

WIDTHS = (1366, 390)
INDONESIAN_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                     "September", "Oktober", "November", "Desember")


def shots(page: Page, snap, step: str) -> None:
    """The page at the desktop and phone widths (full page), then back to the desktop."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        # charts redraw on the next animation frame after a resize
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                      "requestAnimationFrame(r)))")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), \
            f"{step} scrolls sideways at {width} px"
        snap(page, f"{step}-{width}")
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def test_the_head_of_office_reads_a_month_for_one_dinas_and_downloads_it(
        app, live_server, new_page, snap, tmp_path):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        expected = mixed_applications(served, office_staff(served), DIRECT)  # DKP's permit
        person, _ = make_applicant(served)
        make_submitted(served, person, ADVISED)  # another Dinas: not in DKP's numbers
        email = make_staff(served, "Pimpinan", email="kepala.kantor@contoh.id").email
        today = calendar.today()
        month, year = INDONESIAN_MONTHS[today.month - 1], str(today.year)
    page = new_page()
    staff_signs_in(page, email)
    page.locator("#admin-menu").get_by_role("link", name="Laporan", exact=True).click()
    page.wait_for_selector("body[data-report-ready]")
    page.select_option("#f-periode", "bulan")
    page.get_by_label("Bulan", exact=True).select_option(label=month)
    page.get_by_label("Tahun", exact=True).fill(year)
    page.select_option("#f-instansi", "DKP")
    page.click("#apply-report")
    expect(page).to_have_url(re.compile(
        rf"periode=bulan&bulan={today.month}&tahun={year}.*instansi=DKP"))
    expect(page.locator("#report-scope")).to_contain_text(f"{month} {year}")
    page.wait_for_selector("body[data-report-ready]")
    for column, value in expected.items():
        expect(page.locator(f"#kpi-{column}")).to_have_attribute("data-value", str(value))
    expect(page.locator("#kpi-sla")).to_contain_text("100")
    expect(page.locator("#table-permits tr[data-key='SIUP-PERIKANAN'] [data-col=received]")) \
        .to_have_text("7")
    expect(page.locator("#table-permits tr[data-key]")).to_have_count(1)
    for chart in ("trend", "status", "permits", "sla"):
        expect(page.locator(f"#chart-{chart}")).to_have_attribute("data-drawn", "1")
    shots(page, snap, "laporan")

    with page.expect_download() as download:
        page.click("#report-xlsx")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    sheet = load_workbook(path)["Ringkasan"]
    figures = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert (figures["Diterima"], figures["Dalam Proses"], figures["Selesai"],
            figures["Ditolak"], figures["Dibatalkan"]) == (7, 3, 2, 1, 1)
    assert any("Dinas Kelautan dan Perikanan" in str(r[0])
               for r in sheet.iter_rows(values_only=True) if r and r[0])

    with page.expect_download() as download:
        page.click("#report-pdf")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "REKAPITULASI PERMOHONAN IZIN" in text and "Dinas Kelautan dan Perikanan" in text
    line = next(t for t in text.splitlines() if t.strip().startswith("Surat Izin Usaha"))
    assert line.split()[-8:-2] == ["7", "3", "2", "1", "1", "0"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # page 1 as an image, to look at
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(path),
                    str(ARTIFACTS / "laporan-rekap-pdf")], check=True)


# for every report card: how far below the card's last content (its header, table, chart or
# "no data" note) the bottom of its row of cards is: the empty area a reader sees beside or
# under it
EMPTY_BELOW_CONTENT = """() => [...document.querySelectorAll('[id^=card-]')].map(card => {
    const parts = card.querySelectorAll('.card-header, table, .chart-box, .chart-empty');
    const content = Math.max(...[...parts].map(p => p.getBoundingClientRect().bottom));
    const row = card.closest('.row').getBoundingClientRect();
    const box = card.getBoundingClientRect();
    return {id: card.id, empty: Math.round(row.bottom - content),
            width: Math.round(box.width), row: Math.round(row.width)};
})"""


def reading_the_report(live_server, new_page, email: str):
    """The head of office on Laporan, over a month of applications finished every way (and
    one advised by a second Dinas), with the page's charts and tables drawn."""
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        mixed_applications(served, office_staff(served), DIRECT)
        person, _ = make_applicant(served)
        make_submitted(served, person, ADVISED)
        make_staff(served, "Pimpinan", email=email)
    page = new_page()
    staff_signs_in(page, email)
    page.goto("/admin/laporan/")
    page.wait_for_selector("body[data-report-ready]")
    return page


def test_the_report_leaves_no_empty_area_beside_its_cards(app, live_server, new_page, snap):
    """Laporan at 1366 px: no card stands beside a taller one with a white area under its
    table or chart; at 390 px every card takes the whole width, one under the other."""
    page = reading_the_report(live_server, new_page, "kepala.laporan@contoh.id")
    for chart in ("trend", "status", "permits", "sla"):
        expect(page.locator(f"#chart-{chart}")).to_have_attribute("data-drawn", "1")
    shots(page, snap, "laporan-tata-letak")
    cards = page.evaluate(EMPTY_BELOW_CONTENT)
    assert len(cards) >= 10, cards
    empty = [card for card in cards if card["empty"] > 40]
    assert not empty, empty
    page.set_viewport_size({"width": 390, "height": 900})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    narrow = [card for card in page.evaluate(EMPTY_BELOW_CONTENT)
              if card["width"] < card["row"] - 32]
    assert not narrow, narrow


def retype(page: Page, field, text: str) -> None:
    """Select what the field holds and type over it, key by key, as a person does."""
    field.click()
    field.press("Control+a")
    page.keyboard.type(text)


def test_the_reports_days_read_and_are_typed_day_first(app, live_server, new_page, snap):
    """Laporan's Hari and Rentang fields read day/month/year (placeholder hh/bb/tttt) on the
    Indonesian page whatever the browser's language (as the portal's date fields do), accept
    the day typed with dashes, dots or nothing between, and the server still gets ISO dates:
    an old link or export with tanggal=2026-07-12 still opens that day."""
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        email = make_staff(served, "Pimpinan", email="kepala.tanggal@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.goto("/admin/laporan/?periode=hari&tanggal=2026-07-12")
    page.wait_for_selector("body[data-report-ready]")
    day, scope = page.get_by_label("Tanggal", exact=True), page.locator("#report-scope")
    expect(day).to_have_value("12/07/2026")
    expect(day).to_have_attribute("placeholder", "hh/bb/tttt")
    expect(scope).to_contain_text("12 Juli 2026")
    retype(page, day, "13-07-2026")
    expect(day).to_have_value("13/07/2026")
    page.click("#apply-report")
    expect(page).to_have_url(re.compile(r"periode=hari&tanggal=2026-07-13(&|$)"))
    expect(scope).to_contain_text("13 Juli 2026")

    page.wait_for_selector("body[data-report-ready]")
    page.select_option("#f-periode", "rentang")
    start, end = page.get_by_label("Dari", exact=True), page.get_by_label("Sampai", exact=True)
    expect(start).to_have_value("13/07/2026")
    retype(page, start, "01.06.2026")
    retype(page, end, "31072026")
    expect(end).to_have_value("31/07/2026")
    page.click("#apply-report")
    expect(page).to_have_url(re.compile(r"periode=rentang&dari=2026-06-01&sampai=2026-07-31"))
    expect(scope).to_contain_text("1 Juni 2026 – 31 Juli 2026")
    expect(start).to_have_value("01/06/2026")
    page.wait_for_selector("body[data-report-ready]")
    shots(page, snap, "laporan-rentang")


def test_a_super_admin_makes_a_dinas_account_that_sees_exactly_its_dinas_queue(
        app, live_server, new_page, snap):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        office = office_staff(served)
        person, _ = make_applicant(served)
        ours = make_submitted(served, person, ADVISED)  # DINKES advises
        theirs = make_submitted(served, person, "SIPI")  # DKP advises
        for application in (ours, theirs):
            review.act(application, office.verifier, "lanjut",
                       verdicts=all_documents_valid(application))
        uids = ours.uid, theirs.uid
        admin_email = make_staff(served, "Super Admin", email="super.office@contoh.id").email
    admin = new_page()
    staff_signs_in(admin, admin_email)
    admin.locator("#admin-menu [data-menu-category='Pengguna']").click()
    admin.locator("#admin-menu").get_by_role("link", name="Staf", exact=True).click()
    expect(admin).to_have_url(re.compile(r"/admin/pengguna/$"))
    shots(admin, snap, "staf")
    admin.click("#new-staff")
    admin.fill("#name", "Dina Dinkes")
    admin.fill("#email", "dina.dinkes@contoh.id")
    admin.get_by_label("Tim Teknis").check()
    admin.select_option("#agency", "DINKES")
    shots(admin, snap, "staf-baru")
    admin.click("#save-staff")
    password = admin.locator("#once-password").inner_text().strip()
    assert len(password) >= 12

    dina = new_page()
    staff_signs_in(dina, "dina.dinkes@contoh.id", password, lands_on=r"/staff/password$")
    expect(dina.locator("#password-required")).to_be_visible()
    dina.fill("#password", "Sate-Maranggi-42")
    dina.fill("#password_confirm", "Sate-Maranggi-42")
    dina.click("#password-submit")
    expect(dina).to_have_url(re.compile(r"/admin/$"))
    expect(dina.locator("#staff-agency")).to_have_text("DINKES")
    dina.locator("#admin-menu").get_by_role("link", name="Antrian Saya").click()
    expect(dina.locator("tr[data-uid]")).to_have_count(1)
    expect(dina.locator(f"tr[data-uid='{uids[0]}']")).to_be_visible()
    expect(dina.locator(f"tr[data-uid='{uids[1]}']")).to_have_count(0)

    admin.click("#to-account")
    expect(admin.locator("#account-totp")).to_contain_text("Aktif sejak")
    shots(admin, snap, "akun")


def test_deactivating_an_account_ends_its_open_session_at_once(app, live_server, new_page):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        victim = make_staff(served, "Verifikator", email="veri.pergi@contoh.id")
        victim_id = victim.id
        admin_email = make_staff(served, "Super Admin", email="super.pergi@contoh.id").email
    worker = new_page()
    staff_signs_in(worker, "veri.pergi@contoh.id")
    worker.goto("/admin/antrian/")
    expect(worker.locator("#grid-title")).to_have_text("Antrian Saya")

    admin = new_page()
    staff_signs_in(admin, admin_email)
    admin.goto(f"/admin/pengguna/{victim_id}")
    admin.wait_for_load_state("load")  # confirm-submit.js guards forms from <head> on
    expect(admin.locator("#account-sessions")).to_have_text("1")
    admin.fill("#deactivate-reason", "Mutasi ke instansi lain")
    admin.once("dialog", lambda dialog: dialog.accept())
    admin.click("#deactivate")
    expect(admin.locator(".alert-success")).to_contain_text("dinonaktifkan")
    expect(admin.locator("#account-sessions")).to_have_text("0")

    worker.reload()
    expect(worker).to_have_url(re.compile(r"/staff/login"))
