"""Chat with the helpdesk: conversations, their messages, and the helpdesk's data (canned
replies, office hours, the automatic reply) that the console edits.

A conversation belongs either to an applicant account (`user_id`) or to a portal visitor, who
is known only by the unguessable `token` kept in their session. Read receipts are two message
ids per conversation (how far each side has read), so marking read is one UPDATE.
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, utcnow

WAITING, ACTIVE, CLOSED = "menunggu", "aktif", "selesai"
APPLICANT, STAFF, SYSTEM = "pemohon", "petugas", "sistem"


class ChatConversation(Model):
    __tablename__ = "chat_conversation"
    __table_args__ = (Index("ix_chat_conversation_status", "status", "last_message_at"),
                      Index("ix_chat_conversation_user", "user_id", "status"),
                      Index("ix_chat_conversation_assignee", "assignee_id", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"))
    visitor_name: Mapped[str | None] = mapped_column(String(120))
    visitor_contact: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=WAITING)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))
    applicant_read_id: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    staff_read_id: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    last_message_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow,
                                                      nullable=False)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    user = relationship("User", foreign_keys=[user_id])
    assignee = relationship("User", foreign_keys=[assignee_id])


class ChatMessage(Model):
    __tablename__ = "chat_message"
    # the poll asks "messages of conversation C after id N": one index range scan
    __table_args__ = (Index("ix_chat_message_conversation_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("chat_conversation.id", ondelete="CASCADE"), nullable=False)
    sender: Mapped[str] = mapped_column(String(20), nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    attachment_uid: Mapped[str | None] = mapped_column(String(32), unique=True)
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    attachment_ext: Mapped[str | None] = mapped_column(String(10))
    attachment_size: Mapped[int | None] = mapped_column(BigInteger)
    attachment_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    author = relationship("User")


class ChatCannedReply(Model):
    """A ready answer the helpdesk inserts with one click; edited in the console."""

    __tablename__ = "chat_canned_reply"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(120), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    def __str__(self) -> str:
        return self.title


class ChatOfficeHours(Model):
    """One opening period on a weekday (0 = Monday, as Python counts), local office time."""

    __tablename__ = "chat_office_hours"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer, nullable=False)
    opens: Mapped[time] = mapped_column(Time, nullable=False)
    closes: Mapped[time] = mapped_column(Time, nullable=False)


class ChatSetting(Model):
    """Helpdesk texts kept as data (e.g. the automatic reply outside office hours)."""

    __tablename__ = "chat_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
