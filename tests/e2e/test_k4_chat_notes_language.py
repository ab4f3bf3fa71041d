"""Chat system notes in real browsers: an English visitor and an Indonesian helpdesk member
watch the same conversation, and each reads the helpdesk's joining and closing in their own
language as it happens. Screenshots at 1366 and 390 px."""

from __future__ import annotations

from playwright.sync_api import expect

from app.services.chat_desk import display_name
from tests.e2e.test_chat import DELIVERY_MS, helpdesk_takes, shoot, visitor_asks
from tests.helpers import make_staff


def note(page, text: str):
    return page.locator("#chat-log .chat-system .chat-text", has_text=text)


def test_each_side_reads_the_notes_in_its_own_language(
        app, live_server, new_page, snap, always_open):
    staff = make_staff(app, "Helpdesk")
    name = display_name(staff)
    visitor = visitor_asks(new_page, "Can I apply for a business permit online?",
                           name="Rina Visitor", english=True)
    helpdesk = helpdesk_takes(new_page, staff.email)
    expect(note(helpdesk, f"{name} bergabung dalam percakapan.")).to_be_visible()
    expect(note(visitor, "Someone from the helpdesk joined the conversation.")).to_be_visible(
        timeout=DELIVERY_MS)  # the person reads the role, the helpdesk the name
    expect(visitor.locator("#chat-log")).not_to_contain_text("bergabung")
    expect(visitor.locator("#chat-log")).not_to_contain_text(name)

    conversation_url = helpdesk.url
    helpdesk.click("#close-conversation")
    expect(note(visitor, "The conversation was closed by the helpdesk.")).to_be_visible(
        timeout=DELIVERY_MS)
    shoot(visitor, snap, "visitor-en")
    helpdesk.goto(conversation_url)  # closed: its messages stay there to read
    expect(note(helpdesk, "Percakapan ditutup oleh petugas.")).to_be_visible()
    shoot(helpdesk, snap, "helpdesk-id")
