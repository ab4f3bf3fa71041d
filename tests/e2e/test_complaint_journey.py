"""Pengaduan in a real browser: an applicant files a complaint about their application (the
"Kirim Aduan" dialog, an attachment), the helpdesk takes it from the console's queue, writes
an internal note and a reply, then closes it; the applicant reads the reply, sees each step in
the Inbox and in the real SMTP mailbox, and rates the answer. Screenshots at 1366 and 390 px."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.answer_factory import SAMPLE_BYTES
from tests.complaint_helpers import seed_categories
from tests.e2e.test_account_journeys import log_in, staff_signs_in, type_captcha
from tests.e2e.test_portal_journeys import scripts_ready
from tests.helpers import make_applicant, make_staff, make_submitted, publish_catalogue

WIDE, NARROW = {"width": 1366, "height": 900}, {"width": 390, "height": 844}


def shots(page: Page, snap, step: str) -> None:
    for name, size in (("1366", WIDE), ("390", NARROW)):
        page.set_viewport_size(size)
        snap(page, f"{step}-{name}")
    page.set_viewport_size(WIDE)


def mail_subjects(live_server, mailbox, email: str) -> list[str]:
    live_server.deliver()
    return [m["Subject"] for m in mailbox.to(email) if "engaduan" in m["Subject"]]


def inbox_subjects(page: Page) -> list[str]:
    page.goto("/inbox")
    return [s.strip() for s in page.locator(".message-subject").all_inner_texts()]


def applicant_files(applicant: Page, application, proof, snap) -> str:
    """Pengaduan Saya, "Kirim Aduan" (a dialog), the form, then the new complaint's page."""
    applicant.goto("/pengaduan")
    expect(applicant.locator("#complaint-empty")).to_contain_text("Belum ada pengaduan")
    applicant.wait_for_load_state("load")  # the dialog opens by Bootstrap's script
    applicant.click("#open-complaint")
    dialog = applicant.locator("#complaint-modal")
    expect(dialog).to_be_visible()
    dialog.locator("select[name=resi]").select_option(application.resi)
    dialog.locator("select[name=category]").select_option("proses")
    dialog.locator("textarea[name=body]").fill("Permohonan saya belum diverifikasi, mohon dicek.")
    dialog.locator("input[name=attachment]").set_input_files(str(proof))
    shots(applicant, snap, "form")
    dialog.locator("#complaint-submit").click()
    expect(applicant).to_have_url(re.compile(r"/pengaduan/ADU-[A-Z0-9-]+$"))
    expect(applicant.locator("#complaint-status")).to_have_text("Baru")
    expect(applicant.locator("#complaint-attachments")).to_contain_text("bukti.pdf")
    return applicant.locator("#complaint-ticket").inner_text().strip()


def desk_takes_notes_and_replies(desk: Page, ticket: str, snap) -> None:
    """From the console home's card to the queue row, then assign, note and reply."""
    expect(desk.locator("#home-complaint-counts")).to_contain_text("1 belum ditugaskan")
    desk.click("#home-pengaduan")
    row = desk.locator(f"tr[data-ticket='{ticket}']")
    expect(row).to_be_visible()
    shots(desk, snap, "queue")
    row.locator("a").first.click()
    desk.click("#assign-submit")
    expect(desk.locator("#complaint-assignee")).to_contain_text("Helpdesk")
    expect(desk.locator("#complaint-status")).to_have_text("Diproses")
    desk.fill("#note-text", "Cek dengan verifikator dulu.")
    desk.click("#note-submit")
    desk.fill("#reply-text", "Berkas Anda sedang diverifikasi hari ini.")
    desk.select_option("#reply-status", "diproses")
    desk.click("#reply-submit")
    expect(desk.locator("#complaint-thread [data-kind=reply]")).to_contain_text("hari ini")
    shots(desk, snap, "detail")


