"""The complaint lists: the applicant's own (Pengaduan Saya) and the helpdesk queue, as SQL
statements the views page through (services/pagination.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import false, func, or_, select

from ..i18n import N_
from ..models import Application, Complaint, ComplaintCategory
from ..services import resi as resi_codes
from ..services.filter_codes import checked
from ..services.pagination import filter_values
from . import sla, status


def _text_match(needle: str):
    needle = needle.strip().lower()
    return or_(func.lower(Complaint.body).contains(needle, autoescape=True),
               func.lower(Complaint.ticket).contains(needle, autoescape=True))


def own(user_id: int, *, resi: str = "", category: str = "", text: str = ""):
    """The applicant's complaints, newest first, searched by resi, category and text."""
    stmt = (select(Complaint).where(Complaint.user_id == user_id)
            .outerjoin(Application, Complaint.application_id == Application.id))
    if resi.strip():
        stmt = stmt.where(Application.resi.contains(resi_codes.normalise(resi) or resi.strip(),
                                                    autoescape=True))
    if category:
        stmt = stmt.where(Complaint.category.has(ComplaintCategory.code == category))
    if text.strip():
        stmt = stmt.where(_text_match(text))
    return stmt.order_by(Complaint.created_at.desc(), Complaint.id.desc())


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    category: str = ""
    assigned: str = ""  # "", "saya", "belum" or a staff user id
    overdue: bool = False
    text: str = ""
    errors: tuple[str, ...] = ()

    @classmethod
    def parse(cls, args, categories: Iterable[str], handlers: Iterable[str]) -> QueueFilters:
        """From the query string; `categories` and `handlers` (user ids) are the codes the
        queue's selects offer. An unknown code is said and ignored (filter_codes)."""
        raw, errors = filter_values(args, ("status", "kategori", "petugas", "q")), []
        return cls(status=checked(raw["status"], {*status.LABELS, "terbuka"}, N_("Status"),
                                  errors),
                   category=checked(raw["kategori"], categories, N_("Kategori"), errors),
                   assigned=checked(raw["petugas"], {"saya", "belum", *handlers},
                                    N_("Petugas"), errors),
                   overdue=args.get("terlambat") == "1", text=raw["q"], errors=tuple(errors))

    def args(self) -> dict:
        return {k: v for k, v in {"status": self.status, "kategori": self.category,
                                  "petugas": self.assigned,
                                  "terlambat": "1" if self.overdue else "",
                                  "q": self.text}.items() if v}


def _queue_match(text: str):
    """What the helpdesk may search the queue by: the ticket and text, and who complains
    (name, e-mail, phone) and about which application (its resi however it is typed), the
    things a caller reads out on the phone."""
    needle = text.strip().lower()
    resi = resi_codes.normalise(text)
    return or_(_text_match(text),
               *(func.lower(column).contains(needle, autoescape=True)
                 for column in (Complaint.name, Complaint.email, Complaint.phone)),
               Application.resi.contains(resi, autoescape=True) if resi else false())


def queue(filters: QueueFilters, me: int, today: date):
    """The helpdesk queue: open and overdue first, then the nearest due date."""
    stmt = select(Complaint)
    if filters.status == "terbuka":
        stmt = stmt.where(Complaint.status.in_(status.OPEN))
    elif filters.status:
        stmt = stmt.where(Complaint.status == filters.status)
    if filters.category:
        stmt = stmt.where(Complaint.category.has(ComplaintCategory.code == filters.category))
    if filters.assigned == "saya":
        stmt = stmt.where(Complaint.assignee_id == me)
    elif filters.assigned == "belum":
        stmt = stmt.where(Complaint.assignee_id.is_(None))
    elif filters.assigned.isdigit():
        stmt = stmt.where(Complaint.assignee_id == int(filters.assigned))
    if filters.overdue:
        stmt = stmt.where(sla.overdue_clause(today))
    if filters.text:
        stmt = stmt.outerjoin(Application, Complaint.application_id == Application.id).where(
            _queue_match(filters.text))
    is_open = Complaint.status.in_(status.OPEN)
    return stmt.order_by(is_open.desc(), Complaint.due_on, Complaint.id)


def counts(me: int, today: date) -> dict[str, int]:
    """The console home's badges: open, unassigned, mine, overdue."""
    from ..extensions import db

    def n(*where) -> int:
        return db.session.scalar(select(func.count(Complaint.id)).where(*where)) or 0

    is_open = Complaint.status.in_(status.OPEN)
    return {"open": n(is_open), "unassigned": n(is_open, Complaint.assignee_id.is_(None)),
            "mine": n(is_open, Complaint.assignee_id == me),
            "overdue": n(sla.overdue_clause(today))}
