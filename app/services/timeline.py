"""The tracking timeline: what happened to an application and what comes next, in words,
and how far it has come (Monitoring Izin, public tracking).

Applicants see roles and agencies ("Verifikator DPMPTSP"), not staff names; the back office
reads the full audit trail instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, and_, bindparam, cast, func, select

import catalogue as cat_lib
from catalogue import routing as routing_lib

from .. import i18n
from ..extensions import db
from ..models import (
    Application,
    ApplicationEvent,
    ApplicationTask,
    CatalogueVersion,
    IssuedPermit,
)
from ..models import applications as states
from . import applications as apps
from . import calendar, catalogue_store, portal_content


def _l(msgid: str) -> str:
    """Marks a text for extraction (`make translations` knows _l); `_entry` translates it
    when it writes the entry, through the request's translations found once
    (i18n.translations): a lazy string walked Flask-Babel's context on every entry."""
    return msgid


# read in the reader's language where shown (Indonesian for the API and the CLI)
OUTCOME_TEXT = {"revision": _l("Dikembalikan untuk revisi"), "rejected": _l("Ditolak"),
                "issued": _l("Disetujui, izin terbit"), "moved": _l("Diteruskan"),
                "returned": _l("Dikembalikan ke tahap sebelumnya"),
                "waiting": _l("Rekomendasi diberikan; menunggu instansi lain")}
KIND_TEXT = {"submitted": _l("Permohonan dikirim"), "resubmitted": _l("Revisi dikirim pemohon"),
             "cancelled": _l("Dibatalkan pemohon"),
             "expired": _l("Batas waktu revisi terlewati"),
             "reopened": _l("Dibuka kembali untuk revisi"), "revoked": _l("Izin dicabut"),
             "replaced": _l("Izin diganti dengan izin baru")}
# an approval that issues nothing: the application type's effect is revocation
REVOKING_TEXT = _l("Disetujui, izin dicabut")


@dataclass(frozen=True)
class Entry:
    at: datetime
    title: str
    who: str
    note: str
    tone: str  # success | warning | danger | info | secondary
    # an action's title is "<step>: <said>"; pages show the step's name from its catalogue
    # text (`step_source`, lokal_html), marked Indonesian where a reader gets no translation
    step: str = ""
    step_source: Any = None
    said: str = ""


@dataclass(frozen=True)
class Stage:
    name: str
    state: str  # done | current | returned (sent back to the applicant from here) | todo
    waiting_for: tuple[str, ...] = ()
    due: date | None = None
    role: str = ""
    source: Any = None  # the step's name as the catalogue writes it ({"id", "en"})


def _routing(application: Application) -> dict:
    return apps.catalogue_for(application).permit_routing(application.permit_code) or {}


def step_name_in(routing: dict, key: str | None, lang: str = "id") -> str:
    """A routing step's name in `lang` (its key when the routing has no such step)."""
    if not key:
        return ""
    try:
        return i18n.text(routing_lib.find_step(routing, key).get("name"), lang) or key
    except routing_lib.RoutingError:
        return key


def step_name(application: Application, key: str | None, lang: str = "id") -> str:
    return step_name_in(_routing(application), key, lang)


def step_label(application: Application, key: str | None) -> dict | str:
    """A step's name in both languages, as the catalogue writes it."""
    return step_source_in(_routing(application), key) or key or ""


def step_source_in(routing: dict, key: str | None) -> Any:
    """A step's name as the catalogue writes it, or None when the routing has no such step:
    what `lokal_html` marks Indonesian on a page whose reader gets no translation of it."""
    try:
        return routing_lib.find_step(routing, key or "").get("name")
    except routing_lib.RoutingError:
        return None


