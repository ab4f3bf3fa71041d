"""The tracking timeline: what happened to an application and what comes next, in words.

Applicants see roles and agencies ("Verifikator DPMPTSP"), not staff names; the back office
reads the full audit trail instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select

from catalogue import routing as routing_lib

from ..extensions import db
from ..models import Application, ApplicationEvent, ApplicationTask, CatalogueVersion
from ..models import applications as states
from . import applications as apps
from . import catalogue_store

OUTCOME_TEXT = {"revision": "Dikembalikan untuk revisi", "rejected": "Ditolak",
                "issued": "Disetujui, izin terbit", "moved": "Diteruskan",
                "waiting": "Rekomendasi diberikan; menunggu instansi lain"}
KIND_TEXT = {"submitted": "Permohonan dikirim", "resubmitted": "Revisi dikirim pemohon",
             "cancelled": "Dibatalkan pemohon", "expired": "Batas waktu revisi terlewati",
             "reopened": "Dibuka kembali untuk revisi", "revoked": "Izin dicabut"}


@dataclass(frozen=True)
class Entry:
    at: datetime
    title: str
    who: str
    note: str
    tone: str  # success | warning | danger | info | secondary


@dataclass(frozen=True)
class Stage:
    name: str
    state: str  # done | current | todo
    waiting_for: tuple[str, ...] = ()
    due: date | None = None


def _routing(application: Application) -> dict:
    return apps.catalogue_for(application).permit_routing(application.permit_code) or {}


def _step_name(routing: dict, key: str | None) -> str:
    if not key:
        return ""
    try:
        return routing_lib.find_step(routing, key).get("name", {}).get("id", key)
    except routing_lib.RoutingError:
        return key


def step_name(application: Application, key: str | None) -> str:
    return _step_name(_routing(application), key)


def _entry(routing: dict, event) -> Entry:
    """One audit entry in words; `event` is an ApplicationEvent or a row with its columns."""
    who = " ".join(x for x in (event.actor_role, event.actor_agency) if x)
    if event.kind == "action":
        outcome = (event.details or {}).get("outcome", "moved")
        title = f"{_step_name(routing, event.from_step)}: {OUTCOME_TEXT.get(outcome, outcome)}"
        tone = {"revision": "warning", "rejected": "danger", "issued": "success"}.get(
            outcome, "info")
    else:
        title = KIND_TEXT.get(event.kind, event.kind)
        who = "" if event.kind in ("submitted", "resubmitted", "cancelled") else who
        tone = {"cancelled": "secondary", "expired": "danger", "revoked": "danger"}.get(
            event.kind, "info")
    return Entry(event.created_at, title, who, event.note or "", tone)


def history(application: Application) -> list[Entry]:
    routing = _routing(application)
    return [_entry(routing, e) for e in application.events]


def _stages(routing: dict, status: str, current: str | None, open_tasks) -> list[Stage]:
    """The routing's steps in order, marked done / current / to do; `open_tasks` are the
    application's open tasks (anything with `due_date` and `agency_code`)."""
    steps = [s for s in routing.get("steps", []) if isinstance(s, dict)]
    found = False
    result = []
    finished = status in (states.ISSUED,)
    for step in steps:
        name = step.get("name", {}).get("id", step["key"])
        if finished:
            result.append(Stage(name, "done"))
        elif step["key"] == current and status == states.IN_PROCESS:
            found = True
            due = min((t.due_date for t in open_tasks), default=None)
            waiting = tuple(t.agency_code for t in open_tasks)
            result.append(Stage(name, "current", waiting, due))
        else:
            result.append(Stage(name, "todo" if found or current is None else "done"))
    return result


def stages(application: Application) -> list[Stage]:
    return _stages(_routing(application), application.status, application.current_step,
                   application.open_tasks)


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


# built once: composing a select of many columns costs more than running it
_A, _E, _T = Application, ApplicationEvent, ApplicationTask
_TRACKED = (select(_A.id, _A.resi, _A.status, _A.permit_name, _A.permit_code,
                   _A.registration_number, _A.submitted_at, _A.estimated_completion,
                   _A.current_step, _A.catalogue_version_id, CatalogueVersion.digest)
            .join(CatalogueVersion, CatalogueVersion.id == _A.catalogue_version_id)
            .where(_A.resi == bindparam("resi"), _A.status != states.DRAFT))
_EVENTS = (select(_E.created_at, _E.kind, _E.actor_role, _E.actor_agency, _E.from_step,
                  _E.note, _E.details)
           .where(_E.application_id == bindparam("id")).order_by(_E.id))
_OPEN_TASKS = (select(_T.due_date, _T.agency_code)
               .where(_T.application_id == bindparam("id"), _T.is_open).order_by(_T.id))


def public_tracking(resi: str) -> Tracking | None:
    """Three narrow reads (the application with its catalogue version's digest, its events,
    its open tasks) instead of loading the application with its answers and documents: the
    page is public and hot, and shows none of those."""
    row = db.session.execute(_TRACKED, {"resi": resi}).first()
    if row is None:
        return None
    cat = catalogue_store.catalogue_by(row.catalogue_version_id, row.digest)
    routing = cat.permit_routing(row.permit_code) or {}
    events = db.session.execute(_EVENTS, {"id": row.id}).all()
    tasks = db.session.execute(_OPEN_TASKS, {"id": row.id}).all() \
        if row.status == states.IN_PROCESS else []
    return Tracking(row.resi, row.status, row.permit_name, row.registration_number,
                    row.submitted_at, row.estimated_completion,
                    _stages(routing, row.status, row.current_step, tasks),
                    [_entry(routing, ev) for ev in events])


def for_applicant(application: Application) -> dict:
    return {"history": history(application), "stages": stages(application)}


def notes(application: Application) -> list[Entry]:
    """Staff notes the applicant must read: revision requests, rejection reasons, revocation."""
    return [e for e in history(application)
            if e.note and e.tone in ("warning", "danger") and e.who]


def last_revision_note(application: Application) -> Entry | None:
    found = [e for e in history(application) if e.tone == "warning" and e.who]
    return found[-1] if found else None
