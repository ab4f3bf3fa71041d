"""Chat with the helpdesk: starting and continuing a conversation, posting (text and an
attachment checked by the one upload rule), reading with receipts, and the helpdesk's
assignment (take, transfer) and closing.

Every message is committed before anyone is told about it (chat_delivery.publish runs after the
commit), so a restarted process loses nothing: the other side finds it on its next poll.
Callers decide who is asking; the functions here take the conversation already authorised
(`for_user`, `for_visitor`, or a staff screen's permission).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from sqlalchemy import func, select

from forms_schema import email_problem, identity

from .. import forms, storage
from ..extensions import db
from ..i18n import N_
from ..models import ChatConversation, ChatMessage, utcnow
from ..models.chat import APPLICANT, CLOSED, SYSTEM, WAITING
from . import chat_delivery, chat_hours, errors, files
from .errors import DomainError
from .ownership import owned

MSG_NOT_FOUND = N_("Percakapan tidak ditemukan.")
# who is who, as the chat page labels them: the person by kind (an applicant logged in, a
# visitor not), the helpdesk by its role, not the bare "Petugas" a complaint's assignee is
# (whose English, "Officer", read oddly for a chat); the transcript and a complaint made from
# the conversation write the same words
APPLICANT_KIND, VISITOR_KIND = N_("Pemohon"), N_("Pengunjung")
STAFF_LABEL, SYSTEM_LABEL = N_("Petugas helpdesk"), N_("Sistem")
MSG_NOT_STARTED = N_("Percakapan belum dapat dimulai. Periksa kembali isian yang ditandai.")
VISITOR_FORM = "chat_visitor"  # app/forms/definitions: the visitor's name and contact
MSG_TOO_LONG = N_("Pesan terlalu panjang (maksimal {limit} karakter).")
MAX_BODY = 4000
PAGE = 200  # messages per poll answer at most; the client asks again from the last id
ATTACHMENT_FOLDER = "chat"


class ChatError(DomainError):
    pass


class NotFound(ChatError, errors.NotFound):
    pass


@dataclass(frozen=True)
class Updates:
    """What a poll answers: new messages after the caller's id, and the current marks."""

    messages: list[ChatMessage]
    conversation: ChatConversation


def _token() -> str:
    return secrets.token_urlsafe(32)


# -- finding a conversation (object-level authorisation) ------------------------------------

def open_for_user(user_id: int) -> ChatConversation | None:
    return db.session.scalar(
        select(ChatConversation).where(ChatConversation.user_id == user_id,
                                       ChatConversation.status != CLOSED)
        .order_by(ChatConversation.id.desc()).limit(1))


def history_for_user(user_id: int) -> list[ChatConversation]:
    return list(db.session.scalars(
        select(ChatConversation).where(ChatConversation.user_id == user_id)
        .order_by(ChatConversation.id.desc()).limit(50)))


def for_user(user_id: int, token: str) -> ChatConversation:
    """The applicant's own conversation; "not yours" and "no such" answer alike."""
    return owned(ChatConversation.token, token, ChatConversation.user_id, user_id,
                 NotFound(MSG_NOT_FOUND))


def for_visitor(token: str | None) -> ChatConversation | None:
    """A visitor's conversation by the token in their session (never one of an account)."""
    if not token:
        return None
    return db.session.scalar(select(ChatConversation).where(
        ChatConversation.token == token, ChatConversation.user_id.is_(None)))


def get(conversation_id: int) -> ChatConversation:
    found = db.session.get(ChatConversation, conversation_id)
    if found is None:
        raise NotFound(MSG_NOT_FOUND)
    return found


# -- starting and posting ------------------------------------------------------------------

def start_for_user(user_id: int) -> ChatConversation:
    """The applicant's open conversation, or a new one: one open conversation at a time."""
    found = open_for_user(user_id)
    if found is not None:
        return found
    conversation = ChatConversation(token=_token(), user_id=user_id, status=WAITING)
    db.session.add(conversation)
    db.session.commit()
    return conversation


def start_for_visitor(name: str, contact: str) -> ChatConversation:
    """A visitor's conversation; the helpdesk must be able to reach them afterwards, so the
    contact is an e-mail address or a mobile number by the complaint form's own rules."""
    cleaned, problems = forms.clean(VISITOR_FORM, {"name": name, "contact": contact},
                                    also=_reachable)
    if problems:
        raise errors.ValidationFailed(problems, MSG_NOT_STARTED)
    conversation = ChatConversation(token=_token(), visitor_name=cleaned["name"].strip(),
                                    visitor_contact=_stored_contact(cleaned["contact"]),
                                    status=WAITING)
    db.session.add(conversation)
    db.session.commit()
    return conversation


def contact_problem(contact: str) -> str | None:
    """The complaint form's checks (its email and phone fields): an e-mail address or an
    Indonesian mobile number, else why not."""
    email, phone = identity.split_contact(contact)
    return email_problem(email) if email else identity.phone_problem(phone)


def _reachable(cleaned: dict) -> dict[str, list[str]]:
    problem = contact_problem(cleaned.get("contact") or "") if cleaned.get("contact") else None
    return {"contact": [problem]} if problem else {}