def _entry(routing: dict, event) -> Entry:
    """One audit entry in words; `event` is an ApplicationEvent or a row with its columns."""
    who = " ".join(x for x in (event.actor_role, event.actor_agency) if x)
    if event.kind == "action":
        outcome = (event.details or {}).get("outcome", "moved")
        said = REVOKING_TEXT if outcome == "issued" and (event.details or {}).get(
            "effect") == cat_lib.REVOCATION else OUTCOME_TEXT.get(outcome)
        said = outcome if said is None else i18n.translations().ugettext(said)
        step = step_name_in(routing, event.from_step, i18n.locale())
        tone = {"revision": "warning", "returned": "warning", "rejected": "danger",
                "issued": "success"}.get(outcome, "info")
        return Entry(event.created_at, f"{step}: {said}", who, note_of(event), tone, step,
                     step_source_in(routing, event.from_step), said)
    title = KIND_TEXT.get(event.kind)
    title = event.kind if title is None else i18n.translations().ugettext(title)
    who = "" if event.kind in ("submitted", "resubmitted", "cancelled") else who
    tone = {"cancelled": "secondary", "expired": "danger", "revoked": "danger"}.get(
        event.kind, "info")
    return Entry(event.created_at, title, who, note_of(event), tone)


def note_of(event) -> str:
    """An event's note as its reader reads it: the system's own note on a permit a later
    application renewed, amended or revoked (a "replaced" or "revoked" event whose details
    name the `effect`; the office's own revocation names none) is a marked text
    (issuance.MSG_BY_*), shown in the reader's language, old rows alike; a person's note
    as it was written."""
    note = event.note or ""
    if event.kind in ("replaced", "revoked") and (event.details or {}).get("effect"):
        return i18n.marked_in(note, i18n.locale())
    return note


def history(application: Application) -> list[Entry]:
    routing = _routing(application)
    return [_entry(routing, e) for e in application.events]


def _stages(routing: dict, status: str, current: str | None, open_tasks,
            returned_from: str | None = None) -> list[Stage]:
    """The routing's steps in order, marked done / current / to do; `open_tasks` are the
    application's open tasks (anything with `due_date` and `agency_code`). In revision, the
    step that returned it is "returned" and the steps before it are done."""
    steps = [s for s in routing.get("steps", []) if isinstance(s, dict)]
    found = False
    result = []
    finished = status in (states.ISSUED,)
    if status == states.REVISION and returned_from:
        current = returned_from
    for step in steps:
        name = i18n.in_locale(step.get("name")) or step["key"]
        role, source = str(step.get("role", "")), step.get("name")
        if finished:
            result.append(Stage(name, "done", role=role, source=source))
        elif step["key"] == current and status == states.IN_PROCESS:
            found = True
            due = min((t.due_date for t in open_tasks), default=None)
            waiting = tuple(t.agency_code for t in open_tasks)
            result.append(Stage(name, "current", waiting, due, role, source))
        elif step["key"] == current and status == states.REVISION:
            found = True
            result.append(Stage(name, "returned", role=role, source=source))
        else:
            result.append(Stage(name, "todo" if found or current is None else "done",
                                role=role, source=source))
    return result


def stages(application: Application) -> list[Stage]:
    return _stages(_routing(application), application.status, application.current_step,
                   application.open_tasks, _returned_from(application.routing_state))


def _returned_from(routing_state: dict | None) -> str | None:
    return (routing_state or {}).get("returned_from")


@dataclass(frozen=True)
class Tracking:
    """What the public tracking page shows of one application: no personal data."""

    resi: str
    status: str
    permit_name: str
    registration_number: str | None
    submitted_at: datetime | None
    estimated_completion: date | None
    stages: list[Stage]
    history: list[Entry]
    progress: Progress
    permit_code: str = ""
    application_type: str = ""
    subject_number: str | None = None  # the permit a renewal, amendment or revocation acts on
    # the catalogue in force, as the same statement read it (the contact columns): the page
    # names the permit and the application type by it without reading it again
    in_force: cat_lib.Catalogue | None = None


