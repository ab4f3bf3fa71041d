"""Keeping the report counters (app/models/reports.py) in step with the applications.

`record_change` is the transition engine's one hook (`transitions.apply`, after the audit
event, in the same transaction): a status change moves the application from one "received"
counter to another, and reaching a final status adds a "closed" counter with its processing
time. Each counter exists twice, for its day and for its month. The upserts run in key
order, so two transactions touching the same counters never wait on each other in a cycle.

`rebuild` recounts everything from the applications and their events (after an upgrade, or
to repair), as `flask reports rebuild`.

Processing time is in working days of the application's pinned catalogue (weekends and its
holidays skipped), from the submission day to the closing day, minus the days the
application waited for the applicant (revision, and expiry until a reopening), measured from
the application's events, the same way Submit Revisi moves the promised completion date.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import delete, insert, select

import catalogue as cat_lib

from ..database import add_counts
from ..extensions import db
from ..models import Application, ApplicationEvent, CatalogueVersion, ReportCount
from ..models import applications as states
from ..services import applications as apps
from ..services import calendar, catalogue_store
from .period import month_start

DAY, MONTH = "d", "m"
RECEIVED, CLOSED = "received", "closed"
FINAL = (states.ISSUED, states.REJECTED, states.CANCELLED, states.EXPIRED)
DECIDED = (states.ISSUED, states.REJECTED)  # the outcomes the SLA is promised for
WAITING = (states.REVISION, states.EXPIRED)  # the applicant's turn: the SLA clock stops
KEY = ("grain", "basis", "day", "agency_code", "permit_code", "application_type",
       "region_code", "status", "work_days", "on_time")


def region_of(data: dict | None) -> str:
    """The regency (else province) of the permit's location."""
    location = (data or {}).get("location") or {}
    return str(location.get("regency_code") or location.get("province_code") or "")[:13]


def _add(deltas: Counter, basis: str, day: date, dims: tuple, status: str, n: int,
         work_days: int = 0, on_time: bool = False) -> None:
    agency, permit, app_type, region = dims
    for grain, when in ((DAY, day), (MONTH, month_start(day))):
        deltas[(grain, basis, when, agency, permit, app_type,
                region if basis == RECEIVED else "", status, work_days, on_time)] += n


def record_change(application: Application, from_status: str | None,
                  event: ApplicationEvent) -> None:
    """Moves the counters for one transition (nothing when the status stays the same)."""
    to_status = application.status
    if from_status == to_status or application.submitted_at is None:
        return
    dims = (application.agency_code, application.permit_code, application.application_type,
            region_of(application.data))
    received_on = calendar.local_date(application.submitted_at)
    deltas: Counter = Counter()
    if from_status not in (None, states.DRAFT):
        _add(deltas, RECEIVED, received_on, dims, from_status, -1)
    _add(deltas, RECEIVED, received_on, dims, to_status, 1)
    if to_status in FINAL:
        closed_on = calendar.local_date(event.created_at)
        work_days, on_time = timing(application, closed_on, _waits(application.id))
        _add(deltas, CLOSED, closed_on, dims, to_status, 1, work_days, on_time)
    _upsert(deltas)


def _upsert(deltas: Counter) -> None:
    """In key order (the lock order)."""
    add_counts(ReportCount, [dict(zip(KEY, key, strict=True), count=deltas[key])
                             for key in sorted(deltas)], count="count")


def _waits(application_id: int) -> list[tuple[datetime, str]]:
    return [(moment, status) for moment, status in db.session.execute(
        select(ApplicationEvent.created_at, ApplicationEvent.to_status)
        .where(ApplicationEvent.application_id == application_id)
        .order_by(ApplicationEvent.id))]


def paused_days(events: list[tuple[datetime, str]], holidays: list[date],
                local=None) -> int:
    """Working days spent waiting for the applicant, from (time, status reached) events."""
    local = local or calendar.local_date
    paused, since = 0, None
    for moment, status in events:
        if status in WAITING and since is None:
            since = local(moment)
        elif status not in WAITING and since is not None:
            paused += cat_lib.working_days_between(since, local(moment), holidays)
            since = None
    return paused


class Rules:
    """What timing needs from an application's pinned catalogue, read once per version."""

    def __init__(self, cat: cat_lib.Catalogue):
        self.holidays = sorted(cat.holiday_dates())
        self.sla = {p["code"]: int(p.get("sla_working_days") or 0) for p in cat.permits}

    def timing(self, status: str, submitted_on: date, permit: str, closed_on: date,
               paused: int) -> tuple[int, bool]:
        """(working days taken, within the permit's SLA) for a decided application; (0,
        False) for one that was cancelled or expired (no SLA was owed)."""
        if status not in DECIDED:
            return 0, False
        taken = cat_lib.working_days_between(submitted_on, closed_on, self.holidays)
        days = max(0, taken - paused)
        sla = self.sla.get(permit, 0)
        return days, days <= sla if sla else True


