"""The one transition engine: every change of an application's state goes through `apply`.

A transition is declared once (a subclass of `Transition` in the service that owns it:
workflow for the applicant's submit, resubmit and cancel; review for staff actions; expiry for
expire and reopen; revocation for revoke). `apply` does what is the same for all of them, in
this order, so no service writes it again:

1. the transition's `final` refusals (what no reload can change), then the lock: the
   version the caller's page showed (`seen_version`) must still be current, else the caller
   is told who changed it first;
2. the allowed-status table (`ALLOWED_FROM`): a transition from any other status is refused
   with the transition's own message;
3. the transition's `guard` (who may, and is the input complete), before anything changes;
4. inside one transaction: the transition's `effect` (status, routing state, tasks), then the
   audit entry it describes and, for an act of the office's powers (`audited`), the
   office-wide audit log, all written (flushed: the optimistic lock is checked here); then
   what takes a row every concurrent caller wants (`Change.numbering`: a number from its
   sequence), the applicant's Inbox message and e-mail (outbox, which may quote that
   number), the report counters (app/reports/summary.py, rows shared per permit and day),
   then commit. So the contended row locks are held from the last writes to the commit
   only. A concurrent change (optimistic lock) rolls all of it back and names who won;
5. after commit, the transition's follow-up work (rendering the permit PDF), so slow work
   never holds a lock.

It returns an `Outcome`, so callers never read the result back from the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..i18n import N_
from ..models import Application, ApplicationEvent, display_name
from ..models import applications as states
from ..reports import summary as report_counts
from . import applications as apps
from . import audit, notices
from . import resi as resi_codes
from .errors import DomainError

log = logging.getLogger("eptsp.transitions")
MSG_ALREADY_PROCESSED = N_("Permohonan ini sudah diproses oleh {who}. Muat ulang halaman untuk "
                           "melihat keadaan terbarunya.")
OTHER_USER = N_("pengguna lain")  # who_changed when the last change names nobody

# transition name -> statuses it may start from
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "submit": (states.DRAFT,),
    "resubmit": (states.REVISION,),
    "cancel": (states.IN_PROCESS,),
    "act": (states.IN_PROCESS,),
    "expire": (states.REVISION,),
    "reopen": (states.EXPIRED,),
    "revoke": (states.ISSUED,),
}


class AlreadyProcessed(DomainError):
    """Someone else changed the application first; the message names them."""


NotAllowed = apps.NotAllowed  # the application's status does not allow this transition


class ActionRefused(DomainError):
    """The guard refused: this person may not do this here."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user (None for the system), the role and agency they act in for
    the audit trail, and all their roles (staff) for the guards."""

    user: object | None
    roles: tuple[str, ...] = ()
    agency: str | None = None
    system_name: str = ""

    @property
    def name(self) -> str:
        if self.user is None:
            return self.system_name
        return display_name(self.user)

    @classmethod
    def applicant(cls, user) -> Actor:
        return cls(user)

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(None, system_name=name)


@dataclass
class Change:
    """What a transition's effect did, for the engine to record and announce."""

    kind: str  # the audit entry's kind: submitted, action, expired, ...
    outcome: str = ""  # what happened, for messages: moved, revision, issued, ...
    note: str = ""
    role: str | None = None  # the role the actor acted in (the audit trail shows it)
    action: str | None = None
    details: dict | None = None
    # what the applicant is told: a notices.Notice (both languages) or (subject, text)
    notice: Callable[[Application], object | None] | None = None
    # takes a number from a per-permit sequence (its row stays locked until commit): run by
    # `apply` after everything else is written, before the notice that may quote it
    numbering: list[Callable[[], None]] = field(default_factory=list)
    after_commit: list[Callable[[], None]] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """What a transition did. Its status, receipt and registration number are read before the
    commit (which expires the application), so a caller that only shows them (the flash after
    Kirim) does not load the application again."""

    application: Application
    outcome: str
    event: ApplicationEvent | None
    status: str
    resi: str | None
    registration_number: str | None

    @classmethod
    def as_is(cls, application: Application, outcome: str) -> Outcome:
        """An application that this call did not change (a repeated Submit)."""
        return cls(application, outcome, None, application.status, application.resi,
                   application.registration_number)


