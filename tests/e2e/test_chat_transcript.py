"""Chat transcripts in real browsers: the helpdesk downloads a conversation as a PDF from the
console; the visitor, watching as the helpdesk closes it, is offered their transcript to
download without reloading; the helpdesk, watching as the visitor ends it, is no longer
offered a reply box or the close and transfer buttons. Screenshots at 1366 and 390 px."""

from __future__ import annotations

import subprocess

from playwright.sync_api import expect

from tests.e2e.test_chat import arrives, helpdesk_takes, ready, say, shoot, visitor_asks
from tests.helpers import make_staff, new_nik


def test_helpdesk_downloads_and_visitor_is_offered_the_transcript(
        app, live_server, new_page, snap, always_open):
    nik = new_nik()
    staff = make_staff(app, "Helpdesk")
    visitor = visitor_asks(new_page, f"NIK saya {nik}, apakah izin usaha bisa diurus daring?")
    helpdesk = helpdesk_takes(new_page, staff.email)
    helpdesk.fill("#chat-body", "Bisa, lewat portal ini.")
    helpdesk.click("#chat-send")
    arrives(visitor, "Bisa, lewat portal ini.")
    expect(helpdesk.locator("#download-transcript")).to_be_visible()
    shoot(helpdesk, snap, "helpdesk-open")

    with helpdesk.expect_download() as download:
        helpdesk.click("#download-transcript")
    text = subprocess.run(["pdftotext", download.value.path(), "-"], capture_output=True,
                          check=True).stdout.decode()
    assert "Bisa, lewat portal ini." in text and nik not in text.replace(" ", "")

    conversation_url = helpdesk.url
    helpdesk.click("#close-conversation")
    expect(visitor.locator("#download-transcript")).to_be_visible(timeout=3000)
    # without a reload: no "end conversation" on a closed chat, a new one offered instead
    expect(visitor.locator("#chat-close")).to_be_hidden()
    expect(visitor.locator("#chat-new")).to_be_visible()
    shoot(visitor, snap, "visitor-closed")
    with visitor.expect_download() as mine:
        visitor.click("#download-transcript")
    text = subprocess.run(["pdftotext", mine.value.path(), "-"], capture_output=True,
                          check=True).stdout.decode()
    assert "apakah izin usaha bisa diurus daring?" in text and nik not in text.replace(" ", "")
    helpdesk.goto(conversation_url)  # closed: the transcript is still there to download
    expect(helpdesk.locator("#download-transcript")).to_be_visible()
    shoot(helpdesk, snap, "helpdesk-closed")
    visitor.reload()  # and so it stays after a reload
    expect(visitor.locator("#chat-close")).to_be_hidden()
    visitor.click("#chat-new")
    expect(visitor.locator("#chat-visitor-start")).to_be_visible()


def test_an_applicant_downloads_their_closed_conversation(app, live_server, new_page, snap,
                                                          always_open):
    from tests.e2e.test_account_journeys import log_in
    from tests.helpers import make_applicant

    _user, data = make_applicant(app)
    applicant = new_page()
    log_in(applicant, data["email"])
    applicant.goto("/chat")
    applicant.click("#chat-start")
    ready(applicant)
    say(applicant, "Bagaimana cara mengunggah KTP?")
    applicant.click("#chat-close")
    expect(applicant.locator("#chat-history a[id^=transcript-]")).to_be_visible()
    shoot(applicant, snap, "applicant-history")
    applicant.locator("#chat-history a").first.click()
    expect(applicant.locator("#download-transcript")).to_be_visible()
    shoot(applicant, snap, "applicant-closed")
    with applicant.expect_download() as download:
        applicant.click("#download-transcript")
    text = subprocess.run(["pdftotext", download.value.path(), "-"], capture_output=True,
                          check=True).stdout.decode()
    assert "Bagaimana cara mengunggah KTP?" in text


def test_the_helpdesk_page_stops_offering_replies_when_the_visitor_ends_the_chat(
        app, live_server, new_page, snap, always_open):
    staff = make_staff(app, "Helpdesk")
    visitor = visitor_asks(new_page, "Apakah izin usaha bisa diurus daring?")
    helpdesk = helpdesk_takes(new_page, staff.email)
    for control in ("#chat-body", "#close-conversation"):
        expect(helpdesk.locator(control)).to_be_visible()
    helpdesk.evaluate("window.notReloaded = true")

    mine = helpdesk.locator("#my-conversations a.active")
    expect(mine).to_be_visible()  # the one I handle, in "Percakapan saya"
    visitor.click("#chat-close")
    expect(helpdesk.locator("#chat-closed")).to_be_visible(timeout=3000)
    expect(mine).to_be_hidden()  # no longer one I handle, without a reload
    expect(helpdesk.locator("#mine-empty")).to_be_visible()
    for control in ("#chat-form", "#chat-body", "#close-conversation", "#conversation-actions",
                    "#conversation-status"):
        expect(helpdesk.locator(control)).to_be_hidden()
    expect(helpdesk.locator("#chat-closed")).to_contain_text("tidak tersedia lagi")
    expect(helpdesk.locator("#conversation-status-closed")).to_have_text("Selesai")
    expect(helpdesk.locator("#download-transcript")).to_be_visible()  # still to keep
    assert helpdesk.evaluate("window.notReloaded") is True
    shoot(helpdesk, snap, "helpdesk-closed-by-visitor")