# built once: composing a select of many columns costs more than running it. The whole public
# page is one statement: the application, one row per event (oldest first; the application's
# columns and the event's have no name in common), its open tasks folded into two columns
# (the earliest due date; "id:agency" per task, for their order) and the contact details
# every public page shows (portal_content.CONTACT_COLUMNS).
_A, _E, _T = Application, ApplicationEvent, ApplicationTask
_OPEN = and_(_T.application_id == _A.id, _T.is_open)
_TRACKED = (select(_A.id, _A.resi, _A.status, _A.permit_name, _A.permit_code,
                   _A.registration_number, _A.submitted_at, _A.estimated_completion,
                   _A.current_step, _A.catalogue_version_id, CatalogueVersion.digest,
                   _A.routing_state, _A.closed_at, _A.revision_due, _A.application_type,
                   select(IssuedPermit.number).where(IssuedPermit.id == _A.subject_permit_id)
                   .scalar_subquery().label("subject_number"),
                   select(func.min(_T.due_date)).where(_OPEN).scalar_subquery()
                   .label("open_due"),
                   select(func.aggregate_strings(cast(_T.id, String) + ":" + _T.agency_code,
                                                 ",")).where(_OPEN).scalar_subquery()
                   .label("open_agencies"),
                   *portal_content.CONTACT_COLUMNS,
                   _E.id.label("event_id"), _E.created_at, _E.kind, _E.actor_role,
                   _E.actor_agency, _E.from_step, _E.note, _E.details)
            .join(CatalogueVersion, CatalogueVersion.id == _A.catalogue_version_id)
            .outerjoin(_E, _E.application_id == _A.id)
            .where(_A.resi == bindparam("resi"), _A.status != states.DRAFT)
            .order_by(_E.id))


@dataclass(frozen=True)
class _OpenTask:
    due_date: date
    agency_code: str


def _open_tasks(row) -> list[_OpenTask]:
    """The open tasks folded into the tracking row, in the order they were opened."""
    if row.status != states.IN_PROCESS or not row.open_agencies:
        return []
    found = sorted((int(task_id), code) for task_id, code in (
        part.split(":", 1) for part in row.open_agencies.split(",")))
    return [_OpenTask(row.open_due, code) for _task_id, code in found]


def public_tracking(resi: str) -> Tracking | None:
    """One narrow read (the application with its catalogue version's digest, its events, its
    open tasks and the page's contact details) instead of loading the application with its
    answers and documents: the page is public and hot, and shows none of those."""
    rows = db.session.connection().execute(_TRACKED, {"resi": resi}).all()  # Core rows
    if not rows:
        return None
    row = rows[0]
    portal_content.remember_contact(row)
    events = [r for r in rows if r.event_id is not None]
    cat = catalogue_store.catalogue_by(row.catalogue_version_id, row.digest)
    routing = cat.permit_routing(row.permit_code) or {}
    stages_now = _stages(routing, row.status, row.current_step, _open_tasks(row),
                         _returned_from(row.routing_state))
    return Tracking(row.resi, row.status, row.permit_name, row.registration_number,
                    row.submitted_at, row.estimated_completion, stages_now,
                    [_entry(routing, ev) for ev in events],
                    _progress(cat, cat.permit(row.permit_code) or {}, row, stages_now, events),
                    row.permit_code, row.application_type, row.subject_number,
                    catalogue_store.catalogue_by(row.contact_version, row.contact_digest)
                    if row.contact_version is not None else None)


def for_applicant(application: Application) -> dict:
    return {"history": history(application), "stages": stages(application)}


def notes(application: Application) -> list[Entry]:
    """Staff notes the applicant must read: revision requests, rejection reasons, revocation."""
    return [e for e in history(application)
            if e.note and e.tone in ("warning", "danger") and e.who]


def last_revision_note(application: Application) -> Entry | None:
    found = [e for e in history(application) if e.tone == "warning" and e.who]
    return found[-1] if found else None


