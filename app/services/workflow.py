"""Moving applications through their routing: submit, staff actions, revision, cancel, expiry.

Every change is one call that checks (who, role, agency, current state), then commits the new
state, an append-only audit entry and the applicant's notifications in one transaction. The
rules of *which* step comes next live in the catalogue's routing (catalogue.routing); this
module only applies them to rows.

Concurrency: `Application.lock_version` is SQLAlchemy's version counter. A staff member acts
on the version their page showed; if anyone changed the application since, or two people
press a button at the same moment, exactly one commit succeeds and the other is told who
got there first. Nothing of the loser's attempt is kept.
"""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

import catalogue as cat_lib
from catalogue import routing as routing_lib

from ..extensions import db
from ..models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationTask,
    StoredFile,
    utcnow,
)
from ..models import applications as states
from . import applications as apps
from . import calendar, notices, numbers, resi
from .errors import DomainError, ValidationFailed


@dataclass
class StepErrors:
    """Validation problems of a whole application, grouped by wizard step."""

    by_step: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def first_step(self) -> str | None:
        return next((s for s in apps.STEPS if self.by_step.get(s)), None)

    def flat(self) -> dict[str, list[str]]:
        return {k: v for errors in self.by_step.values() for k, v in errors.items()}


class AlreadyProcessed(DomainError):
    """Someone else changed the application first; the message names them."""


class Incomplete(ValidationFailed):
    """What is still missing, by wizard step, so the web can send people where to fix it."""

    def __init__(self, problems: StepErrors, message: str):
        super().__init__(problems.flat(), message)
        self.by_step = problems.by_step
        self.first_step = problems.first_step


class ActionRefused(DomainError):
    pass


def complete_errors(application: Application) -> StepErrors:
    """Re-checks every step as it is stored, so a tampered or stale draft cannot slip by."""
    from . import wizard_steps

    data = application.data or {}
    result = StepErrors()
    _clean, errors = wizard_steps.clean_applicant(data.get("applicant") or {},
                                                  data.get("applicant") or {})
    result.by_step["pemohon"] = errors
    company = data.get("company")
    required = apps.company_required(application)
    if company is not None or required:
        _clean, errors = wizard_steps.clean_company(
            {**(company or {}), "as_company": "1"}, required=required)
        result.by_step["perusahaan"] = errors
    _clean, errors = wizard_steps.clean_location(data.get("location") or {})
    result.by_step["lokasi"] = errors
    result.by_step["detail"] = apps.details_errors(application)
    result.by_step = {k: v for k, v in result.by_step.items() if v}
    return result


def _routing(cat: cat_lib.Catalogue, permit: dict) -> dict:
    routing = cat.routing(permit.get("routing", ""))
    if routing is None:
        raise DomainError("Alur proses izin ini tidak ditemukan pada katalog.")
    return routing


def _open_tasks(application: Application, routing: dict, state: routing_lib.RoutingState,
                cat: cat_lib.Catalogue) -> None:
    if state.finished or state.awaiting_applicant:
        return
    step = routing_lib.find_step(routing, state.step)
    due = calendar.add_working_days(calendar.today(), int(step.get("sla_days", 1)), cat)
    for task in routing_lib.pending_tasks(routing, state):
        db.session.add(ApplicationTask(application_id=application.id, step=task.step,
                                       role=task.role, agency_code=task.agency, due_date=due))


def _close_tasks(application: Application, *, agency: str | None = None,
                 action: str | None = None, actor=None) -> None:
    now = utcnow()
    for task in application.open_tasks:
        if agency is None or task.agency_code == agency:
            task.is_open = False
            task.closed_at = now
            if agency is not None:
                task.action = action
                task.actor_id = actor.id if actor is not None else None


def _attach_documents(application: Application) -> None:
    data = application.data or {}
    chosen, _errors = apps.check_documents(application, data.get("documents") or {},
                                           data.get("details") or {})
    current = {d.requirement_key: d for d in application.documents}
    files = {f.uid: f for f in db.session.scalars(
        select(StoredFile).where(StoredFile.uid.in_(list(chosen.values())),
                                 StoredFile.owner_id == application.applicant_id))}
    for key, uid in chosen.items():
        file = files[uid]
        if key in current:
            if current[key].file_id != file.id:
                current[key].file_id = file.id
                current[key].attached_at = utcnow()
        else:
            db.session.add(ApplicationDocument(application_id=application.id,
                                               requirement_key=key, file_id=file.id))
    for key, doc in current.items():
        if key not in chosen:
            db.session.delete(doc)


@contextmanager
def guarded(application_id: int):
    """Runs a change and commits it; a concurrent change (at flush or commit) rolls it all
    back and says who got there first."""
    try:
        yield
        db.session.commit()
    except StaleDataError as exc:
        db.session.rollback()
        raise AlreadyProcessed(_who_changed(application_id)) from exc


def _who_changed(application_id: int) -> str:
    last = db.session.scalar(select(ApplicationEvent)
                             .where(ApplicationEvent.application_id == application_id)
                             .order_by(ApplicationEvent.id.desc()).limit(1))
    who = (last.actor_name if last is not None and last.actor_name else "pengguna lain")
    return f"Permohonan ini sudah diproses oleh {who}. Muat ulang halaman untuk melihat " \
           "keadaan terbarunya."


