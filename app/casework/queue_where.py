"""The WHERE clauses of the grid: whose open task (Antrian Saya), what the filters and the
search keep, and what the person may see (Semua)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import exists, false, func, literal_column, select, true
from sqlalchemy.orm import aliased

from ..models import Application, ApplicationTask
from ..models import applications as states
from ..services import calendar
from ..services.transitions import Actor
from .access import visibility
from .queue_filters import ALL, MINE, Filters
from .search import where as search_where

# written into the SQL as a literal (not a bound parameter) so that the planners can match
# the partial indexes on running applications and open tasks
RUNNING = literal_column(f"'{states.IN_PROCESS}'")


def task_where(actor: Actor, task=ApplicationTask) -> list:
    if actor.agency is None or not actor.roles:
        return [false()]
    return [task.is_open == true(), task.role.in_(actor.roles),
            task.agency_code == actor.agency]


def my_task(actor: Actor, step: str = "") -> tuple:
    """The correlated probe: an open task of this application for one of my roles in my
    agency (and at `step`)."""
    task = aliased(ApplicationTask)
    where = [task.application_id == Application.id, *task_where(actor, task)]
    if step:
        where.append(task.step == step)
    return task, where


def mine(actor: Actor, step: str = "") -> list:
    _task, where = my_task(actor, step)
    return [Application.status == RUNNING, exists().where(*where)]


def my_step(actor: Actor):
    task, where = my_task(actor)
    return select(task.step).where(*where).limit(1).scalar_subquery()


def app_where(filters: Filters, scope: str, today: date) -> list:
    """Filters on application columns (the step of "mine" is part of the task probe). In
    "mine" the submission date is tested on the running-applications index as it is read in
    SLA order (coalesce keeps a planner from ranging over every running application that
    was submitted in the period and sorting them all)."""
    where = search_where(filters.q)
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


def scope_where(actor: Actor, scope: str, filters: Filters, today: date, *,
                 counting: bool = False) -> list:
    where = app_where(filters, scope, today)
    if scope == MINE:
        return [*mine(actor, filters.step), *where]
    return [visibility(actor, counting=counting), *where]

