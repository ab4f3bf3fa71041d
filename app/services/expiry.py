"""Revision deadlines: an application left in revision past its deadline expires; staff of
the office holding the "reopen" power (catalogue roles) can reopen it with a new deadline.

`expire_overdue` runs from `flask workflow expire` (cron) and from the outbox worker at most
once an hour. Each application is its own transition, so an applicant who sends the revision
at the same moment wins or loses cleanly, and one failure does not hold back the rest.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forms_schema import long_date

from .. import casework
from ..extensions import db
from ..i18n import N_
from ..models import Application, utcnow
from ..models import applications as states
from . import applications as apps
from . import calendar
from .errors import DomainError
from .notices import Notice, permit_name
from .transitions import ActionRefused, Actor, AlreadyProcessed, Change, Outcome, Transition, apply

BATCH = 200
MAX_REOPEN_DAYS = 30
MSG_DAYS_RANGE = N_("Batas waktu revisi harus 1 sampai {limit} hari kerja.")
SYSTEM = N_("Sistem (batas waktu revisi)")  # the actor the audit trail names


class Expire(Transition):
    name = "expire"

    def __init__(self, today: date):
        self.today = today

    def guard(self, application: Application, actor: Actor) -> None:
        if application.revision_due is None or application.revision_due >= self.today:
            raise DomainError(N_("Batas waktu revisi permohonan ini belum lewat."))

    def effect(self, application: Application, actor: Actor) -> Change:
        due = application.revision_due
        application.status = states.EXPIRED
        office = casework.office_agency()
        return Change(
            "expired", note=f"Batas waktu revisi {long_date(due, 'id')} terlewati tanpa revisi.",
            details={"revision_due": due.isoformat()}, notice=lambda a: Notice(
                _l("Batas waktu revisi terlewati"),
                _l("Permohonan %(permit)s tidak direvisi sampai batas waktu %(date)s, sehingga "
                   "statusnya menjadi Kedaluwarsa. Hubungi petugas %(office)s bila Anda ingin "
                   "permohonan ini dibuka kembali."),
                {"permit": permit_name(a), "date": due, "office": office}))


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
            application = db.session.get(Application, application_id)
            try:
                apply(application, Expire(today), Actor.system(SYSTEM))
                expired += 1
            except (AlreadyProcessed, DomainError):  # resubmitted (or expired) meanwhile
                continue


def can_reopen(actor: Actor, application: Application) -> bool:
    return casework.holds_power(actor, "reopen", application)


def default_days(application: Application) -> int:
    return int(apps.permit_of(application).get("revision_deadline_days", 5))


class Reopen(Transition):
    """Back to revision with a new deadline; the routing still waits for the applicant, so
    Submit Revisi works."""

    name = "reopen"
    audited = True
    refused = N_("Hanya permohonan yang kedaluwarsa yang dapat dibuka kembali.")

    def __init__(self, days: int | None, note: str):
        self.days = days
        self.note = note.strip()[:2000]

    def final(self, application: Application, actor: Actor) -> None:
        if not can_reopen(actor, application):
            raise ActionRefused(N_("Anda tidak berwenang membuka kembali permohonan."))

    def guard(self, application: Application, actor: Actor) -> None:
        self.days = default_days(application) if self.days is None else self.days
        if not 1 <= self.days <= MAX_REOPEN_DAYS:
            raise DomainError(MSG_DAYS_RANGE.format(limit=MAX_REOPEN_DAYS), field="days")

    def effect(self, application: Application, actor: Actor) -> Change:
        due = calendar.add_working_days(calendar.today(), self.days,
                                        apps.catalogue_for(application))
        application.status = states.REVISION
        application.revision_due = due
        if application.revision_started_at is None:
            application.revision_started_at = utcnow()
        text = self.note
        return Change(
            "reopened", role=casework.power_role(actor, "reopen", application),
            note=(text + "\n" if text else "") + f"Batas revisi baru: {long_date(due, 'id')}.",
            details={"revision_due": due.isoformat(), "days": self.days},
            notice=lambda a: Notice(
                _l("Permohonan dibuka kembali"),
                (_l("Permohonan %(permit)s dibuka kembali untuk revisi. Batas waktu revisi "
                    "baru: %(date)s. Buka menu Revisi untuk memperbaikinya."),
                 *((_l("Catatan petugas: %(note)s"),) if text else ())),
                {"permit": permit_name(a), "date": due, "note": text}))


def reopen(application: Application, actor: Actor, days: int | None = None, *,
           note: str = "", seen_version: int | None = None) -> Outcome:
    return apply(application, Reopen(days, note), actor, seen_version=seen_version)
