"""The helpdesk side of chat: the waiting list, taking and transferring a conversation,
closing it, and the hand-over to a complaint.

Who may use these is decided by the console screen's permission (SCREEN_HELPDESK); a
transfer goes only to a colleague whose role opens that same screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_appbuilder.security.sqla.models import PermissionView, Role, User, ViewMenu
from sqlalchemy import func, or_, select

from ..extensions import db
from ..i18n import N_
from ..models import ChatConversation, ChatMessage, accounts, utcnow
from ..models.chat import ACTIVE, APPLICANT, CLOSED, STAFF, SYSTEM, WAITING
from ..security.roles import SCREEN_HELPDESK
from . import chat, chat_notes
from .chat import ChatError

MSG_CLOSED = N_("Percakapan sudah ditutup.")
MSG_TAKEN_MEANWHILE = N_("Percakapan ini baru saja diambil oleh {name}. Tekan \"Ambil alih\" "
                         "bila Anda tetap perlu menanganinya.")
ANYONE = object()  # take(): whoever holds it now


def waiting() -> list[ChatConversation]:
    """Open conversations nobody has taken, oldest first (first come, first served)."""
    return list(db.session.scalars(
        select(ChatConversation).where(ChatConversation.status == WAITING,
                                       ChatConversation.assignee_id.is_(None))
        .order_by(ChatConversation.created_at, ChatConversation.id).limit(200)))


def closed(text: str = "", limit: int = 20) -> list[ChatConversation]:
    """Closed conversations, last closed first, optionally by the person's name, e-mail or
    phone: a visitor who left and calls back, or a transcript to read again."""
    stmt = select(ChatConversation).where(ChatConversation.status == CLOSED)
    needle = text.strip().lower()[:100]
    if needle:
        stmt = stmt.outerjoin(User, User.id == ChatConversation.user_id).where(or_(*(
            func.lower(column).contains(needle, autoescape=True) for column in (
                ChatConversation.visitor_name, ChatConversation.visitor_contact, User.email,
                func.coalesce(User.first_name, "") + " " + func.coalesce(User.last_name, "")))))
    return list(db.session.scalars(stmt.order_by(ChatConversation.closed_at.desc(),
                                                 ChatConversation.id.desc()).limit(limit)))


def waited_minutes(conversation: ChatConversation) -> int:
    """How long a waiting visitor has waited (since they opened the chat), in whole minutes:
    the desk serves first come, first served, and sees who has waited too long."""
    return max(0, int((utcnow() - conversation.created_at).total_seconds() // 60))


def waiting_count() -> int:
    return db.session.scalar(select(func.count()).where(
        ChatConversation.status == WAITING, ChatConversation.assignee_id.is_(None))) or 0


def mine(staff_id: int) -> list[ChatConversation]:
    return list(db.session.scalars(
        select(ChatConversation).where(ChatConversation.assignee_id == staff_id,
                                       ChatConversation.status != CLOSED)
        .order_by(ChatConversation.last_message_at.desc())))


def colleagues_busy(staff_id: int) -> list[ChatConversation]:
    return list(db.session.scalars(
        select(ChatConversation).where(ChatConversation.assignee_id.is_not(None),
                                       ChatConversation.assignee_id != staff_id,
                                       ChatConversation.status != CLOSED)
        .order_by(ChatConversation.last_message_at.desc()).limit(200)))


def unread_for_staff(conversations: list[ChatConversation]) -> dict[int, int]:
    """Applicant messages the helpdesk has not read yet, per conversation (one query)."""
    if not conversations:
        return {}
    rows = db.session.execute(
        select(ChatMessage.conversation_id, func.count())
        .join(ChatConversation, ChatConversation.id == ChatMessage.conversation_id)
        .where(ChatMessage.conversation_id.in_([c.id for c in conversations]),
               ChatMessage.sender == APPLICANT,
               ChatMessage.id > ChatConversation.staff_read_id)
        .group_by(ChatMessage.conversation_id))
    return dict(rows.all())


def helpdesk_staff() -> list[User]:
    """Active users whose role opens the helpdesk screen: who a conversation may go to."""
    roles = select(Role.id).join(Role.permissions).join(PermissionView.view_menu).where(
        ViewMenu.name == SCREEN_HELPDESK)
    return list(db.session.scalars(
        select(User).where(User.active.is_(True), User.roles.any(Role.id.in_(roles)))
        .order_by(User.first_name, User.last_name)))


def display_name(user: User | None) -> str:
    if user is None:
        return "-"
    return accounts.display_name(user)


def _note(conversation: ChatConversation, kind: str, **values: str) -> None:
    """What happened, written in each reader's language when shown (chat_notes)."""
    db.session.add(chat_notes.note(conversation.id, kind, **values))


