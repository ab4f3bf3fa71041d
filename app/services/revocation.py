"""Pencabutan: staff of the office holding the "revoke" power (catalogue roles) revoke an
issued permit with a reason. The public verification page then says "Dicabut"; the signed PDF
itself is never changed (it stays what was issued)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import casework
from ..i18n import N_
from ..models import Application, utcnow
from . import permit_map
from .errors import DomainError
from .notices import Notice, permit_name
from .transitions import ActionRefused, Actor, Change, Outcome, Transition, apply

MSG_REPLACED = N_("Izin ini sudah diganti oleh izin nomor {number}; cabut izin pengganti itu "
                  "melalui permohonannya.")


def can_revoke(actor: Actor, application: Application) -> bool:
    return casework.holds_power(actor, "revoke", application)


class Revoke(Transition):
    name = "revoke"
    audited = True
    refused = N_("Hanya izin yang sudah terbit yang dapat dicabut.")

    def __init__(self, reason: str):
        self.reason = (reason or "").strip()[:2000]

    def final(self, application: Application, actor: Actor) -> None:
        if not can_revoke(actor, application):
            raise ActionRefused(N_("Anda tidak berwenang mencabut izin."))
        if application.permit is not None and application.permit.revoked_at is not None:
            raise DomainError(N_("Izin ini sudah dicabut."))
        if application.permit is not None and application.permit.replaced_by is not None:
            # revoking it would leave the permit that replaced it in force
            raise DomainError(MSG_REPLACED.format(
                number=application.permit.replaced_by.number))

    def guard(self, application: Application, actor: Actor) -> None:
        if application.permit is None:
            raise DomainError(self.refused)
        if not self.reason:
            raise DomainError(N_("Alasan pencabutan wajib diisi."), field="reason")

    def effect(self, application: Application, actor: Actor) -> Change:
        permit = application.permit
        now = utcnow()
        permit.revoked_at = now
        permit.revoked_reason = self.reason
        permit.revoked_by_id = actor.user.id
        application.updated_at = now  # bumps lock_version: a concurrent revocation loses
        permit_map.forget(permit)  # off the public WebGIS map, same transaction
        office = casework.office_agency()
        return Change(
            "revoked", role=casework.power_role(actor, "revoke", application),
            note=self.reason, details={"permit_number": permit.number},
            notice=lambda a: Notice(
                _l("Izin dicabut"),
                _l("%(permit)s nomor %(number)s dicabut oleh %(office)s. Alasan: "
                   "%(reason)s"),
                {"permit": permit_name(a), "number": permit.number, "office": office,
                 "reason": self.reason}))


def revoke(application: Application, actor: Actor, reason: str, *,
           seen_version: int | None = None) -> Outcome:
    return apply(application, Revoke(reason), actor, seen_version=seen_version)