# progress: Monitoring Izin and public tracking ------------------------------------------
@dataclass(frozen=True)
class Progress:
    """How far an application has come, in numbers and words (no staff names)."""

    percent: int
    current: Stage | None  # the step it is at, or returned from (revision)
    holders: tuple[str, ...]  # "Verifikator · DPMPTSP" per open task; the applicant in revision
    days_used: int | None  # working days since submission, revision time not counted
    sla_days: int | None
    estimated_completion: date | None
    overdue: bool
    revision_due: date | None
    revokes: bool = False  # approval revokes a permit (the type's effect): none is issued


def _revision_days(events, until: date, holidays: list[date]) -> int:
    """Working days the application spent with the applicant for revision."""
    paused, started = 0, None
    for event in events:
        outcome = (event.details or {}).get("outcome") if event.kind == "action" else None
        if outcome == "revision":
            started = calendar.local_date(event.created_at)
        elif event.kind in ("resubmitted", "expired", "cancelled") and started is not None:
            paused += cat_lib.working_days_between(
                started, calendar.local_date(event.created_at), holidays)
            started = None
    if started is not None:
        paused += cat_lib.working_days_between(started, until, holidays)
    return paused


def _holders(cat: cat_lib.Catalogue, stage: Stage | None, status: str) -> tuple[str, ...]:
    from flask_babel import gettext as _

    if status == states.REVISION:
        return (_("Pemohon (perbaikan berkas)"),)
    if stage is None or stage.state != "current":
        return ()
    names = []
    for code in stage.waiting_for:
        agency = cat.agency(code) or {}
        names.append(f"{stage.role} · {i18n.in_locale(agency.get('name')) or code}")
    return tuple(names)


_SORTED_HOLIDAYS: tuple[frozenset, list[date]] = (frozenset(), [])


def _sorted_holidays(cat: cat_lib.Catalogue) -> list[date]:
    """The catalogue's holidays in order, sorted once per catalogue rather than on every page:
    `holiday_dates()` hands out the same set while the catalogue stays, and the set kept here
    is compared by identity (kept alive, so its identity cannot be another's)."""
    global _SORTED_HOLIDAYS
    found = cat.holiday_dates()
    kept = _SORTED_HOLIDAYS
    if kept[0] is not found:
        kept = _SORTED_HOLIDAYS = (found, sorted(found))
    return kept[1]


def _progress(cat: cat_lib.Catalogue, permit: dict, row, stages_now: list[Stage],
              events) -> Progress:
    """`row` is an Application or a row with the same columns (status, submitted_at,
    closed_at, estimated_completion, revision_due, application_type)."""
    total = max(len(stages_now), 1)
    done = sum(1 for s in stages_now if s.state == "done")
    current = next((s for s in stages_now if s.state in ("current", "returned")), None)
    percent = 100 if row.status == states.ISSUED else \
        round(100 * (done + (0.5 if current else 0)) / total)
    days_used = None
    if row.submitted_at is not None:
        holidays = _sorted_holidays(cat)
        end = calendar.local_date(row.closed_at) if row.closed_at else calendar.today()
        start = calendar.local_date(row.submitted_at)
        days_used = max(cat_lib.working_days_between(start, end, holidays)
                        - _revision_days(events, end, holidays), 0)
    running = row.status in (states.IN_PROCESS, states.REVISION)
    overdue = bool(running and row.estimated_completion
                   and calendar.today() > row.estimated_completion)
    return Progress(percent, current, _holders(cat, current, row.status), days_used,
                    permit.get("sla_working_days"), row.estimated_completion, overdue,
                    row.revision_due if row.status == states.REVISION else None,
                    cat.effect(row.application_type or "") == cat_lib.REVOCATION)


def progress(application: Application) -> Progress:
    cat = apps.catalogue_for(application)
    return _progress(cat, cat.permit(application.permit_code) or {}, application,
                     stages(application), application.events)


def monitor(application: Application) -> dict:
    """Everything Monitoring Izin shows of one own application."""
    return {"application": application, "stages": stages(application),
            "history": history(application), "progress": progress(application)}