def take(conversation: ChatConversation, staff: User, seen_holder: object = ANYONE) -> None:
    """Assigns an open conversation to `staff` (also taking over from a colleague).

    `seen_holder` is who held it on the page the staff member clicked on (None: nobody):
    when a colleague has taken it since, "Ambil" on a list not yet refreshed must not take
    it from them unknowingly."""
    if conversation.status == CLOSED:
        raise ChatError(MSG_CLOSED)
    if conversation.assignee_id == staff.id:
        return
    if seen_holder is not ANYONE and conversation.assignee_id != seen_holder:
        raise ChatError(MSG_TAKEN_MEANWHILE.format(name=display_name(conversation.assignee)))
    conversation.assignee_id = staff.id
    conversation.status = ACTIVE
    _note(conversation, chat_notes.JOINED, name=display_name(staff))
    chat.commit_and_notify(conversation)


def transfer(conversation: ChatConversation, by: User, to_user_id: int) -> None:
    if conversation.status == CLOSED:
        raise ChatError(MSG_CLOSED)
    target = next((u for u in helpdesk_staff() if u.id == to_user_id), None)
    if target is None:
        raise ChatError(N_("Petugas tujuan tidak ditemukan atau bukan petugas helpdesk."))
    conversation.assignee_id = target.id
    conversation.status = ACTIVE
    _note(conversation, chat_notes.TRANSFERRED, by=display_name(by),
          to=display_name(target))
    chat.commit_and_notify(conversation)


def close(conversation: ChatConversation, by_staff: bool) -> None:
    if conversation.status == CLOSED:
        return
    conversation.status = CLOSED
    conversation.closed_at = utcnow()
    _note(conversation, chat_notes.CLOSED_BY_STAFF if by_staff
          else chat_notes.CLOSED_BY_APPLICANT)
    chat.commit_and_notify(conversation)


@dataclass(frozen=True)
class ComplaintDraft:
    """What a complaint made from a conversation starts with (the complaint service decides
    the rest): who complains and the transcript as the complaint's text."""

    user_id: int | None
    name: str | None
    contact: str | None
    text: str


def complaint_draft(conversation: ChatConversation) -> ComplaintDraft:
    """The boundary for "turn this conversation into a complaint"; the complaint desk calls
    it and files the complaint with its own rules. The text is a record kept in the office's
    language, who is who in the chat's words (chat.person_kind, chat.STAFF_LABEL)."""
    lines = []
    person = chat.person_kind(conversation)
    for message in chat.messages_after(conversation, 0):
        if message.sender == SYSTEM:
            continue
        who = person if message.sender == APPLICANT else chat.STAFF_LABEL
        attached = f" [lampiran: {message.attachment_name}]" if message.attachment_uid else ""
        lines.append(f"{who}: {message.body}{attached}")
    return ComplaintDraft(conversation.user_id, conversation.visitor_name,
                          conversation.visitor_contact, "\n".join(lines))


def tell_ticket(conversation: ChatConversation, ticket: str) -> None:
    """After the hand-over, the person in the chat learns the ticket code that follows their
    matter: a system note (chat_notes), so each side reads it in its own language."""
    if conversation.status == CLOSED:
        return
    _note(conversation, chat_notes.COMPLAINT_FILED, ticket=ticket)
    chat.commit_and_notify(conversation)


__all__ = ["STAFF", "ChatError", "close", "complaint_draft", "helpdesk_staff", "mine", "take",
           "tell_ticket", "transfer", "waiting", "waiting_count"]
