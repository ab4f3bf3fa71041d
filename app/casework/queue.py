"""The verifier grid's data: which applications a person sees, filtered, searched, sorted and
paged, plus the summary strip. No Flask request objects here; the views pass plain values.

Two scopes:
- "mine" (Antrian Saya): running applications with an open `application_task` for one of
  the person's roles in their agency. By urgency (the default) the rows are read from my
  open tasks in the order of their own target (`ix_task_queue` gives it), each joined to
  its application by key: the step's target is what a row is shown red by, counted and
  filtered as overdue by. By date they are read from the application side (an index that
  starts with the status gives the order), each probed for such a task
  (`ix_task_open_probe` covers the probe). Either way a page reads about page x 25 index
  entries of its kind, whatever the size of the table, and nothing is sorted in memory.
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
from .queue_summary import Summary, choices, name_sources, step_names, step_sources, summary
from .queue_where import RUNNING, app_where, late_on, my_due, my_step, my_tasks, scope_where
from .rows import SUBJECT_NUMBER, Catalogues, QueuePage, QueueRow, to_rows

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
           Application.agency_code, SUBJECT_NUMBER)


def _ordered(stmt, filters: Filters):
    column = SORT_COLUMNS[filters.sort]
    order = column.desc() if filters.desc else column.asc()
    tie = Application.id.desc() if filters.desc else Application.id.asc()
    if filters.sort == "status":  # newest first within a status
        return stmt.order_by(order, Application.submitted_at.desc(), tie)
    return stmt.order_by(order, tie)


def _row_columns(actor: Actor, scope: str) -> list:
    if scope == MINE:  # my step, and its own target beside the permit's SLA
        return [*COLUMNS, my_step(actor).label("step_key"), my_due(actor).label("step_due")]
    return [*COLUMNS, Application.current_step.label("step_key")]


def _by_my_target(columns, actor: Actor, filters: Filters, today: date):
    """Antrian Saya by urgency: my open tasks read in the order of their own target
    (ix_task_queue: role, agency, open, due date), each joined to its application by key,
    so the order is the one the rows are shown red by (rows.past_due), not the permit's
    SLA, and a page stops after its rows."""
    task = ApplicationTask
    order = (task.due_date.desc(), task.id.desc()) if filters.desc else (
        task.due_date.asc(), task.id.asc())
    return (select(*columns).select_from(task)
            .join(Application, Application.id == task.application_id)
            .where(*my_tasks(actor, filters.step, late_on(filters, today)),
                   Application.status == RUNNING, *app_where(filters, MINE, today))
            .order_by(*order))


def _select(columns, actor: Actor, scope: str, filters: Filters, today: date):
    if scope == MINE and filters.sort == "sla":
        return _by_my_target(columns, actor, filters, today)
    return _ordered(select(*columns).where(*scope_where(actor, scope, filters, today)),
                    filters)


def statement(actor: Actor, scope: str, filters: Filters, today: date):
    """The rows of the grid (not yet paged), in the chosen order."""
    return _select(_row_columns(actor, scope), actor, scope, filters, today)


def page_ids(actor: Actor, scope: str, filters: Filters, today: date, *, offset: int,
             limit: int) -> list[int]:
    """The ids of one page: only indexes are read to find them (the rows are fetched by id
    afterwards), so a deep page costs index entries, not table rows."""
    stmt = _select([Application.id], actor, scope, filters, today)
    # an application listed once even were two of my tasks open on it
    return list(dict.fromkeys(db.session.scalars(stmt.limit(limit).offset(offset))))


def count(actor: Actor, scope: str, filters: Filters, today: date) -> tuple[int, bool]:
    """(rows, capped): counting stops at COUNT_CAP + 1."""
    where = app_where(filters, scope, today)
    if scope == MINE and not where:
        inner = select(ApplicationTask.id).where(
            *my_tasks(actor, filters.step, late_on(filters, today)))
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
    return QueuePage(rows, number, pages, total, per_page, capped=capped)


def export_rows(actor: Actor, scope: str, filters: Filters, *, today: date | None = None,
                limit: int = EXPORT_MAX, lang: str = "id"):
    """Every row of the current filter, read in batches (never the whole result in memory),
    at most `limit`; yields QueueRow, its step's and type's names in `lang`."""
    today = today or calendar.today()
    catalogues = Catalogues(lang)
    stmt = statement(actor, scope, filters, today).limit(limit)
    result = db.session.execute(stmt.execution_options(yield_per=500))
    for batch in result.partitions():
        yield from to_rows(batch, catalogues, today)

__all__ = ["ALL", "DEFAULT_SORT", "LINK_KEYS", "MINE", "SORTABLE", "SORTS", "Filters",
           "QueuePage", "QueueRow", "Summary", "choices", "count", "export_rows",
           "name_sources", "page", "sees_everything", "statement", "step_names",
           "step_sources", "summary"]
