"""A helpdesk conversation as a document to keep: the helpdesk downloads it as a PDF (open or
closed, every download in the audit log), and the person downloads their own closed
conversation: an applicant by their account, a visitor from the browser that holds the chat.
Nothing is e-mailed: a visitor's contact address is not verified, and the office would send
text a stranger typed to whatever address they named.

Transcripts are made on demand from the stored messages and never stored themselves, so the
retention rule for visitor chats (RETENTION_VISITOR_CHAT_DAYS) removes them with the chat.
A transcript leaves the system (a file on a desk or in a mailbox), so every NIK or
NPWP typed into the chat is masked by the one masker, as the helpdesk already reads it; the
person's own copy too (privacy by default: they keep the original in their own hands).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from ..documents.dates import tanggal, tanggal_waktu
from ..documents.render import render_pdf, render_pdf_template
from ..extensions import db
from ..i18n import N_
from ..models import ChatConversation, ChatMessage
from ..models.chat import APPLICANT, CLOSED, STAFF, SYSTEM
from ..privacy.masking import scrub
from ..templating import local_time
from . import audit, calendar, chat, chat_notes, portal_content
from .chat import ChatError
from .chat_desk import display_name

TEMPLATE = "chat_transcript.html"
MSG_NOT_CLOSED = N_("Transkrip tersedia setelah percakapan ditutup.")


@dataclass(frozen=True)
class Line:
    """One message or system event as printed: day, time, who, what."""

    day: str
    time: str
    author: str
    text: str
    attachment: str | None
    event: bool


@dataclass(frozen=True)
class Transcript:
    reference: str
    office_name: str
    person: str
    person_kind: str
    staff: list[str]
    started: str
    ended: str
    lines: list[Line]
    printed_at: str

    @property
    def filename(self) -> str:
        return f"transkrip-{self.reference.lower()}.pdf"


def reference(conversation: ChatConversation) -> str:
    """The conversation's reference as the helpdesk and the person quote it."""
    return f"CHAT-{conversation.id:06d}"


def _all_messages(conversation: ChatConversation) -> list[ChatMessage]:
    found, after = [], 0
    while True:
        page = chat.messages_after(conversation, after)
        found.extend(page)
        if len(page) < chat.PAGE:
            return found
        after = page[-1].id


def _when(moment: datetime | None) -> str:
    return tanggal_waktu(local_time(moment)) if moment else "-"


def _person(conversation: ChatConversation) -> tuple[str, str]:
    if conversation.user_id:
        return scrub(display_name(conversation.user)), "Pemohon"
    return scrub(conversation.visitor_name or "-"), "Pengunjung"


def _author(message: ChatMessage, person: str, staff_view: bool) -> str:
    """Names as each reader's chat page shows them: the helpdesk sees its members by name,
    the person sees "Petugas"."""
    if message.sender == APPLICANT:
        return person
    if message.sender == STAFF:
        return display_name(message.author) if staff_view and message.author else "Petugas"
    return "Sistem"


def build(conversation: ChatConversation, *, staff_view: bool) -> Transcript:
    person, kind = _person(conversation)
    lines, staff = [], []
    for message in _all_messages(conversation):
        moment = local_time(message.created_at)
        author = _author(message, person, staff_view)
        if message.sender == STAFF and author not in staff:
            staff.append(author)
        lines.append(Line(day=tanggal(moment.date()), time=f"{moment:%H.%M}", author=author,
                          text=scrub(chat_notes.text(message, "id")),
                          attachment=message.attachment_name,
                          event=message.sender == SYSTEM))
    if staff_view and conversation.assignee and display_name(conversation.assignee) not in staff:
        staff.append(display_name(conversation.assignee))
    return Transcript(
        reference=reference(conversation), office_name=current_app.config["OFFICE_NAME"],
        person=person, person_kind=kind, staff=staff, started=_when(conversation.created_at),
        ended=_when(conversation.closed_at) if conversation.status == CLOSED else "",
        lines=lines, printed_at=tanggal_waktu(calendar.local_now()))


def pdf(transcript: Transcript) -> bytes:
    """On the office's letterhead: its name from configuration, its address from the
    catalogue (as the receipt has it)."""
    return render_pdf(render_pdf_template(TEMPLATE, {
        "t": transcript, "office_name": transcript.office_name,
        "office_address": portal_content.office_address()}))


def for_staff(conversation: ChatConversation) -> Transcript:
    """The helpdesk's copy, open or closed; the download is recorded like every personal data
    that leaves the system (in the caller's request, committed here)."""
    transcript = build(conversation, staff_view=True)
    audit.record("privacy.chat_transcript",
                 f"Transkrip percakapan {transcript.reference} diunduh",
                 subject=transcript.reference)
    db.session.commit()
    return transcript


def for_person(conversation: ChatConversation) -> Transcript:
    """The person's own copy, once the conversation is closed (the caller has found it by
    their account or their session)."""
    if conversation.status != CLOSED:
        raise ChatError(MSG_NOT_CLOSED)
    return build(conversation, staff_view=False)