# applicant side --------------------------------------------------------------------------
def submit(application: Application, submit_key: str) -> Application:
    """Idempotent: the same draft sent twice (double click, resent request) is one
    application; the loser of a race finds it already submitted and gets it back."""
    if application.status != states.DRAFT:
        if application.submit_key and application.submit_key == submit_key:
            return application
        raise apps.NotAllowed("Permohonan ini sudah dikirim.")
    problems = complete_errors(application)
    if problems.by_step:
        raise Incomplete(problems, "Data permohonan belum lengkap.")
    application_id = application.id
    attempts = 3
    for attempt in range(attempts):
        try:
            _submit_once(application, submit_key)
            db.session.commit()
            return application
        except StaleDataError:  # the other click won
            db.session.rollback()
            break
        except IntegrityError:  # a resi collision (2^-60) or the same key used twice
            db.session.rollback()
            application = db.session.get(Application, application_id)
            if application is None or application.status != states.DRAFT:
                break
        except OperationalError as exc:  # SQLite: other writers kept the lock past its timeout
            db.session.rollback()  # nothing was written (the number is given back): try again
            if not _database_busy(exc) or attempt == attempts - 1:
                raise
            application = db.session.get(Application, application_id)
            if application is None or application.status != states.DRAFT:
                break
    application = db.session.get(Application, application_id)
    db.session.refresh(application)
    if application.status != states.DRAFT and application.submit_key == submit_key:
        return application
    raise AlreadyProcessed("Permohonan ini sudah dikirim dari jendela lain.")


def _database_busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY and its extended codes): another connection
    held the single write lock longer than busy_timeout."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == 5


def _submit_once(application: Application, submit_key: str) -> None:
    cat = apps.catalogue_for(application)
    permit = cat.permit(application.permit_code)
    routing = _routing(cat, permit)
    today = calendar.today()
    state = routing_lib.start(routing, permit["agency"])
    application.resi = resi.new_resi()
    application.status = states.IN_PROCESS
    application.submit_key = submit_key
    application.submitted_at = utcnow()
    application.estimated_completion = calendar.add_working_days(
        today, int(permit.get("sla_working_days", 0)), cat)
    application.routing_state = state.to_dict()
    application.current_step = state.step
    _attach_documents(application)
    _open_tasks(application, routing, state, cat)
    # claim the draft first (its version check), then take the per-permit sequence row: the
    # row stays locked until commit, so the less work after it, the less others wait
    db.session.flush()
    seq = numbers.next_value(numbers.REGISTRATION, application.permit_code, today.year)
    application.registration_number = cat_lib.format_number(
        permit["registration_number"], seq=seq, date=today, agency=permit["agency"],
        permit=permit["code"], app_type=application.application_type)
    event = apps.record(application, "submitted", actor=application.applicant,
                        from_status=states.DRAFT)
    db.session.flush()
    notices.tell_applicant(
        application, f"event{event.id}", "Permohonan diterima",
        f"Permohonan {application.permit_name} Anda telah kami terima dengan nomor "
        f"registrasi {application.registration_number}. Perkiraan selesai: "
        f"{application.estimated_completion:%d-%m-%Y}.")


def resubmit(application: Application, user) -> Application:
    """Submit Revisi: back to the step that returned it; the SLA clock resumes where it
    stopped (the days spent revising are added to the promised completion date)."""
    if application.status != states.REVISION:
        raise apps.NotAllowed("Permohonan ini tidak sedang menunggu revisi.")
    problems = complete_errors(application)
    if problems.by_step:
        raise Incomplete(problems, "Data revisi belum lengkap.")
    cat = apps.catalogue_for(application)
    permit = cat.permit(application.permit_code)
    routing = _routing(cat, permit)
    state = routing_lib.resubmit(routing, routing_lib.RoutingState.from_dict(
        application.routing_state))
    today = calendar.today()
    if application.revision_started_at and application.estimated_completion:
        paused = cat_lib.working_days_between(
            calendar.local_date(application.revision_started_at), today, cat.holiday_dates())
        application.estimated_completion = calendar.add_working_days(
            application.estimated_completion, paused, cat)
    with guarded(application.id):
        application.status = states.IN_PROCESS
        application.routing_state = state.to_dict()
        application.current_step = state.step
        application.revision_due = None
        application.revision_started_at = None
        _attach_documents(application)
        _open_tasks(application, routing, state, cat)
        event = apps.record(application, "resubmitted", actor=user,
                            from_status=states.REVISION)
        db.session.flush()
        notices.tell_applicant(application, f"event{event.id}", "Revisi diterima",
                               f"Revisi permohonan {application.permit_name} telah kami terima "
                               "dan akan diperiksa kembali.")
    return application


def cancel(application: Application, user) -> Application:
    if not apps.can_cancel(application):
        raise apps.NotAllowed("Permohonan tidak dapat dibatalkan karena sudah diproses "
                              "petugas.")
    with guarded(application.id):
        application.status = states.CANCELLED
        application.closed_at = utcnow()
        _close_tasks(application)
        event = apps.record(application, "cancelled", actor=user, from_status=states.IN_PROCESS,
                            from_step=application.current_step, note="Dibatalkan oleh pemohon")
        application.current_step = None
        db.session.flush()
        notices.tell_applicant(application, f"event{event.id}", "Permohonan dibatalkan",
                               f"Permohonan {application.permit_name} telah Anda batalkan.")
    return application


def new_submit_key() -> str:
    return secrets.token_urlsafe(24)
