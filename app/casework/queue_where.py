"""The WHERE clauses of the grid: whose open task (Antrian Saya), what the filters and the
search keep, and what the person may see (Semua).

"Overdue" in Antrian Saya is my open task past its own target (the step's SLA, stored as
the task's due date), the rule the rows are shown red by (rows.past_due); in Semua it is
the permit's SLA."""

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
from .rows import past_due_clause
from .search import where as search_where

# written into the SQL as a literal (not a bound parameter) so that the planners can match
# the partial indexes on running applications and open tasks
RUNNING = literal_column(f"'{states.IN_PROCESS}'")


def task_where(actor: Actor, task=ApplicationTask) -> list:
    if actor.agency is None or not actor.roles:
        return [false()]
    return [task.is_open == true(), task.role.in_(actor.roles),
            task.agency_code == actor.agency]


def my_tasks(actor: Actor, step: str = "", late_on: date | None = None,
             task=ApplicationTask, *, probe: bool = False) -> list:
    """My open tasks (at `step`; past their own target on `late_on`, by the rows' rule).
    In a per-application probe the due date is wrapped in coalesce so that a planner finds
    the task by its application (ix_task_open_probe), not by walking my overdue tasks in
    ix_task_queue for every application it probes."""
    where = task_where(actor, task)
    if step:
        where.append(task.step == step)
    if late_on is not None:
        due = func.coalesce(task.due_date, task.due_date) if probe else task.due_date
        where.append(past_due_clause(due, late_on))
    return where


def my_task(actor: Actor, step: str = "", late_on: date | None = None) -> tuple:
    """The correlated probe: an open task of this application for one of my roles in my
    agency (at `step`; past its target on `late_on`)."""
    task = aliased(ApplicationTask)
    return task, [task.application_id == Application.id,
                  *my_tasks(actor, step, late_on, task, probe=True)]


def mine(actor: Actor, step: str = "", late_on: date | None = None) -> list:
    _task, where = my_task(actor, step, late_on)
    return [Application.status == RUNNING, exists().where(*where)]


def late_on(filters: Filters, today: date) -> date | None:
    """The day against which "only overdue" tests my tasks' targets (None: no such filter)."""
    return today if filters.overdue else None


def my_step(actor: Actor):
    task, where = my_task(actor)
    return select(task.step).where(*where).limit(1).scalar_subquery()


def my_due(actor: Actor):
    """The target of my open task on the row. A step opens one task per role and agency
    (services/tasks.open_for), so this is one probe of ix_task_open_probe; a min() here
    would let SQLite walk my whole queue in due-date order for every row instead."""
    task, where = my_task(actor)
    return select(task.due_date).where(*where).limit(1).scalar_subquery()


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
    if filters.overdue and scope == ALL:  # in "mine" my task's target (the probe)
        where += [Application.status == RUNNING,
                  past_due_clause(Application.estimated_completion, today)]
    return where


def scope_where(actor: Actor, scope: str, filters: Filters, today: date, *,
                 counting: bool = False) -> list:
    where = app_where(filters, scope, today)
    if scope == MINE:
        return [*mine(actor, filters.step, late_on(filters, today)), *where]
    return [visibility(actor, counting=counting), *where]

