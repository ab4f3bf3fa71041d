"""The office-wide audit log: who did what, when and from which address.

One row per thing worth answering for later (logins and failures, account and role changes,
catalogue publishes, API tokens, permit revocations and reopenings, configuration edits). Rows
are only ever added: the ORM refuses to update or delete one, and no code path tries, except
the retention purge, which empties `ip` once an entry is older than RETENTION_AUDIT_IP_DAYS
(app/privacy/retention.py: the address is personal data, needed only for recent events). The
actor is kept by id and name without a foreign key, so an entry reads the same after the
account is gone. Identity numbers (NIK/NPWP) are masked before they are written.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from .base import Model, utcnow


class AuditEntry(Model):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_category_created", "category", "created_at"),
                      Index("ix_audit_log_actor_created", "actor_id", "created_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False,
                                                 index=True)
    category: Mapped[str] = mapped_column(String(16), nullable=False)  # login, account, ...
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    actor_kind: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    subject: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    details: Mapped[dict | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))  # NULL: none, or cleared by retention


@event.listens_for(AuditEntry, "before_update")
def _audit_is_append_only(_mapper, _connection, target) -> None:
    raise ValueError("Log audit tidak dapat diubah")


@event.listens_for(AuditEntry, "before_delete")
def _audit_is_never_deleted(_mapper, _connection, target) -> None:
    raise ValueError("Log audit tidak dapat dihapus")
