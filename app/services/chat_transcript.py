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

from forms_schema import long_date

from .. import i18n
from ..documents.dates import tanggal_waktu
from ..documents.render import render_pdf, render_pdf_template
from ..extensions import db
from ..i18n import N_
from ..models import ChatConversation, ChatMessage
from ..models.chat import APPLICANT, CLOSED, STAFF, SYSTEM
from ..privacy.masking import scrub
from ..reports.recap import pdf_words
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
    lang: str = "id"

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


def _when(moment: datetime | None, lang: str) -> str:
    return i18n.long_date_in(tanggal_waktu(local_time(moment)), lang) if moment else "-"


def _person(conversation: ChatConversation, lang: str) -> tuple[str, str]:
    name = display_name(conversation.user) if conversation.user_id else conversation.visitor_name
    return scrub(name or "-"), i18n.translated(chat.person_kind(conversation), lang)


def _author(message: ChatMessage, person: str, staff_view: bool, lang: str) -> str:
    """Names as each reader's chat page shows them: the helpdesk sees its members by name,
    the person sees the role ("Petugas helpdesk")."""
    if message.sender == APPLICANT:
        return person
    if message.sender == STAFF and staff_view and message.author:
        return display_name(message.author)
    return i18n.translated(chat.STAFF_LABEL if message.sender == STAFF else chat.SYSTEM_LABEL,
                           lang)


def _line(message: ChatMessage, author: str, lang: str, staff_view: bool) -> Line:
    """Its day and time as the reader writes them (14.05 in Indonesian, 14:05 in English),
    a system note in the reader's language, naming staff to the helpdesk only (chat_notes)."""
    moment = local_time(message.created_at)
    return Line(day=long_date(moment.date(), lang),
                time=i18n.clock(moment, lang), author=author,
                text=scrub(chat_notes.text(message, lang, staff_view=staff_view)),
                attachment=message.attachment_name,
                event=message.sender == SYSTEM)


def build(conversation: ChatConversation, *, staff_view: bool,
          lang: str | None = None) -> Transcript:
    """In `lang`, by default the page's: whoever downloads it reads it in their language."""
    lang = lang or i18n.locale()
    person, kind = _person(conversation, lang)
    lines, staff = [], []
    for message in _all_messages(conversation):
        author = _author(message, person, staff_view, lang)
        if message.sender == STAFF and author not in staff:
            staff.append(author)
        lines.append(_line(message, author, lang, staff_view))
    if staff_view and conversation.assignee and display_name(conversation.assignee) not in staff:
        staff.append(display_name(conversation.assignee))
    return Transcript(
        reference=reference(conversation), office_name=current_app.config["OFFICE_NAME"],
        person=person, person_kind=kind, staff=staff,
        started=_when(conversation.created_at, lang),
        ended=_when(conversation.closed_at, lang) if conversation.status == CLOSED else "",
        lines=lines, printed_at=i18n.long_date_in(tanggal_waktu(calendar.local_now()), lang),
        lang=lang)


def pdf(transcript: Transcript) -> bytes:
    """On the office's letterhead: its name from configuration, its address from the
    catalogue (as the receipt has it). Written in the transcript's language as the reports'
    PDFs are (pdf_words)."""
    return render_pdf(render_pdf_template(TEMPLATE, {
        **pdf_words(transcript.lang), "t": transcript, "office_name": transcript.office_name,
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