def _stored_contact(contact: str) -> str:
    """A number in the one stored form (08...), so the complaint filed from the chat is found
    by the same number later."""
    email, phone = identity.split_contact(contact)
    return email or identity.normalise_phone(phone)


def post(conversation: ChatConversation, sender: str, author_id: int | None, body: str,
         upload: files.Upload | None = None) -> ChatMessage:
    """Stores one message (and its attachment) and commits, then wakes the other side.

    Outside office hours the applicant's message gets the automatic reply, once, while no
    helpdesk member has taken the conversation (someone who took it is there to answer)."""
    body = (body or "").strip()
    if conversation.status == CLOSED:
        raise ChatError(N_("Percakapan sudah ditutup. Mulai percakapan baru."))
    if len(body) > MAX_BODY:
        raise ChatError(MSG_TOO_LONG.format(limit=MAX_BODY))
    if not body and upload is None:
        raise ChatError(N_("Tulis pesan atau lampirkan berkas."))
    message = ChatMessage(conversation_id=conversation.id, sender=sender,
                          author_id=author_id, body=body)
    if upload is not None:
        checked = files.store_checked(upload, ATTACHMENT_FOLDER, files.MESSAGE_KINDS)
        message.attachment_uid = secrets.token_urlsafe(16)
        message.attachment_name = checked.original
        message.attachment_ext = checked.ext
        message.attachment_size = checked.size
        message.attachment_key = storage.discard_unless_committed(checked.key)
    db.session.add(message)
    conversation.last_message_at = utcnow()
    if sender == APPLICANT and _needs_auto_reply(conversation):
        db.session.add(ChatMessage(conversation_id=conversation.id, sender=SYSTEM,
                                   body=chat_hours.auto_reply_text()))
    commit_and_notify(conversation)
    return message


def _needs_auto_reply(conversation: ChatConversation) -> bool:
    if conversation.assignee_id is not None or chat_hours.is_open():
        return False
    already = db.session.scalar(select(func.count()).where(
        ChatMessage.conversation_id == conversation.id, ChatMessage.sender == SYSTEM,
        ChatMessage.author_id.is_(None), ChatMessage.body == chat_hours.auto_reply_text()))
    return not already


def commit_and_notify(conversation: ChatConversation) -> None:
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()  # an attachment's stored bytes go with it
        raise
    chat_delivery.publish(conversation.id)


# -- reading -------------------------------------------------------------------------------

def messages_after(conversation: ChatConversation, after: int = 0) -> list[ChatMessage]:
    return list(db.session.scalars(
        select(ChatMessage).where(ChatMessage.conversation_id == conversation.id,
                                  ChatMessage.id > after)
        .order_by(ChatMessage.id).limit(PAGE)))


def person_kind(conversation: ChatConversation) -> str:
    """The marked word for the person in `conversation` (APPLICANT_KIND or VISITOR_KIND)."""
    return APPLICANT_KIND if conversation.user_id is not None else VISITOR_KIND


def marks_of(conversation: ChatConversation) -> str:
    """Read marks, status and assignee as one string the page echoes back on its next poll."""
    return (f"{conversation.applicant_read_id}.{conversation.staff_read_id}."
            f"{conversation.status}.{conversation.assignee_id or ''}")


def updates(conversation_id: int, after: int, marks: str | None = None,
            wait_seconds: float = 0) -> Updates:
    """New messages after `after`; with Redis and `wait_seconds`, waits until something
    changes (a message, a read mark, the status) instead of answering "nothing" at once."""
    waiter = chat_delivery.Waiter(conversation_id) if wait_seconds > 0 else None
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            conversation = get(conversation_id)
            found = messages_after(conversation, after)
            changed = marks is not None and marks != marks_of(conversation)
            left = deadline - time.monotonic()
            if found or changed or waiter is None or not waiter.active or left <= 0:
                return Updates(found, conversation)
            db.session.rollback()  # no transaction or pooled connection held while waiting
            if not waiter.wait(left):
                deadline = 0  # timed out: one last look, then answer
    finally:
        if waiter is not None:
            waiter.close()


def mark_read(conversation: ChatConversation, side: str, upto: int) -> None:
    """Read receipt: `side` has seen every message up to `upto` (never moves back)."""
    column = "applicant_read_id" if side == APPLICANT else "staff_read_id"
    last = db.session.scalar(select(func.max(ChatMessage.id)).where(
        ChatMessage.conversation_id == conversation.id)) or 0
    upto = min(int(upto), last)
    if upto <= getattr(conversation, column):
        return
    setattr(conversation, column, upto)
    commit_and_notify(conversation)


def attachment(conversation: ChatConversation, uid: str) -> ChatMessage:
    found = db.session.scalar(select(ChatMessage).where(
        ChatMessage.conversation_id == conversation.id, ChatMessage.attachment_uid == uid))
    if found is None:
        raise NotFound(N_("Berkas tidak ditemukan."))
    return found


def attachment_content(message: ChatMessage):
    """The attachment's bytes in chunks; bytes gone from storage read as not found."""
    try:
        return storage.current().iter_chunks(message.attachment_key)
    except (storage.ObjectMissing, storage.InvalidKey) as exc:
        raise NotFound(N_("Isi berkas tidak ditemukan di penyimpanan.")) from exc
