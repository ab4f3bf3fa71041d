"""What the verifier's detail screen shows, assembled from the application's pinned catalogue:
answers with their labels, documents with their verdicts, the routing's stages, the audit
trail and exactly the actions the routing allows this person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

import catalogue as cat_lib
import forms_schema

from .. import i18n, regions
from ..models import Application, ApplicationEvent
from ..models import applications as states
from ..services import applications as apps
from ..services import calendar, expiry, revocation, timeline
from ..services.transitions import Actor
from .arrival import arrival, replaced_since, revision_asked
from .documents import current_verdicts, original_name, requirement_names
from .options import action_label, options

INLINE_MIMES = {"application/pdf": "pdf", "image/png": "image", "image/jpeg": "image",
                "image/gif": "image", "image/webp": "image"}
KIND_LABELS = {"submitted": _l("Permohonan dikirim"), "resubmitted": _l("Revisi dikirim"),
               "cancelled": _l("Dibatalkan pemohon"),
               "expired": _l("Kedaluwarsa (batas revisi lewat)"),
               "reopened": _l("Dibuka kembali untuk revisi"), "revoked": _l("Izin dicabut"),
               "replaced": _l("Izin diganti dengan izin baru")}
CONFIRM = {"forward": _l("Teruskan permohonan ini ke tahap berikutnya?"),
           "back": _l("Kembalikan permohonan ini ke tahap sebelumnya? Alasannya (catatan) "
                      "wajib diisi."),
           "revision": _l("Kembalikan permohonan ini kepada pemohon untuk direvisi?"),
           "reject": _l("Tolak permohonan ini? Penolakan tidak dapat dibatalkan."),
           "issue": _l("Setujui dan terbitkan izin ini? Nomor izin diberikan dan dokumen "
                       "ditandatangani secara elektronik.")}
APPLICANT_EVENTS = ("submitted", "resubmitted", "cancelled")
BUTTON_STYLE = {"forward": "primary", "back": "outline-warning", "revision": "warning",
                "reject": "danger", "issue": "success"}


@dataclass(frozen=True)
class DocumentView:
    key: str
    requirement: str
    filename: str
    kind: str  # pdf | image | other
    valid: bool | None
    note: str
    checked_round: int | None
    replaced: bool = False  # another file attached since the latest revision request
    # the file's name as uploaded (masked, shortened: documents.original_name) and whole
    original: str = ""
    original_whole: str = ""


@dataclass(frozen=True)
class Place:
    """A status or a step as the audit trail names it; `source` is a step's catalogue text."""
    text: str
    source: object = None


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    role: str
    agency: str
    what: str
    # "status · step" before and after (`before` empty when unchanged); a step is shown
    # from its catalogue name (`Place.source`), marked on a page that has no translation
    before: tuple[Place, ...]
    after: tuple[Place, ...]
    note: str
    documents: list[tuple[str, bool, str]]


def document_kind(mime: str | None) -> str:
    return INLINE_MIMES.get((mime or "").lower(), "other")


def documents(application: Application,
              events: list[ApplicationEvent] | None = None) -> list[DocumentView]:
    names = requirement_names(application, i18n.locale())
    checks = current_verdicts(application)
    replaced = replaced_since(application, revision_asked(events or [])) \
        if application.status == states.IN_PROCESS else set()
    found = []
    for doc in application.documents:
        check = checks.get(doc.requirement_key)
        original, original_whole = original_name(doc.file.original_filename)
        found.append(DocumentView(
            doc.requirement_key, names.get(doc.requirement_key, doc.requirement_key),
            f"{doc.file.name}.{doc.file.ext}", document_kind(doc.file.mime),
            check.valid if check else None, check.note if check else "",
            check.round if check else None, doc.requirement_key in replaced,
            original, original_whole))
    return found


def _status_step(application: Application, status: str | None,
                 step: str | None) -> tuple[Place, ...]:
    """A status and step as the audit trail shows them, in the reader's language."""
    lang = i18n.locale()
    parts = [Place(i18n.translated(apps.status_label(status), lang))] if status else []
    if step:
        parts.append(Place(timeline.step_name(application, step, lang),
                           timeline.step_label(application, step)))
    return tuple(parts)


def audit(application: Application, events: list[ApplicationEvent]) -> list[AuditRow]:
    names = requirement_names(application, i18n.locale())
    rows = []
    for event in events:
        if event.kind == "action":
            outcome = (event.details or {}).get("outcome", "")
            what = action_label(application, event.action or "")
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
                             before if before != after else (), after,
                             timeline.note_of(event), verdicts))
    return rows


def sla(application: Application) -> dict:
    """Working days left to the promised completion date (None when the clock is stopped)."""
    if application.status != states.IN_PROCESS or application.estimated_completion is None:
        return {"left": None, "overdue": False}
    cat = apps.catalogue_for(application)
    today = calendar.today()
    left = cat_lib.working_days_between(today, application.estimated_completion,
                                        cat.holiday_dates())
    return {"left": left, "overdue": application.estimated_completion < today}


def flags(application: Application) -> list[dict]:
    """What the catalogue asks the verifier to question (forms_schema.verifier_flags)."""
    submitted = calendar.local_date(application.submitted_at) if application.submitted_at \
        else None
    found = forms_schema.verifier_flags(apps.form_definition(application),
                                        (application.data or {}).get("details") or {},
                                        today=calendar.today(), submitted=submitted)
    return [{"key": f.key, "text": forms_schema.flag_text(f, i18n.locale())} for f in found]


def location(application: Application) -> tuple[dict, list[str]]:
    loc = (application.data or {}).get("location") or {}
    return loc, regions.address_names(loc.get("village_code"))


def context(application: Application, actor: Actor) -> dict:
    """Everything the template needs; no decisions left for Jinja beyond layout."""
    lang = i18n.locale()
    answers = forms_schema.display_answers(apps.form_definition(application),
                                           (application.data or {}).get("details") or {},
                                           locale=lang, context=apps.form_context(application))
    loc, place = location(application)
    allowed = options(application, actor)
    cat = apps.catalogue_for(application)
    agency = cat.agency(application.agency_code) or {}
    permit = application.permit
    events = list(application.events)
    return {
        "application": application, "sections": answers, "location": loc, "place": place,
        "documents": documents(application, events), "options": allowed,
        "confirm": CONFIRM, "button_style": BUTTON_STYLE,
        "audit": audit(application, events),
        "arrival": arrival(application, events, requirement_names(application, lang)),
        "stages": timeline.stages(application),
        "step_name": timeline.step_name(application, application.current_step, lang),
        "step_label": timeline.step_label(application, application.current_step),
        "open_tasks": application.open_tasks, "sla": sla(application),
        "agency_name": i18n.text(agency.get("name"), lang) or application.agency_code,
        "can_reopen": application.status == states.EXPIRED
        and expiry.can_reopen(actor, application),
        "reopen_days": expiry.default_days(application),
        "can_revoke": (application.status == states.ISSUED and permit is not None
                       and permit.revoked_at is None and permit.replaced_by_id is None
                       and revocation.can_revoke(actor, application)),
        "permit": permit,
        "permit_status": permit.status_on(calendar.today()) if permit else None,
        "subject": application.subject_permit,
        "subject_status": application.subject_permit.status_on(calendar.today())
        if application.subject_permit else None,
        "effect": cat.effect(application.application_type),
        "tile_url": current_app.config["MAP_TILE_URL"],
        "bounds": current_app.config["OFFICE_BOUNDS"],
        "flags": flags(application),
        "has_actions": bool(allowed), "actor": actor, "status_label": apps.status_label,
    }
