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

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import exists, false, func, literal_column, or_, select, true
from sqlalchemy.orm import aliased

from .. import i18n
from ..extensions import db
from ..models import Application, ApplicationTask, IssuedPermit
from ..models import applications as states
from ..services import applications as apps
from ..services import calendar, catalogue_store
from ..services import resi as resi_codes
from ..services.pagination import clamp, filter_values, link_args, ordered_dates, page_number
from ..services.transitions import Actor
from .access import sees_everything, visibility
from .rows import Catalogues, QueuePage, QueueRow, to_rows, with_step_due

MINE = "mine"
ALL = "all"
PER_PAGE = 25
COUNT_CAP = 10_000
EXPORT_MAX = 20_000
# written into the SQL as a literal (not a bound parameter) so that the planners can match
# the partial indexes on running applications and open tasks
RUNNING = literal_column(f"'{states.IN_PROCESS}'")
SORTS = {"resi": "Resi", "registrasi": "No. Registrasi", "status": "Status",
         "tanggal": "Tanggal", "sla": "Sisa SLA"}
DEFAULT_SORT = {MINE: ("sla", False), ALL: ("tanggal", True)}
# only orders that an index gives without sorting every matching row
SORTABLE = {MINE: frozenset(("sla", "tanggal")),
            ALL: frozenset(("resi", "registrasi", "status", "tanggal"))}


# the filters a link may carry (the search term never: see Filters.search_id)
LINK_KEYS = ("status", "step", "agency", "permit", "jenis", "dari", "sampai", "terlambat",
             "urut", "arah")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    status: str = ""
    step: str = ""
    agency: str = ""
    permit: str = ""
    app_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    sort: str = ""
    desc: bool = False
    page: int = 1
    errors: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, compare=False)
    # the search term travels in links as this opaque id ("cari"), never as itself: a NIK
    # typed into the search box must not reach URLs, browser history or logs (the web views
    # keep the term in the session, app/backoffice/search_terms.py)
    search_id: str = ""

    @classmethod
    def parse(cls, args, scope: str) -> Filters:
        """From query-string values; a bad value is reported and ignored, never an error."""
        errors = []
        raw = filter_values(args, (
            "q", "status", "step", "agency", "permit", "jenis", "dari", "sampai", "terlambat",
            "urut", "arah", "hal", "cari"))
        dates = {}
        for key, label in (("dari", "Tanggal awal"), ("sampai", "Tanggal akhir")):
            dates[key] = None
            if raw[key]:
                try:
                    dates[key] = date.fromisoformat(raw[key])
                except ValueError:
                    errors.append(f"{label} tidak valid (format TTTT-BB-HH); filter diabaikan.")
        dates["dari"], dates["sampai"], swapped = ordered_dates(dates["dari"], dates["sampai"])
        errors.extend([swapped] if swapped else [])
        status = raw["status"] if raw["status"] in states.STATUSES else ""
        default_sort, default_desc = DEFAULT_SORT[scope]
        sort = raw["urut"] if raw["urut"] in SORTABLE[scope] else default_sort
        desc = raw["arah"] == "turun" if raw["arah"] in ("naik", "turun") else (
            default_desc if sort == default_sort else False)
        return cls(q=raw["q"], status=status, step=raw["step"], agency=raw["agency"],
                   permit=raw["permit"], app_type=raw["jenis"], date_from=dates["dari"],
                   date_to=dates["sampai"], overdue=raw["terlambat"] == "1", sort=sort,
                   desc=desc, page=page_number(raw["hal"]), errors=tuple(errors), raw=raw,
                   search_id=raw["cari"] if raw["q"] else "")

    def args(self, **changes) -> dict:
        """The query-string of these filters (for links: pages, sorting, export). The search
        term is its opaque id, never the term."""
        values = {"cari": self.search_id, "status": self.status, "step": self.step,
                  "agency": self.agency,
                  "permit": self.permit, "jenis": self.app_type,
                  "dari": self.date_from.isoformat() if self.date_from else "",
                  "sampai": self.date_to.isoformat() if self.date_to else "",
                  "terlambat": "1" if self.overdue else "", "urut": self.sort,
                  "arah": "turun" if self.desc else "naik", "hal": str(self.page)}
        return link_args(values, **changes)

    @property
    def active(self) -> bool:
        return any((self.q, self.status, self.step, self.agency, self.permit, self.app_type,
                    self.date_from, self.date_to, self.overdue))


@dataclass(frozen=True)
class Summary:
    per_step: list[tuple[str, str, int, int]]  # (step key, name, open, overdue)
    overdue_by_agency: list[tuple[str, int]]
    total: int
    overdue: int


