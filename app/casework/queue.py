"""The verifier grid's data: which applications a person sees, filtered, searched, sorted and
paged, plus the summary strip. No Flask request objects here; the views pass plain values.

Two scopes:
- "mine" (Antrian Saya): running applications with an open `application_task` for one of
  the person's roles in their agency. The rows are read from the application side in the
  order asked for (an index that starts with the status gives it), and each is probed for
  such a task (`ix_task_open_probe` covers the probe). A page reads about
  page x 25 / (my share of the running applications) index entries, whatever the size of
  the table, and nothing is sorted in memory.
- "all" (Semua): every submitted application the person may see (casework.can_see, as SQL),
  newest first or in another indexed order.

Counts are capped (COUNT_CAP): the grid says "lebih dari 10.000" rather than counting a
million rows on every page view; filters narrow it down. My whole queue (or one step of it)
is counted on the task table's index alone.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..models import Application, ApplicationTask
from ..services import calendar
from ..services.pagination import clamp
from ..services.transitions import Actor
from .access import sees_everything
from .queue_filters import ALL, DEFAULT_SORT, LINK_KEYS, MINE, SORTABLE, SORTS, Filters
from .queue_summary import Summary, choices, step_names, summary
from .queue_where import app_where, my_step, scope_where, task_where
from .rows import Catalogues, QueuePage, QueueRow, to_rows, with_step_due

PER_PAGE = 25
COUNT_CAP = 10_000
EXPORT_MAX = 20_000


# rows and counts -------------------------------------------------------------------------
SORT_COLUMNS = {"resi": Application.resi, "registrasi": Application.registration_number,
                "status": Application.status, "tanggal": Application.submitted_at,
                "sla": Application.estimated_completion}
COLUMNS = (Application.id, Application.uid, Application.resi, Application.registration_number,
           Application.permit_code, Application.permit_name, Application.application_type,
           Application.applicant_name, Application.company_name,
           Application.applicant_identity, Application.status, Application.submitted_at,
           Application.estimated_completion, Application.catalogue_version_id,
           Application.agency_code)


def _ordered(stmt, filters: Filters):
    column = SORT_COLUMNS[filters.sort]
    order = column.desc() if filters.desc else column.asc()
    tie = Application.id.desc() if filters.desc else Application.id.asc()
    if filters.sort == "status":  # newest first within a status
        return stmt.order_by(order, Application.submitted_at.desc(), tie)
    return stmt.order_by(order, tie)


def _row_columns(actor: Actor, scope: str) -> list:
    step = my_step(actor) if scope == MINE else Application.current_step
    return [*COLUMNS, step.label("step_key")]


def statement(actor: Actor, scope: str, filters: Filters, today: date):
    """The rows of the grid (not yet paged), in the chosen order."""
    return _ordered(select(*_row_columns(actor, scope))
                    .where(*scope_where(actor, scope, filters, today)), filters)


def page_ids(actor: Actor, scope: str, filters: Filters, today: date, *, offset: int,
             limit: int) -> list[int]:
    """The ids of one page: only indexes are read to find them (the rows are fetched by id
    afterwards), so a deep page costs index entries, not table rows."""
    stmt = _ordered(select(Application.id).where(
        *scope_where(actor, scope, filters, today)), filters)
    return list(db.session.scalars(stmt.limit(limit).offset(offset)))


def count(actor: Actor, scope: str, filters: Filters, today: date) -> tuple[int, bool]:
    """(rows, capped): counting stops at COUNT_CAP + 1."""
    where = app_where(filters, scope, today)
    if scope == MINE and not where:
        inner = select(ApplicationTask.id).where(*task_where(actor))
        if filters.step:
            inner = inner.where(ApplicationTask.step == filters.step)
    else:
        inner = select(Application.id).where(
            *scope_where(actor, scope, filters, today, counting=True))
    found = db.session.scalar(select(func.count()).select_from(
        inner.limit(COUNT_CAP + 1).subquery())) or 0
    return min(found, COUNT_CAP), found > COUNT_CAP


def page(actor: Actor, scope: str, filters: Filters, *, today: date | None = None,
         per_page: int | None = None, lang: str = "id") -> QueuePage:
    """One page of the grid; step names in `lang` (the reader's, on the console)."""
    today = today or calendar.today()
    per_page = per_page or PER_PAGE
    total, capped = count(actor, scope, filters, today)
    number, pages = clamp(filters.page, total, per_page)
    ids = page_ids(actor, scope, filters, today, offset=(number - 1) * per_page,
                   limit=per_page)
    found = {r.id: r for r in db.session.execute(
        select(*_row_columns(actor, scope)).where(Application.id.in_(ids)))} if ids else {}
    results = [found[i] for i in ids if i in found]
    rows = to_rows(results, Catalogues(lang), today)
    if scope == MINE and rows:  # my step's own target beside the permit's (one query a page)
        rows = with_step_due(rows, dict(db.session.execute(
            select(ApplicationTask.application_id, func.min(ApplicationTask.due_date))
            .where(ApplicationTask.application_id.in_(ids), *task_where(actor))
            .group_by(ApplicationTask.application_id)).all()))
    return QueuePage(rows, number, pages, total, per_page, capped=capped)


def export_rows(actor: Actor, scope: str, filters: Filters, *, today: date | None = None,
                limit: int = EXPORT_MAX):
    """Every row of the current filter, read in batches (never the whole result in memory),
    at most `limit`; yields QueueRow."""
    today = today or calendar.today()
    catalogues = Catalogues()
    stmt = statement(actor, scope, filters, today).limit(limit)
    result = db.session.execute(stmt.execution_options(yield_per=500))
    for batch in result.partitions():
        yield from to_rows(batch, catalogues, today)



__all__ = ["ALL", "DEFAULT_SORT", "LINK_KEYS", "MINE", "SORTABLE", "SORTS", "Filters",
           "QueuePage", "QueueRow", "Summary", "choices", "count", "export_rows", "page",
           "sees_everything", "statement", "step_names", "summary"]