def test_complaint_from_applicant_to_reply_to_closed(app, live_server, mailbox, new_page,
                                                      snap, tmp_path):
    seed_categories(app)
    publish_catalogue(app)
    user, data = make_applicant(app)
    application = make_submitted(app, user)
    make_staff(app, "Helpdesk", email="hana@contoh.id")
    proof = tmp_path / "bukti.pdf"
    proof.write_bytes(SAMPLE_BYTES["pdf"])
    applicant = new_page()
    log_in(applicant, data["nik"])
    expect(applicant).to_have_url(re.compile(r"/dashboard$"))
    ticket = applicant_files(applicant, application, proof, snap)
    assert mail_subjects(live_server, mailbox, user.email) == ["Pengaduan diterima"]
    assert inbox_subjects(applicant)[0] == "Pengaduan diterima"

    desk = new_page()
    staff_signs_in(desk, "hana@contoh.id")
    desk_takes_notes_and_replies(desk, ticket, snap)
    assert mail_subjects(live_server, mailbox, user.email) == [
        "Pengaduan diterima", "Balasan pengaduan"]
    applicant.goto(f"/pengaduan/{ticket}")
    expect(applicant.locator("#complaint-thread")).to_contain_text("sedang diverifikasi")
    expect(applicant.locator("#complaint-thread")).not_to_contain_text("verifikator dulu")
    assert inbox_subjects(applicant)[0] == "Balasan pengaduan"

    desk.click("#close-submit")
    expect(desk.locator("#complaint-status")).to_have_text("Selesai")
    assert mail_subjects(live_server, mailbox, user.email) == [
        "Pengaduan diterima", "Balasan pengaduan", "Pengaduan selesai"]
    assert inbox_subjects(applicant)[0] == "Pengaduan selesai"
    applicant.goto(f"/pengaduan/{ticket}")
    expect(applicant.locator("#complaint-status")).to_have_text("Selesai")
    expect(applicant.locator("#reopen-form")).to_be_visible()
    applicant.check("#rate-form input[name=rating][value='4']")
    applicant.click("#rate-submit")
    expect(applicant.locator("#complaint-rating")).to_contain_text("4/5")
    shots(applicant, snap, "closed")
    applicant.goto("/pengaduan")
    expect(applicant.locator(f"tr[data-ticket='{ticket}']")).to_contain_text("Selesai")
    shots(applicant, snap, "list")


def test_a_visitor_files_and_tracks_and_the_desk_reads_the_report(app, live_server, mailbox,
                                                                   new_page, snap):
    seed_categories(app)
    make_staff(app, "Helpdesk", email="hana@contoh.id")
    visitor = new_page()
    visitor.goto("/")
    scripts_ready(visitor)
    visitor.click("#nav-help")  # Bantuan > Pengaduan
    visitor.click("#nav-pengaduan")
    expect(visitor).to_have_url(re.compile(r"/pengaduan/baru$"))
    visitor.fill("#name", "Budi Tamu")
    visitor.fill("#email", "budi@contoh.id")
    visitor.select_option("select[name=category]", "teknis")
    visitor.fill("textarea[name=body]", "Halaman unggah berkas tidak bisa dibuka sejak pagi.")
    type_captcha(visitor)
    shots(visitor, snap, "visitor-form")
    visitor.click("#complaint-submit")
    expect(visitor).to_have_url(re.compile(r"/pengaduan/tiket/ADU-[A-Z0-9-]+$"))
    ticket = visitor.locator("#complaint-ticket").inner_text().strip()
    assert "budi" not in visitor.url
    # an address typed by a visitor gets only a code until the visitor types it here
    assert mail_subjects(live_server, mailbox, "budi@contoh.id") == [
        "Kode Verifikasi Email Pengaduan E-PTSP"]
    shots(visitor, snap, "visitor-verify")
    visitor.fill("#code", mailbox.last_code("budi@contoh.id"))
    visitor.click("#verify-submit")
    expect(visitor.locator("#verify-form")).to_have_count(0)
    assert mail_subjects(live_server, mailbox, "budi@contoh.id")[1:] == ["Pengaduan diterima"]

    other = new_page()  # another browser: the ticket alone is not enough
    other.goto(f"/pengaduan/tiket/{ticket}")
    expect(other.locator("h1")).not_to_contain_text("Pengaduan")
    other.goto("/pengaduan/lacak")
    other.fill("#ticket", ticket.lower())
    other.fill("#contact", "budi@contoh.id")
    type_captcha(other)
    shots(other, snap, "visitor-track")
    other.click("#track-submit")
    expect(other.locator("#complaint-ticket")).to_have_text(ticket)

    desk = new_page()
    staff_signs_in(desk, "hana@contoh.id")
    desk.goto("/admin/laporan-pengaduan/")
    expect(desk.locator("#report-total")).to_have_text("1")
    expect(desk.locator("#report-category")).to_contain_text("Teknis Aplikasi")
    shots(desk, snap, "report")
    desk.goto("/admin/kategori-pengaduan/")
    expect(desk.locator("body")).to_contain_text("Proses Perizinan")
    shots(desk, snap, "categories")