class Transition:
    """Declare `name`, then override `guard` (raise a DomainError to refuse; nothing has
    changed yet) and `effect` (change the application, return a Change)."""

    name = ""
    refused = N_("Permohonan berstatus {status}; tindakan ini tidak dapat dilakukan.")
    # also written to the office-wide audit log (an act of the office's powers or a staff
    # decision), as "application.<audit_kind>"
    audited = False

    def audit_kind(self, change: Change) -> str:
        return change.kind

    def final(self, application: Application, actor: Actor) -> None:
        """Refusals that no reload can change (a revoked permit stays revoked): checked
        before the lock, so the caller is told the real reason rather than "reload"."""
        return None

    def guard(self, application: Application, actor: Actor) -> None:
        return None

    def effect(self, application: Application, actor: Actor) -> Change:
        raise NotImplementedError


def apply(application: Application, transition: Transition, actor: Actor, *,
          seen_version: int | None = None) -> Outcome:
    transition.final(application, actor)
    if seen_version is not None and seen_version != application.lock_version:
        raise AlreadyProcessed(who_changed(application.id))
    if application.status not in ALLOWED_FROM[transition.name]:
        raise NotAllowed(transition.refused.format(
            status=apps.status_label(application.status)))
    transition.guard(application, actor)
    before_status, before_step = application.status, application.current_step
    with guarded(application.id):
        change = transition.effect(application, actor)
        event = record(application, change, actor, before_status, before_step)
        if transition.audited:
            record_office_audit(application, change, actor, transition.audit_kind(change))
        db.session.flush()
        for take_number in change.numbering:
            take_number()
        told = change.notice(application) if change.notice else None
        if told:
            notices.tell_applicant(application, f"event{event.id}",
                                   *(told if isinstance(told, tuple) else (told,)))
        report_counts.record_change(application, before_status, event)
        done = Outcome(application, change.outcome or change.kind, event, application.status,
                       application.resi, application.registration_number)
    for follow_up in change.after_commit:
        try:
            follow_up()
        except Exception:  # the change stands; its follow-up is retried (worker, first use)
            log.exception("application %s: follow-up of %s failed", done.application.id,
                          transition.name)
    return done


def record(application: Application, change: Change, actor: Actor, from_status: str | None,
           from_step: str | None) -> ApplicationEvent:
    """Appends the audit entry of a change (committed with the change it describes)."""
    user = actor.user
    event = ApplicationEvent(
        application_id=application.id, kind=change.kind,
        actor_id=user.id if user is not None else None, actor_name=actor.name[:200],
        actor_role=change.role, actor_agency=actor.agency if change.role else None,
        step=from_step, action=change.action, from_status=from_status,
        to_status=application.status, from_step=from_step, to_step=application.current_step,
        note=change.note, details=change.details)
    db.session.add(event)
    return event


def record_office_audit(application: Application, change: Change, actor: Actor,
                        kind: str) -> None:
    """The office-wide audit entry of a transition that uses an office power (revocation,
    reopening) or is a staff decision (forward, return, revision, rejection, signing), named
    "application.<kind>".

    Written here, beside the case's own history entry, rather than the log reading the
    history: the log stays one append-only table that one query filters, pages and exports
    with logins and account changes, and it outlives what retention removes. It is a lean
    reference, not a copy: the case (number and receipt), the role and action, the reason;
    the document verdicts stay in the case's history."""
    number = application.registration_number or application.resi or application.uid
    receipt = resi_codes.display(application.resi)
    case = f"{number}, resi {receipt}" if receipt and number != application.resi else number
    details = {key: value for key, value in (change.details or {}).items()
               if key != "documents"}
    details |= {"resi": application.resi, "role": change.role, "action": change.action}
    audit.record(f"application.{kind}",
                 f"{application.permit_name} ({case})"
                 + (f": {change.note}" if change.note else ""),
                 subject=number, details=details, user=actor.user,
                 system_name=actor.system_name or None)


@contextmanager
def guarded(application_id: int):
    """Runs a change and commits it. A concurrent change (at flush or commit) rolls it all
    back and says who got there first; any other failure rolls back and is raised as is."""
    try:
        yield
        db.session.commit()
    except StaleDataError as exc:
        db.session.rollback()
        raise AlreadyProcessed(who_changed(application_id)) from exc
    except Exception:
        db.session.rollback()
        raise


def who_changed(application_id: int) -> str:
    last = db.session.scalar(select(ApplicationEvent)
                             .where(ApplicationEvent.application_id == application_id)
                             .order_by(ApplicationEvent.id.desc()).limit(1))
    who = (last.actor_name if last is not None and last.actor_name else OTHER_USER)
    # a name ending in a degree's full stop ("Budi, S.E.") ends the sentence too: one stop
    return MSG_ALREADY_PROCESSED.format(who=who.removesuffix("."))
