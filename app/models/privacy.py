"""Requests under the data subject's rights (UU PDP 27/2022): an applicant asks for their
account to be erased; staff handle it. The row outlives the erasure as the record that the
request was handled, and holds no personal data then."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, utcnow

PENDING = "pending"
DONE = "done"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
STATUSES = (PENDING, DONE, REFUSED, WITHDRAWN)


class PrivacyRequest(Model):
    __tablename__ = "privacy_request"
    __table_args__ = (Index("ix_privacy_request_status_requested", "status", "requested_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="erasure")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=PENDING)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)
    handled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))
    handler_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # what the erasure removed and kept (counts), for the record
    summary: Mapped[dict | None] = mapped_column(JSON)

    user = relationship("User", foreign_keys=[user_id])
    handled_by = relationship("User", foreign_keys=[handled_by_id])