def timing(application: Application, closed_on: date, events) -> tuple[int, bool]:
    rules = Rules(apps.catalogue_for(application))
    return rules.timing(application.status, calendar.local_date(application.submitted_at),
                        application.permit_code, closed_on,
                        paused_days(events, rules.holidays))


# rebuilding --------------------------------------------------------------------------------
COLUMNS = (Application.id, Application.submitted_at, Application.status,
           Application.agency_code, Application.permit_code, Application.application_type,
           Application.catalogue_version_id, Application.closed_at, Application.updated_at,
           Application.revision_round,
           Application.data[("location", "regency_code")].as_string().label("regency"),
           Application.data[("location", "province_code")].as_string().label("province"))


def rebuild(batch: int = 5000) -> int:
    """Every counter recounted from the applications and their events, in one transaction;
    returns how many applications were counted. Run it while nobody is working (a change
    committed meanwhile could be counted twice or not at all)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])

    def local(moment: datetime) -> date:
        return moment.replace(tzinfo=UTC).astimezone(zone).date()

    db.session.execute(delete(ReportCount))
    deltas: Counter = Counter()
    counted = 0
    stmt = select(*COLUMNS).where(Application.submitted_at.is_not(None)) \
        .execution_options(yield_per=batch)
    rules = _RulesByVersion()
    for rows in db.session.execute(stmt).partitions():
        waits = _waits_of([r.id for r in rows if r.revision_round and r.status in DECIDED])
        for row in rows:
            counted += 1
            dims = (row.agency_code, row.permit_code, row.application_type,
                    (row.regency or row.province or "")[:13])
            submitted_on = local(row.submitted_at)
            _add(deltas, RECEIVED, submitted_on, dims, row.status, 1)
            if row.status in FINAL:
                closed_on = local(row.closed_at or row.updated_at)
                rule = rules[row.catalogue_version_id]
                paused = paused_days(waits.get(row.id, []), rule.holidays, local)
                work_days, on_time = rule.timing(row.status, submitted_on, row.permit_code,
                                                 closed_on, paused)
                _add(deltas, CLOSED, closed_on, dims, row.status, 1, work_days, on_time)
    rows = [dict(zip(KEY, key, strict=True), count=n) for key, n in deltas.items() if n]
    for start in range(0, len(rows), batch):
        db.session.execute(insert(ReportCount), rows[start:start + batch])
    db.session.commit()
    return counted


class _RulesByVersion(dict):
    def __missing__(self, version_id: int) -> Rules:
        digest = db.session.scalar(select(CatalogueVersion.digest)
                                   .where(CatalogueVersion.id == version_id))
        self[version_id] = found = Rules(catalogue_store.catalogue_by(version_id, digest))
        return found


def _waits_of(ids: list[int]) -> dict[int, list[tuple[datetime, str]]]:
    found: dict[int, list[tuple[datetime, str]]] = {}
    for start in range(0, len(ids), 500):
        for application_id, moment, status in db.session.execute(
                select(ApplicationEvent.application_id, ApplicationEvent.created_at,
                       ApplicationEvent.to_status)
                .where(ApplicationEvent.application_id.in_(ids[start:start + 500]))
                .order_by(ApplicationEvent.application_id, ApplicationEvent.id)):
            found.setdefault(application_id, []).append((moment, status))
    return found


def closed_per_permit_and_agency(start: date, end: date, statuses, *,
                                 permit: str | None = None,
                                 agencies=None) -> dict[tuple[str, str], int]:
    """(permit, Dinas) -> applications that reached one of `statuses` in the months
    [start, end), from the monthly "closed" counters (the Survey IKM's population)."""
    from sqlalchemy import func

    table = ReportCount
    stmt = (select(table.permit_code, table.agency_code, func.sum(table.count))
            .where(table.grain == MONTH, table.basis == CLOSED, table.day >= start,
                   table.day < end, table.status.in_(list(statuses)))
            .group_by(table.permit_code, table.agency_code))
    if permit:
        stmt = stmt.where(table.permit_code == permit)
    if agencies is not None:
        stmt = stmt.where(table.agency_code.in_(sorted(agencies)))
    return {(p, a): int(n) for p, a, n in db.session.connection().execute(stmt)}
