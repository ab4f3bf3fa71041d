"""Closed applications per month, permit, Dinas and final status (table closed_count).

The transition engine adds one when a transition closes an application (issued, rejected,
cancelled), in the transition's own transaction, so the counts are as exact as the statuses
they count and a report never counts a year of applications row by row (the Survey IKM's
population is read here). `rebuild` recomputes them from the applications.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import delete, func, select

from ..database import add_counts
from ..extensions import db
from ..models import Application, ClosedCount
from ..models import applications as states
from . import calendar


def month_of(moment: datetime) -> date:
    """The first day of the office's calendar month of a stored (naive UTC) moment."""
    day = calendar.local_date(moment)
    return date(day.year, day.month, 1)


def add(application: Application) -> None:
    """In the caller's transaction: the transition that closed `application`."""
    add_counts(ClosedCount, [dict(
        month=month_of(application.closed_at), permit_code=application.permit_code,
        agency_code=application.agency_code, status=application.status, n=1)])


def counts(start: date, end: date, statuses: Iterable[str], *, permit: str | None = None,
           agencies: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
    """(permit, Dinas) -> applications closed with one of `statuses` in months [start, end)."""
    stmt = (select(ClosedCount.permit_code, ClosedCount.agency_code, func.sum(ClosedCount.n))
            .where(ClosedCount.month >= start, ClosedCount.month < end,
                   ClosedCount.status.in_(list(statuses)))
            .group_by(ClosedCount.permit_code, ClosedCount.agency_code))
    if permit:
        stmt = stmt.where(ClosedCount.permit_code == permit)
    if agencies is not None:
        stmt = stmt.where(ClosedCount.agency_code.in_(sorted(agencies)))
    return {(p, a): int(n) for p, a, n in db.session.connection().execute(stmt)}


def rebuild(batch: int = 20_000) -> int:
    """Recounts from the applications; returns how many closed applications were counted."""
    found: Counter = Counter()
    stmt = (select(Application.closed_at, Application.permit_code, Application.agency_code,
                   Application.status)
            .where(Application.status.in_(states.CLOSED_STATUSES),
                   Application.closed_at.is_not(None))
            .execution_options(yield_per=batch))
    for closed_at, permit_code, agency_code, status in db.session.execute(stmt):
        found[(month_of(closed_at), permit_code, agency_code, status)] += 1
    db.session.execute(delete(ClosedCount))
    rows = [dict(month=k[0], permit_code=k[1], agency_code=k[2], status=k[3], n=n)
            for k, n in found.items()]
    for start in range(0, len(rows), batch):
        add_counts(ClosedCount, rows[start:start + batch])
    db.session.commit()
    return sum(found.values())
