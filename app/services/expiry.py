"""Revision deadlines: an application left in revision past its deadline expires; authorised
staff can reopen it with a new deadline.

`expire_overdue` runs from `flask workflow expire` (cron) and from the outbox worker at most
once an hour. Each application is its own transaction under the optimistic lock, so an
applicant who sends the revision at the same moment wins or loses cleanly, and one failure
does not hold back the rest.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..models import Application, utcnow
from ..models import applications as states
from . import applications as apps
from . import calendar, notices
from .errors import DomainError
from .review import SUPER_ADMIN, Actor, office_or_super_admin
from .workflow import AlreadyProcessed, guarded

log = logging.getLogger("eptsp.expiry")
BATCH = 200
REOPEN_ROLES = ("Verifikator",)
MAX_REOPEN_DAYS = 30
SYSTEM = "Sistem (batas waktu revisi)"


def expire_overdue(today: date | None = None) -> int:
    """Marks every application in revision whose deadline (`revision_due`) is before `today`
    as expired, tells the applicant; returns how many expired. Nothing else is touched."""
    today = today or calendar.today()
    expired = 0
    after = 0
    while True:
        ids = db.session.scalars(
            select(Application.id)
            .where(Application.status == states.REVISION, Application.revision_due < today,
                   Application.id > after)
            .order_by(Application.id).limit(BATCH)).all()
        if not ids:
            return expired
        for application_id in ids:
            after = application_id
            try:
                if _expire_one(application_id, today):
                    expired += 1
            except AlreadyProcessed:  # resubmitted (or expired by another worker) meanwhile
                continue


def _expire_one(application_id: int, today: date) -> bool:
    application = db.session.get(Application, application_id)
    if application is None or application.status != states.REVISION or \
            application.revision_due is None or application.revision_due >= today:
        return False
    due = application.revision_due
    with guarded(application.id):
        application.status = states.EXPIRED
        event = apps.record(
            application, "expired", from_status=states.REVISION,
            note=f"Batas waktu revisi {due:%d-%m-%Y} terlewati tanpa revisi.",
            details={"revision_due": due.isoformat()})
        event.actor_name = SYSTEM
        db.session.flush()
        notices.tell_applicant(
            application, f"event{event.id}", "Batas waktu revisi terlewati",
            f"Permohonan {application.permit_name} tidak direvisi sampai batas waktu "
            f"{due:%d-%m-%Y}, sehingga statusnya menjadi Kedaluwarsa. Hubungi petugas DPMPTSP "
            "bila Anda ingin permohonan ini dibuka kembali.")
    return True


def can_reopen(actor: Actor) -> bool:
    """A Verifikator of the office, or a Super Admin."""
    return office_or_super_admin(actor, REOPEN_ROLES)


def default_days(application: Application) -> int:
    return int(apps.permit_of(application).get("revision_deadline_days", 5))


def reopen(application: Application, actor: Actor, days: int | None = None, *,
           note: str = "", seen_version: int | None = None) -> Application:
    """Back to revision with a new deadline of `days` working days (default: the permit's
    revision deadline); the routing still waits for the applicant, so Submit Revisi works."""
    if not can_reopen(actor):
        raise DomainError("Anda tidak berwenang membuka kembali permohonan.")
    if application.status != states.EXPIRED:
        raise DomainError("Hanya permohonan yang kedaluwarsa yang dapat dibuka kembali.")
    if seen_version is not None and seen_version != application.lock_version:
        from .workflow import _who_changed

        raise AlreadyProcessed(_who_changed(application.id))
    days = default_days(application) if days is None else days
    if not 1 <= days <= MAX_REOPEN_DAYS:
        raise DomainError(f"Batas waktu revisi harus 1 sampai {MAX_REOPEN_DAYS} hari kerja.",
                          field="days")
    cat = apps.catalogue_for(application)
    due = calendar.add_working_days(calendar.today(), days, cat)
    with guarded(application.id):
        application.status = states.REVISION
        application.revision_due = due
        if application.revision_started_at is None:
            application.revision_started_at = utcnow()
        text = note.strip()[:2000]
        event = apps.record(
            application, "reopened", actor=actor.user, role=_role(actor), agency=actor.agency,
            from_status=states.EXPIRED,
            note=(text + "\n" if text else "") + f"Batas revisi baru: {due:%d-%m-%Y}.",
            details={"revision_due": due.isoformat(), "days": days})
        db.session.flush()
        notices.tell_applicant(
            application, f"event{event.id}", "Permohonan dibuka kembali",
            f"Permohonan {application.permit_name} dibuka kembali untuk revisi. Batas waktu "
            f"revisi baru: {due:%d-%m-%Y}. Buka menu Revisi untuk memperbaikinya."
            + (f"\n\nCatatan petugas: {text}" if text else ""))
    return application


def _role(actor: Actor) -> str | None:
    for role in (*REOPEN_ROLES, SUPER_ADMIN):
        if role in actor.roles:
            return role
    return actor.roles[0] if actor.roles else None
