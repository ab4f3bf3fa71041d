"""Staff acting on an application at its routing step: the "act" transition.

Which actions a person may take is answered by casework (the routing of the pinned catalogue
and the person's roles and agency); this module declares what an action changes: the
verdicts on documents, the routing state, the step's tasks, revision deadline, rejection or
issuance, and what the applicant is told.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

import catalogue as cat_lib
from catalogue import routing as routing_lib

from .. import casework
from ..extensions import db
from ..i18n import N_
from ..models import Application, DocumentCheck, utcnow
from ..models import applications as states
from ..survey import invitation as survey_invitation
from . import applications as apps
from . import calendar, issuance, subjects, tasks, timeline
from .errors import DomainError
from .notices import Notice, permit_name
from .transitions import ActionRefused, Actor, Change, Outcome, Transition, apply, record

# a decision note is read on the applicant's page and in their e-mail: a letter, not a file
NOTE_MAX = 2000
MSG_NOTE_TOO_LONG = N_("Catatan/alasan paling panjang {limit} karakter; yang diketik {length} "
                       "karakter. Persingkat lalu kirim lagi.")
MSG_ACTION_REFUSED = N_("Anda tidak berwenang melakukan tindakan '{action}' pada tahap ini.")
MSG_UNKNOWN_REQUIREMENTS = N_("Persyaratan ini tidak ada pada permohonan: {keys}.")
MSG_UNCHECKED = N_("Beri penilaian setiap dokumen wajib sebelum melanjutkan; belum diperiksa: "
                   "{names}.")
MSG_MARKED_INVALID = N_("Dokumen ditandai tidak valid: {names}. Kembalikan permohonan untuk "
                        "revisi.")
MSG_BACK_REASON = N_("Tuliskan alasan mengembalikan permohonan ke tahap sebelumnya.")


def note_length(note: str) -> int:
    """Characters as the note box counts them (a form posts a line break as two)."""
    return len((note or "").replace("\r\n", "\n").strip())


@dataclass(frozen=True)
class DocVerdict:
    valid: bool
    note: str = ""


def record_checks(application: Application, actor: Actor,
                  verdicts: dict[str, DocVerdict]) -> None:
    """Stores the per-document verdicts of this round (inside the action's transaction)."""
    existing = {c.requirement_key: c for c in application.document_checks}
    for key, verdict in verdicts.items():
        check = existing.get(key)
        if check is None:
            check = DocumentCheck(application_id=application.id, requirement_key=key)
            db.session.add(check)
        check.valid = verdict.valid
        check.note = verdict.note.strip()[:2000]
        check.checked_by_id = actor.user.id
        check.checked_at = utcnow()
        check.round = application.revision_round


def revision_note(application: Application, note: str,
                  verdicts: dict[str, DocVerdict]) -> str:
    names = casework.requirement_names(application)
    lines = [note.strip()] if note.strip() else []
    for key, verdict in verdicts.items():
        if not verdict.valid:
            detail = f": {verdict.note.strip()}" if verdict.note.strip() else ""
            lines.append(f"- {names.get(key, key)} tidak valid{detail}")
    return "\n".join(lines)


class Act(Transition):
    """One of the actions the current step allows this person (casework.options)."""

    name = "act"
    refused = N_("Permohonan berstatus {status}; tidak ada tindakan yang dapat dilakukan.")
    audited = True  # staff decisions are searchable office-wide in the audit log

    def audit_kind(self, change: Change) -> str:
        """Named by what the decision did: application.rejected, .issued, .revision, ..."""
        return change.outcome

    def __init__(self, action: str, note: str = "",
                 verdicts: dict[str, DocVerdict] | None = None):
        self.action = action
        self.note = note
        self.verdicts = verdicts or {}
        self.choice: casework.ActionOption | None = None

    def guard(self, application: Application, actor: Actor) -> None:
        length = note_length(self.note)
        if length > NOTE_MAX:
            raise DomainError(MSG_NOTE_TOO_LONG.format(limit=NOTE_MAX, length=length),
                              field="note")
        unknown = sorted(set(self.verdicts) - {d.requirement_key
                                               for d in application.documents})
        if unknown:
            raise DomainError(MSG_UNKNOWN_REQUIREMENTS.format(keys=", ".join(unknown)),
                              field="documents")
        self.verdicts = _changed(casework.current_verdicts(application), self.verdicts)
        self.choice = next((o for o in casework.options(application, actor)
                            if o.action == self.action), None)
        if self.choice is None:
            raise ActionRefused(MSG_ACTION_REFUSED.format(action=self.action))
        if self.choice.kind == "revision":
            self.note = revision_note(application, self.note, self.verdicts)
            if not self.note:
                raise DomainError(N_("Tuliskan catatan revisi atau tandai dokumen yang tidak "
                                     "valid."), field="note")
        elif self.choice.kind == "reject" and not self.note.strip():
            raise DomainError(N_("Alasan penolakan wajib diisi."), field="note")
        elif self.choice.kind == "back" and not self.note.strip():
            raise DomainError(MSG_BACK_REASON, field="note")
        elif self.choice.kind in ("forward", "issue"):
            self._checklist(application)
        if self.choice.kind == "issue":
            problem = subjects.problem(application, apps.catalogue_for(application), texts=(
                subjects.MSG_STAFF_NOT_CHOSEN, subjects.MSG_STAFF_NO_LONGER))
            if problem:
                raise DomainError(problem, field="note")

    def _checklist(self, application: Application) -> None:
        """Forwarding or approving needs a verdict on every required document, and every
        verdict valid: an invalid document goes back to the applicant, not forward."""
        verdicts = {k: c.valid for k, c in casework.current_verdicts(application).items()}
        verdicts |= {k: v.valid for k, v in self.verdicts.items()}
        names = casework.requirement_names(application)
        attached = {d.requirement_key for d in application.documents}
        required = [r["key"] for r in cat_lib.requirements_for(
            apps.permit_of(application), application.application_type)
            if r.get("required", True) and r["key"] in attached]
        unchecked = [names.get(k, k) for k in required if k not in verdicts]
        if unchecked:
            raise DomainError(MSG_UNCHECKED.format(names=", ".join(unchecked)),
                              field="documents")
        invalid = [names.get(k, k) for k, valid in verdicts.items() if not valid]
        if invalid:
            raise DomainError(MSG_MARKED_INVALID.format(names=", ".join(invalid)),
                              field="documents")

    def effect(self, application: Application, actor: Actor) -> Change:
        cat = apps.catalogue_for(application)
        permit = cat.permit(application.permit_code)
        routing = tasks.routing_of(cat, permit)
        moved = routing_lib.transition(
            routing, routing_lib.RoutingState.from_dict(application.routing_state),
            self.choice.role, actor.agency, self.action, permit_agency=permit["agency"])
        record_checks(application, actor, self.verdicts)
        tasks.close(application, agency=actor.agency, action=self.action, actor=actor.user)
        if application.first_action_at is None:
            application.first_action_at = utcnow()
        application.routing_state = moved.state.to_dict()
        application.current_step = None if moved.state.finished or \
            moved.state.awaiting_applicant else moved.state.step
        # a return to an earlier step is a move too, named as what it is
        outcome = "returned" if self.choice.kind == "back" else moved.outcome
        change = Change(
            "action", outcome=outcome, note=self.note.strip(), role=self.choice.role,
            action=self.action, notice=lambda a: _notice(a, outcome, self.note),
            details={"outcome": outcome,
                     "documents": {k: {"valid": v.valid, "note": v.note}
                                   for k, v in self.verdicts.items()} or None,
                     "waiting_for": list(moved.waiting_for) or None})
        if moved.outcome == "revision":
            tasks.close(application)
            application.status = states.REVISION
            application.revision_round += 1
            application.revision_started_at = utcnow()
            application.revision_due = calendar.add_working_days(
                calendar.today(), int(permit.get("revision_deadline_days", 5)), cat)
        elif moved.outcome == "rejected":
            tasks.close(application)
            application.status = states.REJECTED
            application.closed_at = utcnow()
        elif moved.outcome == "issued":
            tasks.close(application)
            application.status = states.ISSUED
            application.closed_at = utcnow()
            settled = issuance.settle(application, cat, permit, actor)
            change.notice = settled.notice
            change.details |= settled.details()
            if settled.issued is not None:
                issued = settled.issued
                change.after_commit.append(lambda: issuance.produce_when_due(issued.id))
            if settled.subject is not None:
                _note_on_subject(settled, application, actor)
        elif moved.outcome == "moved":
            tasks.open_for(application, routing, moved.state, cat)
        return change


def _changed(current: dict[str, DocumentCheck],
             posted: dict[str, DocVerdict]) -> dict[str, DocVerdict]:
    """The verdicts this person gives: a later step's form shows the round's verdicts and
    posts them back; those left as they were are not this person's findings (the history
    listed the verifier's checks again under the technical team's entry)."""
    return {key: verdict for key, verdict in posted.items()
            if key not in current or current[key].valid != verdict.valid
            or (current[key].note or "") != verdict.note.strip()}


def act(application: Application, actor: Actor, action: str, *, note: str = "",
        verdicts: dict[str, DocVerdict] | None = None,
        seen_version: int | None = None) -> Outcome:
    return apply(application, Act(action, note, verdicts), actor, seen_version=seen_version)


def _note_on_subject(settled: issuance.Settlement, application: Application,
                     actor: Actor) -> None:
    """The renewed, amended or revoked permit's own history says what happened to it."""
    subject_app = settled.subject.application
    if subject_app is None:
        return
    kind = {cat_lib.REVOCATION: "revoked"}.get(settled.effect, "replaced")
    record(subject_app, Change(kind, note=settled.subject_note(application),
                               details=settled.details()), actor,
           subject_app.status, subject_app.current_step)


def _notice(application: Application, outcome: str, note: str) -> Notice | None:
    name = permit_name(application)
    if outcome == "revision":
        return Notice(_l("Permohonan perlu revisi"), (
            _l("Permohonan %(permit)s dikembalikan untuk diperbaiki. Catatan petugas:\n"
               "%(note)s"),
            _l("Batas waktu revisi: %(date)s. Buka menu Revisi untuk memperbaikinya.")),
            {"permit": name, "note": note, "date": application.revision_due})
    if outcome == "moved":
        return Notice(_l("Permohonan diproses"), _l(
            "Permohonan %(permit)s telah diteruskan ke tahap berikutnya (%(step)s)."),
            {"permit": name, "step": timeline.step_label(application, application.current_step)})
    if outcome == "returned":  # back to an earlier step inside the office
        return None
    invite = survey_invitation.parts(application)  # when the office surveys this outcome
    if outcome == "rejected":
        return Notice(_l("Permohonan ditolak"),
                      (_l("Permohonan %(permit)s ditolak. Alasan: %(note)s"), *invite),
                      {"permit": name, "note": note, **survey_invitation.values(application)})
    # "issued": the settlement's own notice (issuance.Settlement.notice), by the type's effect
    return None  # waiting for another agency of a parallel step: nothing new for the applicant
