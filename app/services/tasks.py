"""Work items of a routing step (application_task): opened when an application reaches a step,
closed when someone acts or the application leaves the routing. Only transitions call these,
inside the transaction of the change that opens or closes them."""

from __future__ import annotations

import catalogue as cat_lib
from catalogue import routing as routing_lib

from ..extensions import db
from ..i18n import N_
from ..models import Application, ApplicationTask, utcnow
from . import calendar
from .errors import DomainError


def routing_of(cat: cat_lib.Catalogue, permit: dict) -> dict:
    routing = cat.routing(permit.get("routing", ""))
    if routing is None:
        raise DomainError(N_("Alur proses izin ini tidak ditemukan pada katalog."))
    return routing


def open_for(application: Application, routing: dict, state: routing_lib.RoutingState,
             cat: cat_lib.Catalogue) -> None:
    """One task per role and agency the step now waits for, due after the step's SLA."""
    if state.finished or state.awaiting_applicant:
        return
    step = routing_lib.find_step(routing, state.step)
    due = calendar.add_working_days(calendar.today(), int(step.get("sla_days", 1)), cat)
    for task in routing_lib.pending_tasks(routing, state):
        db.session.add(ApplicationTask(application_id=application.id, step=task.step,
                                       role=task.role, agency_code=task.agency, due_date=due))


def close(application: Application, *, agency: str | None = None, action: str | None = None,
          actor=None) -> None:
    """Closes the open tasks (of one agency, recording who acted and how, when given)."""
    now = utcnow()
    for task in application.open_tasks:
        if agency is None or task.agency_code == agency:
            task.is_open = False
            task.closed_at = now
            if agency is not None:
                task.action = action
                task.actor_id = actor.id if actor is not None else None
