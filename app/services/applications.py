"""Applications as the applicant sees them: starting a draft, saving wizard steps, finding
one's own applications, cancelling.

Everything permit-specific comes from the catalogue version the application is pinned to;
nothing here knows one permit from another.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, or_, select

import catalogue as cat_lib
import forms_schema
from forms_schema import messages

from ..database import commit_keeping_loaded
from ..extensions import db
from ..i18n import N_
from ..models import Application, ApplicationEvent, CatalogueVersion, display_name, utcnow
from ..models import applications as states
from . import catalogue_forms, catalogue_store, errors, files, subjects, wizard_steps
from .errors import DomainError
from .ownership import owned

STEPS = ("jenis", "pemohon", "perusahaan", "lokasi", "detail")
REVIEW_STEP = len(STEPS) + 1  # wizard_step once Validasi Data (review, then submit) is open
STEP_TITLES = {"jenis": "Jenis Izin", "pemohon": "Data Pemohon", "perusahaan": "Data Perusahaan",
               "lokasi": "Lokasi Izin", "detail": "Data Detail & Dokumen"}
STATUS_LABELS = {
    states.DRAFT: "Draft", states.IN_PROCESS: "Dalam Proses", states.REVISION: "Perlu Revisi",
    states.REJECTED: "Ditolak", states.ISSUED: "Selesai", states.CANCELLED: "Dibatalkan",
    states.EXPIRED: "Kedaluwarsa",
}


class NotFound(errors.NotFound):
    pass


class NotAllowed(DomainError):
    pass


@dataclass(frozen=True)
class PermitChoice:
    """A permit as step 1 presents it, resolved against one catalogue version."""

    permit: dict
    application_type: str
    requirements: list[dict]


def catalogue_for(application: Application) -> cat_lib.Catalogue:
    """The parsed catalogue version the application is pinned to, found by the id and digest
    read with the application; a draft not yet written has no digest and loads its version."""
    digest = application.catalogue_digest
    if digest is None:
        return catalogue_store.catalogue_of(application.catalogue_version)
    return catalogue_store.catalogue_by(application.catalogue_version_id, digest)


def permit_of(application: Application) -> dict:
    return catalogue_for(application).permit(application.permit_code) or {}


requirements_for = cat_lib.requirements_for


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


# finding ---------------------------------------------------------------------------------
def own(user_id: int, uid: str) -> Application:
    """Another applicant's application and a missing one look the same (404)."""
    return owned(Application.uid, uid, Application.applicant_id, user_id,
                 NotFound(errors.MSG_APPLICATION_NOT_FOUND))


def search_own(user_id: int, query: str = "", *, drafts: bool = False,
               statuses: tuple[str, ...] | None = None):
    stmt = select(Application).where(Application.applicant_id == user_id)
    if statuses:
        stmt = stmt.where(Application.status.in_(statuses))
    elif drafts:
        stmt = stmt.where(Application.status == states.DRAFT)
    else:
        stmt = stmt.where(Application.status != states.DRAFT)
    text = query.strip()
    if text:
        from .resi import normalise

        like = f"%{text.lower()}%"
        stmt = stmt.where(or_(Application.resi == normalise(text),
                              func.lower(Application.permit_name).like(like),
                              func.lower(Application.registration_number).like(like)))
    order = Application.updated_at if drafts else Application.submitted_at
    return stmt.order_by(order.desc(), Application.id.desc())


# drafts ----------------------------------------------------------------------------------
def choose(cat: cat_lib.Catalogue, permit_code: str, application_type: str) -> PermitChoice:
    permit = cat.permit(permit_code or "")
    if permit is None:
        raise DomainError(N_("Jenis izin tidak ditemukan pada katalog yang berlaku."),
                          field="permit_code")
    if application_type not in permit.get("application_types", []):
        raise DomainError(N_("Jenis permohonan tidak tersedia untuk izin ini."),
                          field="application_type")
    return PermitChoice(permit, application_type, requirements_for(permit, application_type))


