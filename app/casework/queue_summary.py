"""The grid's summary strip (my queue per step, overdue per Dinas) and its filter choices
from the current catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from .. import i18n
from ..extensions import db
from ..models import Application, ApplicationTask
from ..models import applications as states
from ..services import applications as apps
from ..services import calendar, catalogue_store
from ..services.transitions import Actor
from .access import sees_everything
from .queue_where import RUNNING, my_tasks
from .rows import past_due_clause


@dataclass(frozen=True)
class Summary:
    per_step: list[tuple[str, str, int, int]]  # (step key, name, open, overdue)
    overdue_by_agency: list[tuple[str, int]]
    total: int
    overdue: int


def summary(actor: Actor, *, today: date | None = None, cat=None, lang: str = "id") -> Summary:
    """My queue per step, with how many of my tasks are past their own target (the rule
    the rows are shown red by and the overdue filter keeps: the step's SLA, not the
    permit's), counted on the task table's queue indexes; and the running applications
    past the permit's SLA per Dinas (the permit's agency), which link to Semua where that
    is the rule: every Dinas for the office, a Dinas member's own otherwise. These read
    only the overdue part of the running-applications index."""
    today = today or calendar.today()
    late = [Application.status == RUNNING,
            past_due_clause(Application.estimated_completion, today)]
    per_step = dict(db.session.execute(
        select(ApplicationTask.step, func.count()).where(*my_tasks(actor))
        .group_by(ApplicationTask.step)).all())
    late_step = dict(db.session.execute(
        select(ApplicationTask.step, func.count()).where(*my_tasks(actor, late_on=today))
        .group_by(ApplicationTask.step)).all())
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
def step_sources(cat, lang: str = "id") -> dict[str, list]:
    """Step key -> its names as the catalogue's routings write them ({"id", "en"}), one per
    name a reader of `lang` tells apart: what a page shows through `lokal_html` (marked
    lang="id" where an English reader gets one untranslated) and `step_names` joins."""
    found: dict[str, dict[str, object]] = {}
    for routing in (cat.routings if cat else []):
        for step in routing.get("steps", []):
            if isinstance(step, dict) and step.get("key"):
                name = i18n.text(step.get("name"), lang) or step["key"]
                found.setdefault(step["key"], {}).setdefault(
                    name, step.get("name") if i18n.text(step.get("name"), lang) else name)
    return {key: list(names.values()) for key, names in found.items()}


def step_names(cat, lang: str = "id") -> dict[str, str]:
    """Step key -> its name(s) in `lang` in the catalogue's routings ("A / B" when routings
    name the same key differently)."""
    return {key: " / ".join(i18n.text(s, lang) for s in sources)
            for key, sources in step_sources(cat, lang).items()}


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


def name_sources(cat) -> dict[str, dict[str, list]]:
    """The permit, application-type and agency filters' names as the catalogue writes them ({"id",
    "en"}), by filter and code: what a page shows through `lokal_html` (marked lang="id"
    where an English reader gets one untranslated), as `step_sources` for the steps."""
    if cat is None:
        return {"permit": {}, "jenis": {}, "agency": {}}
    return {"permit": {p["code"]: [p["name"]] for p in cat.permits},
            "jenis": {t["code"]: [t["name"]] for t in cat.application_types},
            "agency": {a["code"]: [a["name"]] for a in cat.agencies}}
