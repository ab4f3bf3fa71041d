"""The staff side of the routing: what a person may do to an application, and doing it.

"May" is answered from the application's pinned routing (catalogue.routing) and the person's
roles and agency, so the grid, the detail screen, the REST API and the tests all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from catalogue import routing as routing_lib

from ..extensions import db
from ..models import Application, DocumentCheck, StaffProfile, utcnow
from ..models import applications as states
from . import applications as apps
from . import calendar, notices
from .errors import DomainError
from .workflow import ActionRefused, AlreadyProcessed, _close_tasks, _open_tasks, _routing, guarded

KIND_BY_TARGET = {routing_lib.APPLICANT: "revision", routing_lib.REJECTED: "reject",
                  routing_lib.ISSUED: "issue"}
ACTION_LABELS = {"lanjut": "Teruskan", "revisi": "Kembalikan untuk Revisi", "tolak": "Tolak",
                 "terbitkan": "Setujui & Terbitkan", "kembalikan": "Kembalikan ke Verifikasi",
                 "rekomendasi": "Beri Rekomendasi", "setuju": "Setujui"}
SUPER_ADMIN = "Super Admin"


@dataclass(frozen=True)
class Actor:
    """A staff member as the routing sees them: their roles and the one agency they serve."""

    user: object
    roles: tuple[str, ...]
    agency: str | None

    @property
    def name(self) -> str:
        return f"{self.user.first_name} {self.user.last_name}".strip() or self.user.username


@dataclass(frozen=True)
class ActionOption:
    action: str
    label: str
    kind: str  # forward | revision | reject | issue
    role: str
    target: str


@dataclass(frozen=True)
class DocVerdict:
    valid: bool
    note: str = ""


def actor_for(user) -> Actor:
    profile = db.session.scalar(select(StaffProfile).where(StaffProfile.user_id == user.id))
    return Actor(user, tuple(r.name for r in user.roles), profile.agency_code if profile else None)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action.replace("_", " ").capitalize())


def options(application: Application, actor: Actor) -> list[ActionOption]:
    """Exactly the actions the current step allows this person; empty when none."""
    if application.status != states.IN_PROCESS or not application.routing_state:
        return []
    cat = apps.catalogue_for(application)
    routing = _routing(cat, cat.permit(application.permit_code))
    state = routing_lib.RoutingState.from_dict(application.routing_state)
    found = []
    for role in actor.roles:
        if actor.agency is None:
            continue
        allowed = routing_lib.allowed_actions(routing, state, role, actor.agency)
        step = routing_lib.find_step(routing, state.step) if allowed else {}
        for action in allowed:
            target = step["actions"][action]
            found.append(ActionOption(action, action_label(action),
                                      KIND_BY_TARGET.get(target, "forward"), role, target))
    return found


def can_see(application: Application, actor: Actor) -> bool:
    """Staff of the office (DPMPTSP-wide roles) see everything submitted; a Dinas member sees
    only applications of their own Dinas or ones that wait for their Dinas."""
    if application.status == states.DRAFT or actor.agency is None:
        return False
    if SUPER_ADMIN in actor.roles:
        return True
    if actor.agency == application.agency_code:
        return True
    involved = {t.agency_code for t in application.tasks}
    if actor.agency in involved:
        return True
    return _is_office(actor)


def office_or_super_admin(actor: Actor, roles: tuple[str, ...]) -> bool:
    """A Super Admin, or a member of the office itself holding one of `roles` (reopening,
    revoking: acts of the office, never of a Dinas)."""
    if actor.agency is None:
        return False
    if SUPER_ADMIN in actor.roles:
        return True
    return _is_office(actor) and any(r in actor.roles for r in roles)


def _is_office(actor: Actor) -> bool:
    from flask import current_app

    return actor.agency == current_app.config.get("OFFICE_AGENCY", "DPMPTSP")


def record_checks(application: Application, actor: Actor,
                  verdicts: dict[str, DocVerdict]) -> None:
    """Stores the per-document verdicts of this round (the caller commits)."""
    known = {d.requirement_key for d in application.documents}
    existing = {c.requirement_key: c for c in application.document_checks}
    for key, verdict in verdicts.items():
        if key not in known:
            continue
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
    permit = apps.permit_of(application)
    names = {r["key"]: r["name"]["id"] for r in permit.get("requirements", [])}
    lines = [note.strip()] if note.strip() else []
    for key, verdict in verdicts.items():
        if not verdict.valid:
            detail = f": {verdict.note.strip()}" if verdict.note.strip() else ""
            lines.append(f"- {names.get(key, key)} tidak valid{detail}")
    return "\n".join(lines)


def act(application: Application, actor: Actor, action: str, *, note: str = "",
        verdicts: dict[str, DocVerdict] | None = None,
        seen_version: int | None = None) -> Application:
    verdicts = verdicts or {}
    if seen_version is not None and seen_version != application.lock_version:
        raise AlreadyProcessed(_who(application))
    choice = next((o for o in options(application, actor) if o.action == action), None)
    if choice is None:
        raise ActionRefused(_refusal(application, actor, action))
    if choice.kind == "revision":
        note = revision_note(application, note, verdicts)
        if not note:
            raise DomainError("Tuliskan catatan revisi atau tandai dokumen yang tidak valid.",
                              field="note")
    elif choice.kind == "reject" and not note.strip():
        raise DomainError("Alasan penolakan wajib diisi.", field="note")
    cat = apps.catalogue_for(application)
    permit = cat.permit(application.permit_code)
    routing = _routing(cat, permit)
    state = routing_lib.RoutingState.from_dict(application.routing_state)
    moved = routing_lib.transition(routing, state, choice.role, actor.agency, action,
                                   permit_agency=permit["agency"])
    with guarded(application.id):
        before_status, before_step = application.status, application.current_step
        record_checks(application, actor, verdicts)
        _close_tasks(application, agency=actor.agency, action=action, actor=actor.user)
        if application.first_action_at is None:
            application.first_action_at = utcnow()
        application.routing_state = moved.state.to_dict()
        application.current_step = None if moved.state.finished or \
            moved.state.awaiting_applicant else moved.state.step
        outcome = moved.outcome
        if outcome == "revision":
            _close_tasks(application)
            application.status = states.REVISION
            application.revision_round += 1
            application.revision_started_at = utcnow()
            application.revision_due = calendar.add_working_days(
                calendar.today(), int(permit.get("revision_deadline_days", 5)), cat)
        elif outcome == "rejected":
            _close_tasks(application)
            application.status = states.REJECTED
            application.closed_at = utcnow()
        elif outcome == "issued":
            from .issuance import issue

            _close_tasks(application)
            application.status = states.ISSUED
            application.closed_at = utcnow()
            issue(application, cat, permit, actor)
        elif outcome == "moved":
            _open_tasks(application, routing, moved.state, cat)
        event = apps.record(
            application, "action", actor=actor.user, role=choice.role, agency=actor.agency,
            note=note.strip(), from_status=before_status, from_step=before_step, action=action,
            details={"outcome": outcome,
                     "documents": {k: {"valid": v.valid, "note": v.note}
                                   for k, v in verdicts.items()} or None,
                     "waiting_for": list(moved.waiting_for) or None})
        db.session.flush()
        _tell(application, event.id, outcome, note)
    return application


def _tell(application: Application, event_id: int, outcome: str, note: str) -> None:
    name = application.permit_name
    if outcome == "revision":
        text = (f"Permohonan {name} dikembalikan untuk diperbaiki. Catatan petugas:\n{note}\n\n"
                f"Batas waktu revisi: {application.revision_due:%d-%m-%Y}. Buka menu Revisi "
                "untuk memperbaikinya.")
        subject = "Permohonan perlu revisi"
    elif outcome == "rejected":
        text = f"Permohonan {name} ditolak. Alasan: {note}"
        subject = "Permohonan ditolak"
    elif outcome == "issued":
        text = (f"Izin {name} Anda telah terbit dengan nomor {application.permit.number}. "
                "Unduh dokumen izin melalui menu Permohonan Saya (Cetak Izin).")
        subject = "Izin telah terbit"
    elif outcome == "moved":
        step = _step_name(application, application.current_step or "")
        text = f"Permohonan {name} telah diteruskan ke tahap berikutnya ({step})."
        subject = "Permohonan diproses"
    else:  # waiting for another agency of a parallel step: nothing new for the applicant
        return
    notices.tell_applicant(application, f"event{event_id}", subject, text)


def _step_name(application: Application, step_key: str) -> str:
    cat = apps.catalogue_for(application)
    routing = cat.permit_routing(application.permit_code) or {}
    try:
        return routing_lib.find_step(routing, step_key).get("name", {}).get("id", step_key)
    except routing_lib.RoutingError:
        return step_key


def _who(application: Application) -> str:
    from .workflow import _who_changed

    return _who_changed(application.id)


def _refusal(application: Application, actor: Actor, action: str) -> str:
    if application.status != states.IN_PROCESS:
        return (f"Permohonan berstatus {apps.status_label(application.status)}; tidak ada "
                "tindakan yang dapat dilakukan.")
    return f"Anda tidak berwenang melakukan tindakan '{action}' pada tahap ini."
