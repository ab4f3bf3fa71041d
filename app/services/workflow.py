"""The applicant's transitions: submit, resubmit (Submit Revisi) and cancel.

Each is declared once as a `transitions.Transition` and applied by `transitions.apply`, which
checks the status, the lock and the guard, then commits the change, its audit entry and the
applicant's notifications in one transaction. The rules of *which* step comes first or next
live in the catalogue's routing (catalogue.routing); this module only says what each
transition changes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError, OperationalError

import catalogue as cat_lib
from catalogue import routing as routing_lib

from ..extensions import db
from ..i18n import N_
from ..models import Application, ApplicationDocument, utcnow
from ..models import applications as states
from . import applications as apps
from . import calendar, files, numbers, resi, subjects, tasks
from .errors import ValidationFailed
from .notices import Notice, permit_name
from .transitions import (
    Actor,
    AlreadyProcessed,
    Change,
    NotAllowed,
    Outcome,
    Transition,
    apply,
)

__all__ = ["AlreadyProcessed", "Incomplete", "StepErrors", "cancel",
           "complete_errors", "new_submit_key", "resubmit", "submit"]


@dataclass
class StepErrors:
    """Validation problems of a whole application, grouped by wizard step."""

    by_step: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def first_step(self) -> str | None:
        return next((s for s in apps.STEPS if self.by_step.get(s)), None)

    def flat(self) -> dict[str, list[str]]:
        return {k: v for errors in self.by_step.values() for k, v in errors.items()}


class Incomplete(ValidationFailed):
    """What is still missing, by wizard step, so the web can send people where to fix it."""

    def __init__(self, problems: StepErrors, message: str):
        super().__init__(problems.flat(), message)
        self.by_step = problems.by_step
        self.first_step = problems.first_step


def complete_errors(application: Application) -> StepErrors:
    """Re-checks every step as it is stored, so a tampered or stale draft cannot slip by."""
    from . import wizard_steps

    data = application.data or {}
    result = StepErrors()
    subject = subjects.problem(application, apps.catalogue_for(application))
    if subject:
        result.by_step["jenis"] = {"subject": [subject]}
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


def _attach_documents(application: Application) -> None:
    data = application.data or {}
    chosen, _errors = apps.check_documents(application, data.get("documents") or {},
                                           data.get("details") or {})
    current = {d.requirement_key: d for d in application.documents}
    owned = files.form_files(application.applicant_id)  # chosen only from these
    for key, uid in chosen.items():
        file_id = owned[uid]["id"]
        if key in current:
            if current[key].file_id != file_id:
                current[key].file_id = file_id
                current[key].attached_at = utcnow()
        else:
            db.session.add(ApplicationDocument(application_id=application.id,
                                               requirement_key=key, file_id=file_id))
    for key, doc in current.items():
        if key not in chosen:
            db.session.delete(doc)


# applicant side --------------------------------------------------------------------------
class Submit(Transition):
    """A complete draft enters its routing: receipt (resi), registration number, promised
    completion date, the first step's tasks, the documents attached from File Saya."""

    name = "submit"
    refused = N_("Permohonan ini sudah dikirim.")

    def __init__(self, submit_key: str):
        self.submit_key = submit_key

    def guard(self, application: Application, actor: Actor) -> None:
        problems = complete_errors(application)
        if problems.by_step:
            raise Incomplete(problems, N_("Data permohonan belum lengkap."))

    def effect(self, application: Application, actor: Actor) -> Change:
        cat = apps.catalogue_for(application)
        permit = cat.permit(application.permit_code)
        routing = tasks.routing_of(cat, permit)
        today = calendar.today()
        state = routing_lib.start(routing, permit["agency"])
        application.resi = resi.new_resi()
        application.status = states.IN_PROCESS
        application.submit_key = self.submit_key
        application.submitted_at = utcnow()
        application.estimated_completion = calendar.add_working_days(
            today, int(permit.get("sla_working_days", 0)), cat)
        application.routing_state = state.to_dict()
        application.current_step = state.step
        _attach_documents(application)
        tasks.open_for(application, routing, state, cat)

        def registration_number() -> None:
            seq = numbers.next_value(numbers.REGISTRATION, application.permit_code, today.year)
            application.registration_number = cat_lib.format_number(
                permit["registration_number"], seq=seq, date=today, agency=permit["agency"],
                permit=permit["code"], app_type=application.application_type)

        # the per-permit sequence row stays locked until commit: `apply` takes the number
        # once the draft is claimed (its version check) and everything else is written
        return Change("submitted", numbering=[registration_number], notice=lambda a: Notice(
            _l("Permohonan diterima"),
            _l("Permohonan %(permit)s Anda telah kami terima dengan nomor registrasi "
               "%(number)s. Perkiraan selesai: %(date)s."),
            {"permit": permit_name(a), "number": a.registration_number,
             "date": a.estimated_completion}))


