"""The report's figures: read from the counters the transition engine keeps
(app/models/reports.py) and, for what is late right now, from the running applications
themselves (the partial index of running applications covers that query).

Each part is one query, so each can be measured on its own (bench/reports_p95.py):
- `received`: applications submitted in the period by their current status, per permit,
  application type, Dinas and region (one grouped read; the breakdowns are added up here);
- `closed`: applications that reached a final status in the period, with SLA compliance and
  the average and median working days of the decided ones (revision time excluded);
- `trend`: received and decided per day (periods up to two months) or per month;
- `overdue`: running applications past their promised date now, per step and per Dinas.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, literal_column, or_, select

from .. import casework
from ..extensions import db
from ..models import Application, ReportCount
from ..models import applications as states
from ..services.transitions import Actor
from .period import Period, month_start
from .summary import CLOSED, DAY, DECIDED, MONTH, RECEIVED

COLUMNS = ("received", "in_process", "issued", "rejected", "cancelled", "expired")
COLUMN_OF = {states.IN_PROCESS: "in_process", states.REVISION: "in_process",
             states.ISSUED: "issued", states.REJECTED: "rejected",
             states.CANCELLED: "cancelled", states.EXPIRED: "expired"}
DAILY_UP_TO = 62  # longer periods trend per month
RUNNING = literal_column(f"'{states.IN_PROCESS}'")  # a literal: matches the partial index


@dataclass
class Counts:
    received: int = 0
    in_process: int = 0
    issued: int = 0
    rejected: int = 0
    cancelled: int = 0
    expired: int = 0

    def add(self, status: str, n: int) -> None:
        self.received += n
        column = COLUMN_OF.get(status)
        if column:
            setattr(self, column, getattr(self, column) + n)

    def values(self) -> list[int]:
        return [getattr(self, c) for c in COLUMNS]


@dataclass
class Speed:
    """Decided applications (issued or rejected): how many within SLA, how long they took."""

    decided: int = 0
    on_time: int = 0
    days: Counter = field(default_factory=Counter)  # working days -> applications

    def add(self, work_days: int, on_time: bool, n: int) -> None:
        self.decided += n
        self.on_time += n if on_time else 0
        self.days[work_days] += n

    @property
    def sla_percent(self) -> float | None:
        return 100.0 * self.on_time / self.decided if self.decided else None

    @property
    def mean_days(self) -> float | None:
        return sum(d * n for d, n in self.days.items()) / self.decided if self.decided else None

    @property
    def median_days(self) -> float | None:
        """The middle value (the mean of the two middle ones for an even count)."""
        if not self.decided:
            return None
        wanted = ((self.decided - 1) // 2, self.decided // 2)
        found, seen = [], 0
        for days in sorted(self.days):
            count = self.days[days]
            found += [days for position in wanted if seen <= position < seen + count]
            seen += count
        return sum(found) / 2


@dataclass(frozen=True)
class Scope:
    """Whose applications: one Dinas (the permit's agency) or all (None), one permit or all."""

    agency: str | None = None
    permit: str | None = None

    def where(self, agency_column, permit_column) -> list:
        found = []
        if self.agency is not None:
            found.append(agency_column == self.agency)
        if self.permit is not None:
            found.append(permit_column == self.permit)
        return found


def scope_for(actor: Actor, agency: str = "", permit: str = "") -> Scope:
    """The office (and the administrator) choose any Dinas or all of them; a Dinas member
    always reads their own Dinas, whatever was asked (the case file's rule)."""
    if casework.sees_everything(actor):
        return Scope(agency or None, permit or None)
    return Scope(actor.agency or "", permit or None)


def _period_where(basis: str, period: Period, days_only: bool = False):
    """Each branch names grain, basis and a day range: the counters' key begins with exactly
    these, so every branch is one range of the key (a basis outside the branches made SQLite
    scan every counter of a grain). `days_only`: day counters for the whole period, no month
    counters (a daily trend)."""
    months, days = (None, [(period.start, period.end)]) if days_only else period.spans()
    rc = ReportCount
    parts = [and_(rc.grain == DAY, rc.basis == basis, rc.day.between(a, b)) for a, b in days]
    if months:
        parts.append(and_(rc.grain == MONTH, rc.basis == basis, rc.day.between(*months)))
    return or_(*parts)


def _counted(span, scope: Scope, *columns, where=()):
    """Counters summed per `columns` over `span` (a condition on grain, basis and day)."""
    return db.session.execute(
        select(*columns, func.sum(ReportCount.count))
        .where(span, *where, *scope.where(ReportCount.agency_code, ReportCount.permit_code))
        .group_by(*columns)).all()


def _summed(basis: str, scope: Scope, period: Period, *columns):
    return _counted(_period_where(basis, period), scope, *columns)


# received ----------------------------------------------------------------------------------
@dataclass
class Received:
    total: Counts = field(default_factory=Counts)
    by_permit: dict[str, Counts] = field(default_factory=dict)
    by_type: dict[str, Counts] = field(default_factory=dict)
    by_agency: dict[str, Counts] = field(default_factory=dict)
    by_region: dict[str, Counts] = field(default_factory=dict)


def received(scope: Scope, period: Period) -> Received:
    found = Received()
    rc = ReportCount
    for agency, permit, app_type, region, status, n in _summed(
            RECEIVED, scope, period, rc.agency_code, rc.permit_code, rc.application_type,
            rc.region_code, rc.status):
        if not n:
            continue
        found.total.add(status, n)
        for table, key in ((found.by_permit, permit), (found.by_type, app_type),
                           (found.by_agency, agency), (found.by_region, region)):
            table.setdefault(key, Counts()).add(status, n)
    return found


# closed ------------------------------------------------------------------------------------
@dataclass
class Closed:
    by_status: Counter = field(default_factory=Counter)  # final status -> applications
    speed: Speed = field(default_factory=Speed)
    by_permit: dict[str, Speed] = field(default_factory=dict)
    by_agency: dict[str, Speed] = field(default_factory=dict)


def closed(scope: Scope, period: Period) -> Closed:
    found = Closed()
    rc = ReportCount
    for agency, permit, status, work_days, on_time, n in _summed(
            CLOSED, scope, period, rc.agency_code, rc.permit_code, rc.status, rc.work_days,
            rc.on_time):
        if not n:
            continue
        found.by_status[status] += n
        if status in DECIDED:
            found.speed.add(work_days, on_time, n)
            found.by_permit.setdefault(permit, Speed()).add(work_days, on_time, n)
            found.by_agency.setdefault(agency, Speed()).add(work_days, on_time, n)
    return found


# trend -------------------------------------------------------------------------------------
@dataclass
class Bucket:
    start: date
    received: int = 0
    issued: int = 0
    rejected: int = 0


def trend(scope: Scope, period: Period) -> tuple[str, list[Bucket]]:
    """("day" | "month", buckets in order, empty ones included). Periods up to two months
    read the day counters; longer ones whole months plus the days at either end."""
    rc = ReportCount
    daily = period.days <= DAILY_UP_TO
    if daily:
        buckets = [period.start + timedelta(days=i) for i in range(period.days)]
    else:
        buckets, day = [], month_start(period.start)
        while day <= period.end:
            buckets.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
    found = {day: Bucket(day) for day in buckets}

    def bucket(day: date) -> Bucket:
        return found[day if daily else month_start(day)]

    for day, n in _counted(_period_where(RECEIVED, period, daily), scope, rc.day):
        bucket(day).received += n
    for day, status, n in _counted(_period_where(CLOSED, period, daily), scope, rc.day, rc.status,
                                   where=[rc.status.in_(DECIDED)]):
        if status == states.ISSUED:
            bucket(day).issued += n
        else:
            bucket(day).rejected += n
    return ("day" if daily else "month"), list(found.values())


# overdue now -------------------------------------------------------------------------------
@dataclass
class Overdue:
    total: int = 0
    by_step: dict[str, int] = field(default_factory=dict)
    by_agency: dict[str, int] = field(default_factory=dict)


def overdue(scope: Scope, today: date) -> Overdue:
    """Running applications whose promised completion date has passed, right now."""
    where = [Application.status == RUNNING, Application.estimated_completion < today,
             *scope.where(Application.agency_code, Application.permit_code)]
    rows = db.session.execute(
        select(Application.current_step, Application.agency_code, func.count())
        .where(*where).group_by(Application.current_step, Application.agency_code)).all()
    found = Overdue()
    for step, agency, n in rows:
        found.total += n
        found.by_step[step or ""] = found.by_step.get(step or "", 0) + n
        found.by_agency[agency] = found.by_agency.get(agency, 0) + n
    return found