def _task_where(actor: Actor, task=ApplicationTask) -> list:
    if actor.agency is None or not actor.roles:
        return [false()]
    return [task.is_open == true(), task.role.in_(actor.roles),
            task.agency_code == actor.agency]


def _my_task(actor: Actor, step: str = "") -> tuple:
    """The correlated probe: an open task of this application for one of my roles in my
    agency (and at `step`)."""
    task = aliased(ApplicationTask)
    where = [task.application_id == Application.id, *_task_where(actor, task)]
    if step:
        where.append(task.step == step)
    return task, where


def _mine(actor: Actor, step: str = "") -> list:
    _task, where = _my_task(actor, step)
    return [Application.status == RUNNING, exists().where(*where)]


def _my_step(actor: Actor):
    task, where = _my_task(actor)
    return select(task.step).where(*where).limit(1).scalar_subquery()


# filters ---------------------------------------------------------------------------------
def _search(text: str) -> list:
    """What the search box means, judged by the shape of the text so that each kind is one
    indexed equality: a resi (any case, with or without dashes), a NIK/NPWP (dots and dashes
    ignored), a registration or permit number; anything else is a name, a company or a
    permit's name (contains)."""
    text = text.strip()
    if not text:
        return []
    digits = text.replace(".", "").replace("-", "").replace(" ", "")
    if resi_codes.looks_valid(text) and not digits.isdigit():
        return [Application.resi == resi_codes.normalise(text)]
    if digits.isdigit() and len(digits) >= 8:
        found = [Application.applicant_identity == digits,
                 Application.registration_number == text]
        if resi_codes.looks_valid(text):  # a resi made only of digits, however unlikely
            found.append(Application.resi == resi_codes.normalise(text))
        return [or_(*found)]
    if any(ch.isdigit() for ch in text):
        numbers = sorted({text, text.upper()})
        return [or_(Application.registration_number.in_(numbers), Application.id.in_(
            select(IssuedPermit.application_id).where(  # (permit_code, number) is unique
                IssuedPermit.permit_code.in_(permit_codes()), IssuedPermit.number.in_(numbers))))]
    like = f"%{text.lower()}%"
    found = [func.lower(Application.applicant_name).like(like),
             func.lower(Application.company_name).like(like)]
    codes = permits_named(catalogue_store.current(), text)
    if codes:  # permit_code is in the indexes the name search reads: no extra table reads
        found.append(Application.permit_code.in_(codes))
    return [or_(*found)]


def permit_codes() -> list[str]:
    cat = catalogue_store.current()
    return sorted(p["code"] for p in cat.permits) if cat else []


def permits_named(cat, text: str) -> list[str]:
    """The codes of the catalogue's permits whose name (in either language) or code contains
    `text`: a permit is searched by the name people read, filtered by its indexed code."""
    wanted = text.strip().casefold()
    if not wanted or cat is None:
        return []
    return sorted(p["code"] for p in cat.permits
                  if wanted in p["code"].casefold()
                  or any(wanted in str(name).casefold() for name in _names(p)))


def _names(permit: dict) -> list:
    name = permit.get("name") or {}
    return list(name.values()) if isinstance(name, dict) else [name]


def _app_where(filters: Filters, scope: str, today: date) -> list:
    """Filters on application columns (the step of "mine" is part of the task probe). In
    "mine" the submission date is tested on the running-applications index as it is read in
    SLA order (coalesce keeps a planner from ranging over every running application that
    was submitted in the period and sorting them all)."""
    where = _search(filters.q)
    submitted = Application.submitted_at
    if scope == MINE:
        submitted = func.coalesce(Application.submitted_at, Application.submitted_at)
    if filters.status and scope == ALL:
        where.append(Application.status == filters.status)
    if filters.step and scope == ALL:
        where.append(Application.current_step == filters.step)
    if filters.agency:
        where.append(Application.agency_code == filters.agency)
    if filters.permit:
        where.append(Application.permit_code == filters.permit)
    if filters.app_type:
        where.append(Application.application_type == filters.app_type)
    if filters.date_from:
        where.append(submitted >= calendar.utc_start_of(filters.date_from))
    if filters.date_to:
        where.append(submitted < calendar.utc_start_of(filters.date_to + timedelta(days=1)))
    if filters.overdue:
        where += [Application.status == RUNNING, Application.estimated_completion < today]
    return where


def _scope_where(actor: Actor, scope: str, filters: Filters, today: date, *,
                 counting: bool = False) -> list:
    where = _app_where(filters, scope, today)
    if scope == MINE:
        return [*_mine(actor, filters.step), *where]
    return [visibility(actor, counting=counting), *where]


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
    step = _my_step(actor) if scope == MINE else Application.current_step
    return [*COLUMNS, step.label("step_key")]


