"""Pengaduan (complaints): categories (data the helpdesk edits), complaints with their thread,
attachments and the record of every status change or assignment.

A complaint belongs either to an applicant account (user_id) or to a visitor who left a name
and a contact; visitors reach it only with the opaque ticket code and that contact. A
visitor's e-mail address is only their word until they prove it (contact_verified_at).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, utcnow


class ComplaintCategory(Model):
    __tablename__ = "complaint_category"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name_id: Mapped[str] = mapped_column(String(120), nullable=False)
    name_en: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    sla_days: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    def __str__(self) -> str:
        return self.name_id


class Complaint(Model):
    __tablename__ = "complaint"
    __table_args__ = (Index("ix_complaint_user_created", "user_id", "created_at"),
                      Index("ix_complaint_status_due", "status", "due_on"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket: Mapped[str] = mapped_column(String(20), unique=True, nullable=False)
    category_id: Mapped[int] = mapped_column(ForeignKey("complaint_category.id"), nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str] = mapped_column(String(320), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    # when the e-mail address was shown to be the complainant's: an account's at filing, a
    # visitor's when they type the code mailed to it (app/complaints/contact.py); until
    # then the office mails that address nothing but the code
    contact_verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="baru")
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    first_answer_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    # the language of the page the complaint was filed on: a visitor has no account to keep
    # one, and the helpdesk's replies (written on an Indonesian page) are e-mailed in it
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="id",
                                          server_default="id")

    category = relationship("ComplaintCategory")
    application = relationship("Application")
    assignee = relationship("User", foreign_keys=[assignee_id])
    messages = relationship("ComplaintMessage", order_by="ComplaintMessage.id",
                            back_populates="complaint")
    attachments = relationship("ComplaintAttachment", order_by="ComplaintAttachment.id")
    events = relationship("ComplaintEvent", order_by="ComplaintEvent.id")


class ComplaintMessage(Model):
    """One entry of the thread: the complainant's word, a staff reply, or an internal note
    (kind "note", never shown to the complainant)."""

    __tablename__ = "complaint_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    complaint = relationship("Complaint", back_populates="messages")


class ComplaintAttachment(Model):
    """A file sent with a complaint: checked by content like every upload, kept in storage
    under a random key; served only to those who may see the complaint."""

    __tablename__ = "complaint_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    ext: Mapped[str] = mapped_column(String(10), nullable=False)
    mime: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    storage_key: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)


class ComplaintEvent(Model):
    """Every status change and assignment, with who did it: the complaint's audit trail."""

    __tablename__ = "complaint_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    detail: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
