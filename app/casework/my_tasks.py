"""The REST API's "Antrian Saya": the open tasks a staff member can act on.

A task is open for one role in one agency (application_task); a person sees those whose role
is one of theirs and whose agency is the agency of their staff profile. The task table's
(role, agency_code, is_open, due_date) index serves this query, earliest deadline first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..models import Application, ApplicationTask
from ..services import applications as apps
from ..services import calendar, timeline
from ..services.pagination import Page, paginate
from ..services.transitions import Actor
from .access import can_see
from .queue_where import RUNNING, my_tasks
from .rows import past_due


@dataclass(frozen=True)
class QueueItem:
    task: ApplicationTask
    application: Application
    step_name: str
    sla_left: int | None  # working days to the task's due date; negative when overdue

    @property
    def overdue(self) -> bool:
        """The grid's rule (rows.past_due): the task past its own target."""
        return past_due(self.task.due_date, calendar.today())


def query(actor: Actor):
    """My open tasks, the grid's Antrian Saya (queue_where.my_tasks), in its urgency order."""
    return (select(ApplicationTask)
            .join(Application, Application.id == ApplicationTask.application_id)
            .where(*my_tasks(actor), Application.status == RUNNING)
            .order_by(ApplicationTask.due_date, ApplicationTask.id))


def my_queue(actor: Actor, page: int = 1, per_page: int = 20) -> Page:
    """A page whose items are QueueItem."""
    found = paginate(query(actor), page, per_page)
    today = calendar.today()
    items = [_item(task, today) for task in found.items]
    return Page(items, found.page, found.pages, found.total, found.per_page)


def _item(task: ApplicationTask, today: date) -> QueueItem:
    application = task.application
    cat = apps.catalogue_for(application)
    return QueueItem(task, application, timeline.step_name(application, task.step),
                     calendar.working_days_left(task.due_date, cat, on=today))


def visible(uid: str, actor: Actor) -> Application | None:
    """The application if this person may see it (casework.can_see), else None: a missing one
    and another Dinas' one look the same."""
    found = db.session.scalar(select(Application).where(Application.uid == uid))
    if found is None or not can_see(found, actor):
        return None
    return found
