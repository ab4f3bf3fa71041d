"""Grid rows as people read them: step names and working days left, each from the row's own
pinned catalogue version (parsed once per process, read here without its assets)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import lazyload, load_only

import catalogue as cat_lib

from ..extensions import db
from ..models import Application, CatalogueVersion, IssuedPermit
from ..models import applications as states
from ..services import applications as apps
from ..services import catalogue_store, timeline
from ..services.pagination import Page

# the number of the permit a renewal, amendment or revocation acts on: one more column of
# the page's own query (a key lookup per row inside it), not a query per row
SUBJECT_NUMBER = (select(IssuedPermit.number)
                  .where(IssuedPermit.id == Application.subject_permit_id)
                  .correlate(Application).scalar_subquery().label("subject_number"))


@dataclass(frozen=True)
class QueueRow:
    id: int
    uid: str
    resi: str
    registration_number: str
    permit_code: str
    permit_name: str
    application_type: str
    applicant_name: str
    company_name: str
    applicant_identity: str
    step_key: str
    step_name: str
    status: str
    status_label: str
    submitted_at: datetime | None
    estimated_completion: date | None
    sla_left: int | None  # working days; None when the clock is not running
    overdue: bool
    agency_code: str
    type_name: str = ""  # the application type's name in the page's language
    # Antrian Saya: the target of my open task, i.e. the SLA of the step I work on (a
    # one-day verification of a ten-day permit), which the permit's SLA alone hides
    step_due: date | None = None
    step_late: bool = False  # past_due(step_due)
    subject_number: str = ""  # the permit the application acts on (SUBJECT_NUMBER)
    # the step's and the type's names as the pinned catalogue writes them ({"id", "en"}):
    # the page marks lang="id" the ones its reader gets untranslated (lokal_html)
    step_source: object = None
    type_source: object = None

    @property
    def late(self) -> bool:
        """What the list counts as overdue: the red row, the "lewat" count, the overdue
        filter and the urgency sort all mean this. In Antrian Saya that is my step's own
        target (the row carries it); elsewhere the permit's SLA."""
        return self.step_late if self.step_due is not None else self.overdue


@dataclass(frozen=True)
class QueuePage(Page):
    capped: bool = False  # the count stopped at its cap: "more than N"

    @property
    def rows(self) -> list[QueueRow]:
        return self.items

    def window(self, size: int = 2) -> list[int | None]:
        """Page numbers around the current one, with None for a gap: 1 … 4 5 [6] 7 8 … 40."""
        shown = {1, self.pages, *range(max(1, self.page - size),
                                       min(self.pages, self.page + size) + 1)}
        result: list[int | None] = []
        for number in sorted(shown):
            if result and number - (result[-1] or 0) > 1:
                result.append(None)
            result.append(number)
        return result


class Catalogues:
    """The pinned catalogues of the rows on a page (or in an export); step names are given in
    `lang` (the console's reader, and an export taken from the console; the API keeps
    Indonesian)."""

    def __init__(self, lang: str = "id"):
        self.lang = lang
        self._found: dict[int, object] = {}
        self._holidays: dict[int, list[date]] = {}

    def load(self, version_ids) -> None:
        missing = {v for v in version_ids if v not in self._found}
        if not missing:
            return
        versions = db.session.scalars(
            select(CatalogueVersion).options(load_only(CatalogueVersion.id,
                                                       CatalogueVersion.digest),
                                             lazyload(CatalogueVersion.assets))
            .where(CatalogueVersion.id.in_(missing)))
        for version in versions:
            self._found[version.id] = catalogue_store.catalogue_of(version)

    def get(self, version_id: int):
        self.load([version_id])
        return self._found.get(version_id)

    def holidays(self, version_id: int) -> list[date]:
        if version_id not in self._holidays:
            cat = self.get(version_id)
            self._holidays[version_id] = sorted(cat.holiday_dates()) if cat else []
        return self._holidays[version_id]

    def type_name(self, version_id: int, code: str) -> str:
        cat = self.get(version_id)
        return cat.application_type_name(code, self.lang) if cat else code

    def type_source(self, version_id: int, code: str):
        cat = self.get(version_id)
        return (cat.application_type(code) or {}).get("name") if cat else None

    def step_name(self, version_id: int, permit_code: str, step: str | None) -> str:
        return timeline.step_name_in(self._routing(version_id, permit_code), step, self.lang)

    def step_source(self, version_id: int, permit_code: str, step: str | None):
        return timeline.step_source_in(self._routing(version_id, permit_code), step)

    def _routing(self, version_id: int, permit_code: str) -> dict:
        cat = self.get(version_id)
        return (cat.permit_routing(permit_code) if cat else None) or {}


def past_due(due: date | None, today: date) -> bool:
    """The one rule of "overdue" in the grid, for a permit's SLA and a step's target alike:
    the due day itself is still in time. `past_due_clause` is the same rule in SQL."""
    return due is not None and due < today


def past_due_clause(column, today: date):
    """`past_due` as a WHERE clause on a date column (the count, the filter)."""
    return column < today


def to_rows(results, catalogues: Catalogues, today: date) -> list[QueueRow]:
    results = list(results)
    catalogues.load({r.catalogue_version_id for r in results})
    return [to_row(r, catalogues, today) for r in results]


def to_row(r, catalogues: Catalogues, today: date) -> QueueRow:
    sla_left = None
    overdue = False
    if r.status == states.IN_PROCESS and r.estimated_completion is not None:
        sla_left = cat_lib.working_days_between(today, r.estimated_completion,
                                        catalogues.holidays(r.catalogue_version_id))
        overdue = past_due(r.estimated_completion, today)
    step_key = r.step_key or ""
    step_due = getattr(r, "step_due", None)  # Antrian Saya's rows only
    return QueueRow(
        id=r.id, uid=r.uid, resi=r.resi or "", registration_number=r.registration_number or "",
        permit_code=r.permit_code, permit_name=r.permit_name,
        application_type=r.application_type, applicant_name=r.applicant_name or "",
        company_name=r.company_name or "", applicant_identity=r.applicant_identity or "",
        step_key=step_key,
        step_name=catalogues.step_name(r.catalogue_version_id, r.permit_code, step_key),
        status=r.status, status_label=apps.status_label(r.status),
        submitted_at=r.submitted_at, estimated_completion=r.estimated_completion,
        sla_left=sla_left, overdue=overdue, agency_code=r.agency_code,
        type_name=catalogues.type_name(r.catalogue_version_id, r.application_type),
        step_due=step_due, step_late=past_due(step_due, today),
        subject_number=getattr(r, "subject_number", None) or "",
        step_source=catalogues.step_source(r.catalogue_version_id, r.permit_code, step_key),
        type_source=catalogues.type_source(r.catalogue_version_id, r.application_type))