def statement(actor: Actor, scope: str, filters: Filters, today: date):
    """The rows of the grid (not yet paged), in the chosen order."""
    return _ordered(select(*_row_columns(actor, scope))
                    .where(*_scope_where(actor, scope, filters, today)), filters)


def page_ids(actor: Actor, scope: str, filters: Filters, today: date, *, offset: int,
             limit: int) -> list[int]:
    """The ids of one page: only indexes are read to find them (the rows are fetched by id
    afterwards), so a deep page costs index entries, not table rows."""
    stmt = _ordered(select(Application.id).where(
        *_scope_where(actor, scope, filters, today)), filters)
    return list(db.session.scalars(stmt.limit(limit).offset(offset)))


def count(actor: Actor, scope: str, filters: Filters, today: date) -> tuple[int, bool]:
    """(rows, capped): counting stops at COUNT_CAP + 1."""
    where = _app_where(filters, scope, today)
    if scope == MINE and not where:
        inner = select(ApplicationTask.id).where(*_task_where(actor))
        if filters.step:
            inner = inner.where(ApplicationTask.step == filters.step)
    else:
        inner = select(Application.id).where(
            *_scope_where(actor, scope, filters, today, counting=True))
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
            .where(ApplicationTask.application_id.in_(ids), *_task_where(actor))
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


# the summary strip -----------------------------------------------------------------------
def summary(actor: Actor, *, today: date | None = None, cat=None, lang: str = "id") -> Summary:
    """My queue per step (with how many of them are past their SLA), and the running
    applications past their SLA per Dinas (the permit's agency): every Dinas for the office,
    a Dinas member's own otherwise. The overdue counts read only the overdue part of the
    running-applications index."""
    today = today or calendar.today()
    late = [Application.status == RUNNING, Application.estimated_completion < today]
    per_step = dict(db.session.execute(
        select(ApplicationTask.step, func.count()).where(*_task_where(actor))
        .group_by(ApplicationTask.step)).all())
    step = _my_step(actor).label("step")
    late_step = dict(db.session.execute(
        select(step, func.count()).where(*_mine(actor), *late).group_by(step)).all())
    if sees_everything(actor):
        by_agency = db.session.execute(
            select(Application.agency_code, func.count()).where(*late)
            .group_by(Application.agency_code)).all()
    else:  # a Dinas member: their own Dinas' permits
        own = db.session.scalar(select(func.count()).where(
            *late, Application.agency_code == actor.agency)) if actor.agency else 0
        by_agency = [(actor.agency, own)] if own else []
    names = step_names(cat if cat is not None else catalogue_store.current(), lang)
    steps = sorted(((key or "", names.get(key or "", key or "-"), n, late_step.get(key, 0))
                    for key, n in per_step.items()), key=lambda s: (-s[2], s[1]))
    return Summary(steps, sorted(by_agency, key=lambda a: (-a[1], a[0])),
                   sum(per_step.values()), sum(late_step.values()))


# filter choices from the current catalogue -----------------------------------------------
def step_names(cat, lang: str = "id") -> dict[str, str]:
    """Step key -> its name(s) in `lang` in the catalogue's routings ("A / B" when routings
    name the same key differently)."""
    names: dict[str, list[str]] = {}
    for routing in (cat.routings if cat else []):
        for step in routing.get("steps", []):
            if isinstance(step, dict) and step.get("key"):
                name = i18n.text(step.get("name"), lang) or step["key"]
                found = names.setdefault(step["key"], [])
                if name not in found:
                    found.append(name)
    return {key: " / ".join(found) for key, found in names.items()}


def choices(cat, lang: str = "id") -> dict[str, list[tuple[str, str]]]:
    """The grid's filter choices, named in `lang`."""
    if cat is None:
        return {"status": [], "step": [], "agency": [], "permit": [], "jenis": []}
    return {
        "status": [(s, i18n.translated(apps.status_label(s), lang))
                   for s in states.STATUSES if s != states.DRAFT],
        "step": sorted(step_names(cat, lang).items(), key=lambda kv: kv[1]),
        "agency": [(a["code"], f"{a['code']} — {i18n.text(a['name'], lang)}")
                   for a in cat.agencies],
        "permit": [(p["code"], i18n.text(p["name"], lang)) for p in cat.permits],
        "jenis": [(t["code"], i18n.text(t["name"], lang)) for t in cat.application_types],
    }


__all__ = ["ALL", "MINE", "Filters", "QueuePage", "QueueRow", "Summary", "count", "page",
           "statement", "summary"]