def start_draft(user, profile, permit_code: str, application_type: str,
                subject_id: int | str | None = None) -> Application:
    """A new draft on the current catalogue version. A type that acts on an issued permit
    (renewal, amendment, revocation) names one of the applicant's (`subject_id`), and the
    draft starts from that permit's answers, company and location."""
    version = catalogue_store.current_version()
    if version is None:
        raise DomainError(N_("Katalog perizinan belum diterbitkan; coba lagi nanti."))
    cat = catalogue_store.catalogue_of(version)
    picked = choose(cat, permit_code, application_type)
    subject = subjects.choose(user.id, cat, permit_code, application_type, subject_id)
    data = {
        "applicant": wizard_steps.applicant_snapshot(profile, user.email),
        "company": wizard_steps.company_prefill(profile, user.email),
        "location": {"province_code": current_app.config["OFFICE_PROVINCE"]},
        "details": {}, "documents": {}, "declaration": False,
        **subjects.prefill(subject),
    }
    application = Application(
        uid=secrets.token_urlsafe(16), applicant_id=user.id, status=states.DRAFT,
        catalogue_version_id=version.id, catalogue_version_number=version.number,
        permit_code=picked.permit["code"], permit_name=picked.permit["name"]["id"][:300],
        application_type=application_type, agency_code=picked.permit["agency"],
        wizard_step=2, data=data, applicant_identity=profile.identity,
        applicant_name=profile.name[:200], company_name=profile.company_name,
        subject_permit_id=subject.id if subject is not None else None,
    )
    db.session.add(application)
    db.session.commit()
    return application


def _editable(application: Application) -> None:
    if application.status not in (states.DRAFT, states.REVISION):
        raise NotAllowed(N_("Permohonan ini sudah dikirim dan tidak dapat diubah lagi."))


def _store(application: Application, section: str, value, step: int | None = None) -> None:
    data = dict(application.data or {})
    data[section] = value
    application.data = data
    if step is not None:
        application.wizard_step = max(application.wizard_step, step)


def save_applicant(application: Application, posted: dict, *, check: bool) -> dict:
    _editable(application)
    clean, errors = wizard_steps.clean_applicant(application.data["applicant"], posted)
    _store(application, "applicant", clean, None if errors or not check else 3)
    db.session.commit()
    return errors if check else {}


def company_required(application: Application) -> bool:
    return application.data.get("applicant", {}).get("kind") == "badan_usaha"


def save_company(application: Application, posted: dict, *, check: bool) -> dict:
    _editable(application)
    required = company_required(application)
    clean, errors = wizard_steps.clean_company(posted, required=required)
    if clean is None:
        value = None
    else:
        value = clean | {"as_company": True}
    if errors and not check:
        errors = {}
    _store(application, "company", value, None if errors or not check else 4)
    if value is not None:
        application.company_name = (value.get("name") or "")[:200] or None
    elif not required:
        application.company_name = None
    db.session.commit()
    return errors


def save_location(application: Application, posted: dict, *, check: bool) -> dict:
    _editable(application)
    clean, errors = wizard_steps.clean_location(posted)
    _store(application, "location", clean, None if errors or not check else 5)
    db.session.commit()
    return errors if check else {}


# the permit's own form -------------------------------------------------------------------
def form_context(application: Application) -> forms_schema.FormContext:
    """The same context the console preview uses, with the applicant's own files and the
    application type (conditions may read it)."""
    return catalogue_forms.form_context(catalogue_for(application), permit_of(application),
                                        files=files.form_files(application.applicant_id),
                                        application_type=application.application_type)


def form_definition(application: Application) -> dict:
    return permit_of(application).get("form") or {"sections": []}


def file_fields(definition: dict) -> dict[str, str]:
    """Form fields of type file answer a requirement: requirement key -> field key."""
    found = {}
    for section in definition.get("sections", []):
        for field in section.get("fields", []):
            if field.get("type") == "file" and field.get("requirement"):
                found[field["requirement"]] = field["key"]
    return found


def document_slots(application: Application) -> list[dict]:
    """Requirements that need their own upload slot (not already a field of the form)."""
    covered = file_fields(form_definition(application))
    return [r for r in requirements_for(permit_of(application), application.application_type)
            if r["key"] not in covered]


