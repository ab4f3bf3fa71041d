"""The staff accounts list (Akun Staf): its filters from the address and one page of it.

A role, agency or status code that names nothing is said and ignored (services.filter_codes),
never an empty list that reads as "no such staff".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from ..i18n import N_
from ..models import Role, StaffProfile, User
from .filter_codes import checked
from .pagination import Page, filter_values, link_args, page_number, paginate_rows

PER_PAGE = 25
STATUSES = {"aktif": True, "nonaktif": False}


@dataclass(frozen=True)
class StaffFilters:
    q: str = ""
    role: str = ""
    agency: str = ""
    status: str = ""
    page: int = 1
    raw: dict = field(default_factory=dict, compare=False)
    errors: tuple[str, ...] = ()

    @classmethod
    def parse(cls, args, roles: Iterable[str], agencies: Iterable[str]) -> StaffFilters:
        """From the query string; `roles` and `agencies` are the codes the list's selects
        offer, the only ones it filters by."""
        raw, errors = filter_values(args, ("q", "peran", "instansi", "status", "hal")), []
        return cls(q=raw["q"], role=checked(raw["peran"], roles, N_("Peran"), errors),
                   agency=checked(raw["instansi"].upper(), agencies, N_("Instansi"), errors),
                   status=checked(raw["status"], STATUSES, N_("Status"), errors),
                   page=page_number(raw["hal"]), raw=raw, errors=tuple(errors))

    def args(self, **changes) -> dict:
        values = {"q": self.q, "peran": self.role, "instansi": self.agency,
                  "status": self.status, "hal": str(self.page)}
        return link_args(values, **changes)

    @property
    def active(self) -> bool:
        return any((self.q, self.role, self.agency, self.status))


def staff_page(filters: StaffFilters, per_page: int = PER_PAGE) -> Page:
    """Staff (accounts with a staff profile) matching the filters, by name; items are
    (User, StaffProfile)."""
    stmt = select(User, StaffProfile).join(StaffProfile, StaffProfile.user_id == User.id)
    if filters.q:
        like = f"%{filters.q.lower()}%"
        stmt = stmt.where(or_(func.lower(User.first_name).like(like),
                              func.lower(User.last_name).like(like),
                              func.lower(User.email).like(like)))
    if filters.role:
        stmt = stmt.where(User.roles.any(Role.name == filters.role))
    if filters.agency:
        stmt = stmt.where(StaffProfile.agency_code == filters.agency)
    if filters.status:
        stmt = stmt.where(User.active.is_(STATUSES[filters.status]))
    return paginate_rows(stmt.order_by(func.lower(User.first_name), User.id), filters.page,
                         per_page)
