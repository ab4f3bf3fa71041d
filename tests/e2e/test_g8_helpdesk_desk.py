"""Two helpdesk members in two browsers on one complaint and one chat: the one whose page is
out of date is told who acted and keeps the reply they typed; the chat list says how long a
visitor has waited and where closed chats are. Screenshots at 1366 px."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.complaint_helpers import file_visitor, seed_categories
from tests.e2e.test_account_journeys import staff_signs_in, type_captcha
from tests.helpers import make_staff


def _desk(app, new_page, email: str, name: str):
    from app.extensions import db

    user = make_staff(app, "Helpdesk", email=email)
    user.first_name, user.last_name = name, ""
    db.session.commit()
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    staff_signs_in(page, email)
    return page


def test_a_colleagues_reply_stops_mine_and_keeps_my_text(app, live_server, new_page, snap):
    seed_categories(app)
    complaint = file_visitor(app)
    hana = _desk(app, new_page, "hana@contoh.id", "Hana")
    rudi = _desk(app, new_page, "rudi@contoh.id", "Rudi")
    for page in (hana, rudi):
        page.goto(f"/admin/pengaduan/{complaint.ticket}")
    hana.fill("#reply-text", "Sudah kami perbaiki, silakan coba lagi.")
    hana.click("#reply-submit")
    expect(hana.locator("#complaint-thread [data-kind=reply]")).to_contain_text("perbaiki")

    rudi.fill("#reply-text", "Mohon kirim tangkapan layar galatnya.")
    rudi.click("#reply-submit")
    expect(rudi.locator(".alert-danger")).to_contain_text("baru saja diubah oleh Hana (Dibalas)")
    expect(rudi.locator("#complaint-thread [data-kind=reply]")).to_contain_text("perbaiki")
    expect(rudi.locator("#reply-text")).to_have_value("Mohon kirim tangkapan layar galatnya.")
    snap(rudi, "stale-reply")
    rudi.click("#reply-submit")  # having read Hana's answer, Rudi sends his on purpose
    expect(rudi.locator("#complaint-thread [data-kind=reply]")).to_have_count(2)


def test_two_desks_take_one_waiting_chat(app, live_server, new_page, snap):
    from app.services import chat_hours

    chat_hours.seed_defaults()
    visitor = new_page()
    visitor.goto("/bantuan/chat")
    visitor.fill("#name", "Budi Tamu")
    visitor.fill("#contact", "budi@contoh.id")
    type_captcha(visitor)
    visitor.click("#chat-visitor-start")
    expect(visitor.locator("#chat-panel[data-ready='1']")).to_be_attached()
    hana = _desk(app, new_page, "hana@contoh.id", "Hana")
    rudi = _desk(app, new_page, "rudi@contoh.id", "Rudi")
    for page in (hana, rudi):
        page.goto("/admin/chat/")
        expect(page.locator("#chat-waiting [id^=waited-]")).to_contain_text("baru masuk")
    hana.locator("#chat-waiting button[id^=take-]").click()
    expect(hana.locator("#conversation-assignee")).to_contain_text("Hana")
    rudi.locator("#chat-waiting button[id^=take-]").click()
    expect(rudi.locator(".alert-danger")).to_contain_text("baru saja diambil oleh Hana")
    expect(rudi.locator("#conversation-assignee")).to_contain_text("Hana")
    snap(rudi, "taken-by-colleague")
    hana.click("#close-conversation")
    rudi.goto("/admin/chat/?cari=budi@contoh")
    expect(rudi.locator("#chat-closed")).to_contain_text("Budi Tamu")
    snap(rudi, "closed-list")