def submit(application: Application, submit_key: str, *,
           declared: bool | None = None) -> Outcome:
    """Idempotent: the same draft sent twice (double click, resent request) is one
    application; the loser of a race finds it already submitted and gets it back.
    `declared`: the declaration ticked with this Submit, written in its transaction."""
    if application.status != states.DRAFT and application.submit_key and \
            application.submit_key == submit_key:
        return Outcome.as_is(application, "already_submitted")
    application_id = application.id
    attempts = 3
    for attempt in range(attempts):
        try:
            if declared is not None:  # again after a rollback: it is part of the attempt
                apps.declare(application, declared)
            return apply(application, Submit(submit_key), Actor.applicant(application.applicant))
        except AlreadyProcessed:  # the other click won
            break
        except IntegrityError:  # a resi collision (2^-60) or the same key used twice
            application = db.session.get(Application, application_id)
            if application is None or application.status != states.DRAFT:
                break
        except OperationalError as exc:  # SQLite: other writers kept the lock past its timeout
            if not _database_busy(exc) or attempt == attempts - 1:
                raise  # nothing was written (the number is given back): try again below
            application = db.session.get(Application, application_id)
            if application is None or application.status != states.DRAFT:
                break
    application = db.session.get(Application, application_id)
    db.session.refresh(application)
    if application.status != states.DRAFT and application.submit_key == submit_key:
        return Outcome.as_is(application, "already_submitted")
    raise AlreadyProcessed(N_("Permohonan ini sudah dikirim dari jendela lain."))


def _database_busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY and its extended codes): another connection
    held the single write lock longer than busy_timeout."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == 5


class Resubmit(Transition):
    """Submit Revisi: back to the step that returned it; the SLA clock resumes where it
    stopped (the days spent revising are added to the promised completion date)."""

    name = "resubmit"
    refused = N_("Permohonan ini tidak sedang menunggu revisi.")

    def guard(self, application: Application, actor: Actor) -> None:
        problems = complete_errors(application)
        if problems.by_step:
            raise Incomplete(problems, N_("Data revisi belum lengkap."))

    def effect(self, application: Application, actor: Actor) -> Change:
        cat = apps.catalogue_for(application)
        routing = tasks.routing_of(cat, cat.permit(application.permit_code))
        state = routing_lib.resubmit(routing, routing_lib.RoutingState.from_dict(
            application.routing_state))
        today = calendar.today()
        if application.revision_started_at and application.estimated_completion:
            paused = cat_lib.working_days_between(
                calendar.local_date(application.revision_started_at), today,
                cat.holiday_dates())
            application.estimated_completion = calendar.add_working_days(
                application.estimated_completion, paused, cat)
        application.status = states.IN_PROCESS
        application.routing_state = state.to_dict()
        application.current_step = state.step
        application.revision_due = None
        application.revision_started_at = None
        _attach_documents(application)
        tasks.open_for(application, routing, state, cat)
        return Change("resubmitted", notice=lambda a: Notice(
            _l("Revisi diterima"),
            _l("Revisi permohonan %(permit)s telah kami terima dan akan diperiksa kembali."),
            {"permit": permit_name(a)}))


def resubmit(application: Application, user, *, declared: bool | None = None) -> Outcome:
    if declared is not None:
        apps.declare(application, declared)
    return apply(application, Resubmit(), Actor.applicant(user))


class Cancel(Transition):
    """The applicant withdraws an application no officer has acted on yet."""

    name = "cancel"
    refused = N_("Permohonan tidak dapat dibatalkan karena sudah diproses petugas.")

    def guard(self, application: Application, actor: Actor) -> None:
        if not apps.can_cancel(application):
            raise NotAllowed(self.refused)

    def effect(self, application: Application, actor: Actor) -> Change:
        application.status = states.CANCELLED
        application.closed_at = utcnow()
        tasks.close(application)
        application.current_step = None
        return Change("cancelled", note="Dibatalkan oleh pemohon", notice=lambda a: Notice(
            _l("Permohonan dibatalkan"), _l("Permohonan %(permit)s telah Anda batalkan."),
            {"permit": permit_name(a)}))


def cancel(application: Application, user) -> Outcome:
    return apply(application, Cancel(), Actor.applicant(user))


def new_submit_key() -> str:
    return secrets.token_urlsafe(24)
