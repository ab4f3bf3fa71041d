"""The applicant's Inbox: listing, searching, reading and marking messages as read.

Messages are written by `notices.tell_applicant` (in the same transaction as the change they
report); this module only reads them for their owner. Another person's message id answers
exactly like one that does not exist.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select, update

from ..extensions import db
from ..models import InboxMessage, utcnow
from .errors import MSG_MESSAGE_NOT_FOUND, NotFound
from .ownership import owned

PREVIEW_CHARS = 120


class MessageNotFound(NotFound):
    pass


def search(user_id: int, query: str = ""):
    """The user's messages, newest first; `query` matches subject or body (as typed)."""
    stmt = select(InboxMessage).where(InboxMessage.user_id == user_id)
    if query.strip():
        needle = query.strip().lower()
        stmt = stmt.where(or_(func.lower(InboxMessage.subject).contains(needle, autoescape=True),
                              func.lower(InboxMessage.body).contains(needle, autoescape=True)))
    return stmt.order_by(InboxMessage.created_at.desc(), InboxMessage.id.desc())


def unread_count(user_id: int) -> int:
    return db.session.scalar(select(func.count(InboxMessage.id)).where(
        InboxMessage.user_id == user_id, InboxMessage.read_at.is_(None))) or 0


def get_owned(user_id: int, message_id: int) -> InboxMessage:
    return owned(InboxMessage.id, message_id, InboxMessage.user_id, user_id,
                 MessageNotFound(MSG_MESSAGE_NOT_FOUND))


def read(user_id: int, message_id: int) -> InboxMessage:
    """Opens a message for its owner and marks it read (once; the first time is kept)."""
    message = get_owned(user_id, message_id)
    if message.read_at is None:
        message.read_at = utcnow()
        db.session.commit()
    return message


def mark_all_read(user_id: int) -> int:
    """Marks every unread message of the user as read; returns how many changed."""
    result = db.session.execute(
        update(InboxMessage)
        .where(InboxMessage.user_id == user_id, InboxMessage.read_at.is_(None))
        .values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount or 0


def preview(body: str, limit: int = PREVIEW_CHARS) -> str:
    """The first words of a message on one line, cut at a word boundary."""
    text = " ".join((body or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(".,;:") + "…"
