"""What the verifier's detail screen shows, assembled from the application's pinned catalogue:
answers with their labels, documents with their verdicts, the routing's stages, the audit
trail and exactly the actions the routing allows this person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

import forms_schema

from .. import regions
from ..models import Application, ApplicationEvent
from ..models import applications as states
from ..services import applications as apps
from ..services import calendar, expiry, review, revocation, timeline
from ..services.review import Actor
from .queue_rows import working_days_between

INLINE_MIMES = {"application/pdf": "pdf", "image/png": "image", "image/jpeg": "image",
                "image/gif": "image", "image/webp": "image"}
KIND_LABELS = {"submitted": _l("Permohonan dikirim"), "resubmitted": _l("Revisi dikirim"),
               "cancelled": _l("Dibatalkan pemohon"),
               "expired": _l("Kedaluwarsa (batas revisi lewat)"),
               "reopened": _l("Dibuka kembali untuk revisi"), "revoked": _l("Izin dicabut")}
CONFIRM = {"forward": _l("Teruskan permohonan ini ke tahap berikutnya?"),
           "revision": _l("Kembalikan permohonan ini kepada pemohon untuk direvisi?"),
           "reject": _l("Tolak permohonan ini? Penolakan tidak dapat dibatalkan."),
           "issue": _l("Setujui dan terbitkan izin ini? Nomor izin diberikan dan dokumen "
                       "ditandatangani secara elektronik.")}
APPLICANT_EVENTS = ("submitted", "resubmitted", "cancelled")
BUTTON_STYLE = {"forward": "primary", "revision": "warning", "reject": "danger",
                "issue": "success"}


@dataclass(frozen=True)
class DocumentView:
    key: str
    requirement: str
    filename: str
    kind: str  # pdf | image | other
    valid: bool | None
    note: str
    checked_round: int | None


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    role: str
    agency: str
    what: str
    from_to: str
    note: str
    documents: list[tuple[str, bool, str]]


def document_kind(mime: str | None) -> str:
    return INLINE_MIMES.get((mime or "").lower(), "other")


def documents(application: Application) -> list[DocumentView]:
    permit = apps.permit_of(application)
    names = {r["key"]: r["name"]["id"] for r in permit.get("requirements", [])}
    checks = {c.requirement_key: c for c in application.document_checks
              if c.round == application.revision_round}
    found = []
    for doc in application.documents:
        check = checks.get(doc.requirement_key)
        found.append(DocumentView(
            doc.requirement_key, names.get(doc.requirement_key, doc.requirement_key),
            f"{doc.file.name}.{doc.file.ext}", document_kind(doc.file.mime),
            check.valid if check else None, check.note if check else "",
            check.round if check else None))
    return found


def _status_step(application: Application, status: str | None, step: str | None) -> str:
    parts = [apps.status_label(status)] if status else []
    if step:
        parts.append(timeline.step_name(application, step))
    return " · ".join(parts)


def audit(application: Application, events: list[ApplicationEvent]) -> list[AuditRow]:
    names = {d.key: d.requirement for d in documents(application)}
    permit = apps.permit_of(application)
    names.update({r["key"]: r["name"]["id"] for r in permit.get("requirements", [])})
    rows = []
    for event in events:
        if event.kind == "action":
            outcome = (event.details or {}).get("outcome", "")
            what = review.action_label(event.action or "")
            if outcome == "waiting":
                what += " — " + _("menunggu instansi lain")
        else:
            what = str(KIND_LABELS.get(event.kind, event.kind))
        before = _status_step(application, event.from_status, event.from_step)
        after = _status_step(application, event.to_status, event.to_step)
        verdicts = [(names.get(k, k), bool(v.get("valid")), v.get("note") or "")
                    for k, v in ((event.details or {}).get("documents") or {}).items()]
        role = event.actor_role or (_("Pemohon") if event.kind in APPLICANT_EVENTS else "")
        rows.append(AuditRow(event.created_at, event.actor_name or "-", role,
                             event.actor_agency or "", what,
                             f"{before} → {after}" if before and before != after else after,
                             event.note or "", verdicts))
    return rows


def sla(application: Application) -> dict:
    """Working days left to the promised completion date (None when the clock is stopped)."""
    if application.status != states.IN_PROCESS or application.estimated_completion is None:
        return {"left": None, "overdue": False}
    cat = apps.catalogue_for(application)
    today = calendar.today()
    left = working_days_between(today, application.estimated_completion,
                                sorted(cat.holiday_dates()))
    return {"left": left, "overdue": application.estimated_completion < today}


def location(application: Application) -> tuple[dict, list[str]]:
    loc = (application.data or {}).get("location") or {}
    place = [r.name.title() for r in regions.path(loc.get("village_code") or "")]
    return loc, list(reversed(place))


def context(application: Application, actor: Actor) -> dict:
    """Everything the template needs; no decisions left for Jinja beyond layout."""
    answers = forms_schema.display_answers(apps.form_definition(application),
                                           (application.data or {}).get("details") or {},
                                           context=apps.form_context(application))
    loc, place = location(application)
    options = review.options(application, actor)
    cat = apps.catalogue_for(application)
    kind = (cat.application_type(application.application_type) or {}).get("name", {})
    agency = cat.agency(application.agency_code) or {}
    permit = application.permit
    return {
        "application": application, "sections": answers, "location": loc, "place": place,
        "documents": documents(application), "options": options,
        "confirm": CONFIRM, "button_style": BUTTON_STYLE,
        "audit": audit(application, list(application.events)),
        "stages": timeline.stages(application),
        "step_name": timeline.step_name(application, application.current_step),
        "open_tasks": application.open_tasks, "sla": sla(application),
        "application_type": kind.get("id", application.application_type),
        "agency_name": agency.get("name", {}).get("id", application.agency_code),
        "can_reopen": application.status == states.EXPIRED and expiry.can_reopen(actor),
        "reopen_days": expiry.default_days(application),
        "can_revoke": (application.status == states.ISSUED and permit is not None
                       and permit.revoked_at is None and revocation.can_revoke(actor)),
        "permit": permit,
        "permit_status": permit.status_on(calendar.today()) if permit else None,
        "tile_url": current_app.config["MAP_TILE_URL"],
        "bounds": current_app.config["OFFICE_BOUNDS"],
        "has_actions": bool(options), "actor": actor, "status_label": apps.status_label,
    }


def outcome_message(application: Application, outcome: str, resi: str) -> str:
    if outcome == "moved":
        return _("Permohonan %(resi)s diteruskan ke tahap %(step)s.", resi=resi,
                 step=timeline.step_name(application, application.current_step))
    if outcome == "waiting":
        return _("Rekomendasi Anda tercatat. Permohonan %(resi)s menunggu %(who)s.", resi=resi,
                 who=", ".join(t.agency_code for t in application.open_tasks))
    if outcome == "revision":
        return _("Permohonan %(resi)s dikembalikan kepada pemohon untuk revisi (batas %(due)s).",
                 resi=resi, due=f"{application.revision_due:%d-%m-%Y}")
    if outcome == "rejected":
        return _("Permohonan %(resi)s ditolak.", resi=resi)
    if outcome == "issued" and application.permit is not None:
        return _("Izin terbit dengan nomor %(number)s.", number=application.permit.number)
    return _("Permohonan %(resi)s telah diproses.", resi=resi)
