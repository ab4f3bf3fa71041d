"""The tracking timeline: what happened to an application and what comes next, in words.

Applicants see roles and agencies ("Verifikator DPMPTSP"), not staff names; the back office
reads the full audit trail instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from catalogue import routing as routing_lib

from ..models import Application, ApplicationEvent
from ..models import applications as states
from . import applications as apps

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


def step_name(application: Application, key: str | None) -> str:
    if not key:
        return ""
    try:
        return routing_lib.find_step(_routing(application), key).get("name", {}).get("id", key)
    except routing_lib.RoutingError:
        return key


def _entry(application: Application, event: ApplicationEvent) -> Entry:
    who = " ".join(x for x in (event.actor_role, event.actor_agency) if x)
    if event.kind == "action":
        outcome = (event.details or {}).get("outcome", "moved")
        title = f"{step_name(application, event.from_step)}: {OUTCOME_TEXT.get(outcome, outcome)}"
        tone = {"revision": "warning", "rejected": "danger", "issued": "success"}.get(
            outcome, "info")
    else:
        title = KIND_TEXT.get(event.kind, event.kind)
        who = "" if event.kind in ("submitted", "resubmitted", "cancelled") else who
        tone = {"cancelled": "secondary", "expired": "danger", "revoked": "danger"}.get(
            event.kind, "info")
    return Entry(event.created_at, title, who, event.note or "", tone)


def history(application: Application) -> list[Entry]:
    return [_entry(application, e) for e in application.events]


def stages(application: Application) -> list[Stage]:
    """The routing's steps in order, marked done / current / to do."""
    steps = [s for s in _routing(application).get("steps", []) if isinstance(s, dict)]
    current = application.current_step
    found = False
    result = []
    finished = application.status in (states.ISSUED,)
    for step in steps:
        name = step.get("name", {}).get("id", step["key"])
        if finished:
            result.append(Stage(name, "done"))
        elif step["key"] == current and application.status == states.IN_PROCESS:
            found = True
            due = min((t.due_date for t in application.open_tasks), default=None)
            waiting = tuple(t.agency_code for t in application.open_tasks)
            result.append(Stage(name, "current", waiting, due))
        else:
            result.append(Stage(name, "todo" if found or current is None else "done"))
    return result


def for_applicant(application: Application) -> dict:
    return {"history": history(application), "stages": stages(application)}


def notes(application: Application) -> list[Entry]:
    """Staff notes the applicant must read: revision requests, rejection reasons, revocation."""
    return [e for e in history(application)
            if e.note and e.tone in ("warning", "danger") and e.who]


def last_revision_note(application: Application) -> Entry | None:
    found = [e for e in history(application) if e.tone == "warning" and e.who]
    return found[-1] if found else None
