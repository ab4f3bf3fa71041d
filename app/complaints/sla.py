"""A complaint's promise: answered and closed within its category's working days, counted
with the catalogue's holidays (app/services/calendar.py), from the office's local date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_

import catalogue as cat_lib

from ..models import Complaint
from ..services import calendar, catalogue_store
from .status import OPEN


def due_date(start: date, days: int) -> date:
    cat = catalogue_store.current()
    if cat is None:  # nothing published yet: weekends are still skipped
        return cat_lib.add_working_days(start, days)
    return calendar.add_working_days(start, days, cat)


def is_overdue(complaint: Complaint, today: date | None = None) -> bool:
    return complaint.status in OPEN and (today or calendar.today()) > complaint.due_on


def overdue_clause(today: date):
    """The same rule as SQL, for the queue's filter and counts."""
    return and_(Complaint.status.in_(OPEN), Complaint.due_on < today)