def check_documents(application: Application, documents: dict[str, str],
                    answers: dict) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Every applicable requirement: a file of the applicant's own, in an accepted format and
    size. Returns (requirement -> file uid, errors keyed "doc-<requirement>")."""
    owned = files.form_files(application.applicant_id)
    covered = file_fields(form_definition(application))
    chosen: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for req in requirements_for(permit_of(application), application.application_type):
        key = req["key"]
        uid = answers.get(covered[key]) if key in covered else documents.get(key)
        name = f"doc-{key}" if key not in covered else covered[key]
        if not uid:
            if req.get("required", True):  # forms_schema's texts: read in the page's language
                errors[name] = [messages.document_required(req["name"]["id"])]
            continue
        meta = owned.get(uid)
        formats = [f.lower() for f in req.get("formats", [])]
        if meta is None:
            errors[name] = [messages.FILE_UNKNOWN]
        elif formats and meta["ext"] not in formats:
            errors[name] = [messages.file_format([f.upper() for f in formats])]
        elif req.get("max_mb") and meta["size"] > req["max_mb"] * 1024 * 1024:
            errors[name] = [messages.file_size(req["max_mb"])]
        else:
            chosen[key] = uid
    return chosen, errors


def save_details(application: Application, answers: dict, documents: dict[str, str],
                 declaration: bool, *, check: bool) -> dict[str, list[str]]:
    """Stores what was typed even when it has errors: nothing typed is ever lost."""
    _editable(application)
    data = dict(application.data or {})
    data["details"] = answers
    data["documents"] = {k: v for k, v in documents.items() if v}
    data["declaration"] = bool(declaration)
    application.data = data
    errors: dict[str, list[str]] = {}
    if check:
        errors = details_errors(application)
    commit_keeping_loaded()
    return errors


def details_errors(application: Application) -> dict[str, list[str]]:
    data = application.data or {}
    definition = form_definition(application)
    _clean, errors = forms_schema.clean_answers(definition, data.get("details") or {},
                                                context=form_context(application))
    _chosen, doc_errors = check_documents(application, data.get("documents") or {},
                                          data.get("details") or {})
    errors.update(doc_errors)
    if not data.get("declaration"):
        errors["declaration"] = [N_("Centang pernyataan kebenaran data sebelum mengirim")]
    return errors


def delete_draft(application: Application) -> None:
    if application.status != states.DRAFT:
        raise NotAllowed(N_("Hanya draf yang dapat dihapus."))
    db.session.delete(application)
    db.session.commit()


def version_of(application: Application) -> CatalogueVersion:
    return application.catalogue_version


def can_cancel(application: Application) -> bool:
    return application.status == states.IN_PROCESS and application.first_action_at is None


def cancel_blocked(application: Application) -> str | None:
    """Why a running application can no longer be cancelled ("processed": an officer has
    acted on it; "revision": it is with the applicant), so the page can say so where the
    button was; None when it can be, or when it has ended anyway."""
    if application.status == states.IN_PROCESS and application.first_action_at is not None:
        return "processed"
    if application.status == states.REVISION:
        return "revision"
    return None


def set_declaration(application: Application, declared: bool) -> None:
    """The declaration that the data is true, ticked (or not) on Validasi Data, saved."""
    declare(application, declared)
    commit_keeping_loaded()


def declare(application: Application, declared: bool) -> None:
    """The same tick, not yet saved: Submit writes it in its own transaction (one commit per
    submission); a refused submission saves it with `set_declaration`."""
    _editable(application)
    if (application.data or {}).get("declaration") != bool(declared):  # else nothing to write
        application.data = {**(application.data or {}), "declaration": bool(declared)}


def reach_review(application: Application) -> None:
    """Step 5 is complete: Validasi Data (the review before submitting) is open."""
    _editable(application)
    application.wizard_step = max(application.wizard_step, REVIEW_STEP)
    db.session.commit()


def record(application: Application, kind: str, *, actor=None, role: str | None = None,
           agency: str | None = None, note: str = "", from_status: str | None = None,
           from_step: str | None = None, action: str | None = None,
           details: dict | None = None) -> ApplicationEvent:
    """Appends one audit entry (the caller commits it with the change it describes)."""
    name = ""
    if actor is not None:
        name = display_name(actor)[:200]
    event = ApplicationEvent(
        application_id=application.id, created_at=utcnow(), kind=kind,
        actor_id=actor.id if actor is not None else None, actor_name=name, actor_role=role,
        actor_agency=agency, step=from_step, action=action, from_status=from_status,
        to_status=application.status, from_step=from_step, to_step=application.current_step,
        note=note, details=details,
    )
    db.session.add(event)
    return event
