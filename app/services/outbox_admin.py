"""The outbox as staff see it (Kotak Keluar): outgoing messages filtered and paged, one
message's text for those allowed to read it, and sending a failed message again.

A message marked confidential (it carries a verification code or a reset PIN) never shows
its text, to anyone: a code in a staff member's view is a code someone else can use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from ..extensions import db
from ..i18n import N_
from ..models import OutboxMessage, utcnow
from . import audit
from .errors import MSG_MESSAGE_NOT_FOUND, DomainError
from .pagination import Page, filter_values, link_args, page_number, paginate

STATUSES = {"pending": _l("Menunggu"), "sending": _l("Sedang dikirim"), "sent": _l("Terkirim"),
            "failed": _l("Gagal")}
CHANNELS = {"email": _l("Email"), "whatsapp": _l("WhatsApp")}
PER_PAGE = 25


class MessageNotFound(DomainError):
    pass


@dataclass(frozen=True)
class Filters:
    status: str = ""
    channel: str = ""
    q: str = ""
    page: int = 1
    raw: dict = field(default_factory=dict, compare=False)

    @classmethod
    def parse(cls, args) -> Filters:
        raw = filter_values(args, ("status", "kanal", "q", "hal"))
        return cls(status=raw["status"] if raw["status"] in STATUSES else "",
                   channel=raw["kanal"] if raw["kanal"] in CHANNELS else "", q=raw["q"],
                   page=page_number(raw["hal"]), raw=raw)

    def args(self, **changes) -> dict:
        values = {"status": self.status, "kanal": self.channel, "q": self.q,
                  "hal": str(self.page)}
        return link_args(values, **changes)

    @property
    def active(self) -> bool:
        return any((self.status, self.channel, self.q))


def search(filters: Filters, per_page: int = PER_PAGE) -> Page:
    """Newest first."""
    stmt = select(OutboxMessage)
    if filters.status:
        stmt = stmt.where(OutboxMessage.status == filters.status)
    if filters.channel:
        stmt = stmt.where(OutboxMessage.channel == filters.channel)
    if filters.q:
        like = f"%{filters.q.lower()}%"
        stmt = stmt.where(or_(func.lower(OutboxMessage.recipient).like(like),
                              func.lower(OutboxMessage.subject).like(like)))
    return paginate(stmt.order_by(OutboxMessage.id.desc()), filters.page, per_page)


def get(message_id) -> OutboxMessage:
    try:
        found = db.session.get(OutboxMessage, int(message_id))
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise MessageNotFound(MSG_MESSAGE_NOT_FOUND)
    return found


def resend(message: OutboxMessage) -> None:
    """A failed message goes back to the queue with a fresh count of attempts; the worker
    sends it on its next pass (with the same Message-ID, so a receiver can drop a copy)."""
    if message.status != "failed":
        raise DomainError(N_("Hanya pesan yang gagal yang dapat dikirim ulang."))
    message.status = "pending"
    message.attempts = 0
    message.next_attempt_at = utcnow()
    message.claimed_until = None
    audit.record("config.outbox_resend", f"Pesan #{message.id} ({message.channel}) ke "
                 f"{message.recipient} dikirim ulang: {message.subject}",
                 subject=message.recipient, details={"message_id": message.id,
                                                     "last_error": message.last_error})
    db.session.commit()
