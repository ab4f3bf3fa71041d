"""Pencabutan: authorised staff revoke an issued permit with a reason. The public verification
page then says "Dicabut"; the signed PDF itself is never changed (it stays what was issued)."""

from __future__ import annotations

from ..extensions import db
from ..models import Application, utcnow
from ..models import applications as states
from . import applications as apps
from . import notices
from .errors import DomainError
from .review import SUPER_ADMIN, Actor, office_or_super_admin
from .workflow import AlreadyProcessed, _who_changed, guarded

REVOKE_ROLES = ("Penandatangan",)


def can_revoke(actor: Actor) -> bool:
    """The signing official of the office, or a Super Admin."""
    return office_or_super_admin(actor, REVOKE_ROLES)


def revoke(application: Application, actor: Actor, reason: str, *,
           seen_version: int | None = None) -> Application:
    if not can_revoke(actor):
        raise DomainError("Anda tidak berwenang mencabut izin.")
    permit = application.permit
    if application.status != states.ISSUED or permit is None:
        raise DomainError("Hanya izin yang sudah terbit yang dapat dicabut.")
    if permit.revoked_at is not None:
        raise DomainError("Izin ini sudah dicabut.")
    if seen_version is not None and seen_version != application.lock_version:
        raise AlreadyProcessed(_who_changed(application.id))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Alasan pencabutan wajib diisi.", field="reason")
    with guarded(application.id):
        now = utcnow()
        permit.revoked_at = now
        permit.revoked_reason = reason[:2000]
        permit.revoked_by_id = actor.user.id
        application.updated_at = now  # bumps lock_version: a concurrent revocation loses
        role = next((r for r in (*REVOKE_ROLES, SUPER_ADMIN) if r in actor.roles), None)
        event = apps.record(application, "revoked", actor=actor.user, role=role,
                            agency=actor.agency, from_status=states.ISSUED, note=reason[:2000],
                            details={"permit_number": permit.number})
        db.session.flush()
        notices.tell_applicant(
            application, f"event{event.id}", "Izin dicabut",
            f"Izin {application.permit_name} nomor {permit.number} dicabut oleh DPMPTSP. "
            f"Alasan: {reason}")
    return application
