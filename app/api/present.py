"""Domain objects -> plain dicts shaped like the API schemas. Read-only: no rule lives here,
the services decide what a person may see; this only says how it looks in JSON."""

from __future__ import annotations

import catalogue as cat_lib

from .. import casework
from ..i18n import text
from ..models import Application, CatalogueVersion, IssuedPermit
from ..services import applications as apps
from ..services import catalogue_public as public
from ..services import notices, timeline
from ..services import resi as resi_codes
from ..services.transitions import Actor


def _en(value) -> str | None:
    return value.get("en") or None if isinstance(value, dict) else None


def _code_name(cat: cat_lib.Catalogue, kind: str, code) -> dict | None:
    if not code:
        return None
    found = getattr(cat, kind)(str(code)) or {}
    return {"code": str(code), "name": text(found.get("name")) or str(code)}


# catalogue ----------------------------------------------------------------------------------
def page_of(page, item) -> dict:
    """A page of a list endpoint: counts and `item(row)` for each row."""
    return {"count": page.total, "page": page.page, "pages": page.pages,
            "per_page": page.per_page, "result": [item(row) for row in page.items]}


def catalogue_info(version: CatalogueVersion, cat: cat_lib.Catalogue) -> dict:
    return {"version": version.number, "published_at": version.created_at,
            "digest": version.digest, "permits": len(cat.permits),
            "agencies": len(cat.agencies), "routings": len(cat.routings)}


def permit_summary(cat: cat_lib.Catalogue, permit: dict) -> dict:
    validity = permit.get("validity") or None
    return {
        "code": permit["code"], "name": text(permit.get("name")),
        "name_en": _en(permit.get("name")),
        "agency": _code_name(cat, "agency", permit.get("agency")),
        "sector": _code_name(cat, "sector", permit.get("sector")),
        "application_types": [_code_name(cat, "application_type", t)
                              for t in permit.get("application_types") or []],
        "sla_working_days": int(permit.get("sla_working_days") or 0),
        "fee": float(permit.get("fee") or 0), "fee_text": public.rupiah(permit.get("fee") or 0),
        "validity": validity, "validity_text": public.validity_text(validity),
    }


def _requirement(permit: dict, req: dict) -> dict:
    template = None
    if req.get("template_file"):
        template = notices.public_url(f"/persyaratan/{permit['code']}/templat/{req['key']}")
    return {"key": req["key"], "name": text(req.get("name")),
            "description": text(req.get("description")) or None,
            "required": bool(req.get("required", True)), "formats": list(req.get("formats") or []),
            "max_mb": req.get("max_mb"), "template_url": template}


def _agency_name(cat: cat_lib.Catalogue, code: str, permit: dict | None) -> str:
    if code == cat_lib.PERMIT_AGENCY:
        if permit is None:
            return "instansi teknis pemilik izin"
        code = str(permit.get("agency"))
    found = cat.agency(code)
    return text(found.get("name")) if found else code


def routing(cat: cat_lib.Catalogue, routing_doc: dict, permit: dict | None = None) -> dict:
    """A routing's steps; with a permit, "who" names the permit's own agency for @permit."""
    steps = [s for s in routing_doc.get("steps") or [] if isinstance(s, dict)]
    names = {s.get("key"): text(s.get("name")) for s in steps}
    rows = []
    for number, step in enumerate(steps, start=1):
        agencies = step.get("agencies") or ([step["agency"]] if step.get("agency") else [])
        places = list(dict.fromkeys(_agency_name(cat, str(a), permit) for a in agencies))
        who = str(step.get("role") or "") + (" — " + " dan ".join(places) if places else "")
        outcomes = [public.TARGETS.get(t) or f"lanjut ke {names.get(t, t)}"
                    for t in dict.fromkeys((step.get("actions") or {}).values())]
        rows.append({
            "number": number, "key": step["key"], "name": text(step.get("name")),
            "role": str(step.get("role") or ""), "agencies": [str(a) for a in agencies],
            "parallel": len(places) > 1, "sla_days": step.get("sla_days"),
            "actions": dict(step.get("actions") or {}), "who": who, "outcomes": outcomes,
        })
    return {"code": routing_doc["code"], "name": text(routing_doc.get("name")),
            "description": text(routing_doc.get("description")) or None, "steps": rows}


def permit_detail(version: CatalogueVersion, cat: cat_lib.Catalogue, permit: dict) -> dict:
    routing_doc = cat.permit_routing(permit["code"])
    groups = [{"application_type": code, "name": name,
               "requirements": [_requirement(permit, r) for r in reqs]}
              for code, name, reqs in public.requirement_tabs(cat, permit)]
    return {
        **permit_summary(cat, permit), "version": version.number,
        "description": text(permit.get("description")) or None,
        "legal_basis": [str(x) for x in permit.get("legal_basis") or []],
        "revision_deadline_days": int(permit.get("revision_deadline_days", 5)),
        "requirements": groups,
        "routing": routing(cat, routing_doc, permit) if routing_doc else None,
        "form": permit.get("form") or {"sections": []},
    }


def agency(cat: cat_lib.Catalogue, item: dict) -> dict:
    return {"code": item["code"], "name": text(item.get("name")),
            "name_en": _en(item.get("name")), "kind": item.get("kind"),
            "address": item.get("address") or None, "head_title": item.get("head_title") or None,
            "permits": sum(1 for p in cat.permits if p.get("agency") == item["code"])}


# applications -------------------------------------------------------------------------------
def application_summary(application: Application) -> dict:
    return {
        "uid": application.uid, "resi": resi_codes.display(application.resi),
        "registration_number": application.registration_number,
        "permit_code": application.permit_code, "permit_name": application.permit_name,
        "application_type": application.application_type,
        "agency_code": application.agency_code, "status": application.status,
        "status_label": apps.status_label(application.status),
        "step": application.current_step,
        "step_name": timeline.step_name(application, application.current_step) or None,
        "submitted_at": application.submitted_at,
        "estimated_completion": application.estimated_completion,
        "revision_due": application.revision_due,
    }


def issued_permit(permit: IssuedPermit | None) -> dict | None:
    if permit is None:
        return None
    return {"number": permit.number, "issued_at": permit.issued_at,
            "valid_from": permit.valid_from, "valid_until": permit.valid_until,
            "revoked": permit.revoked_at is not None,
            "replaced_by": _successor(permit),
            "verification_url": notices.public_url(f"/verifikasi/{permit.token}")}


def _successor(permit: IssuedPermit) -> dict | None:
    """The permit a renewal or an amendment issued in this one's place (None while it is in
    force): a caller holding the old number learns which one now counts, and since when."""
    successor = permit.replaced_by
    if successor is None:
        return None
    return {"number": successor.number, "replaced_at": permit.replaced_at,
            "kind": permit.replaced_kind,
            "verification_url": notices.public_url(f"/verifikasi/{successor.token}")}


def applicant_application(application: Application) -> dict:
    steps = timeline.for_applicant(application)
    return {
        **application_summary(application),
        "catalogue_version": application.catalogue_version_number,
        "history": [vars(e) for e in steps["history"]],
        "stages": [{"name": s.name, "state": s.state, "waiting_for": list(s.waiting_for),
                    "due": s.due} for s in steps["stages"]],
        "permit": issued_permit(application.permit),
    }


def queue_item(item) -> dict:
    application = item.application
    return {
        **application_summary(application), "applicant_name": application.applicant_name,
        "company_name": application.company_name, "role": item.task.role,
        "step": item.task.step, "step_name": item.step_name, "due_date": item.task.due_date,
        "sla_left": item.sla_left, "overdue": item.overdue,
    }


def _documents(application: Application) -> list[dict]:
    names = casework.requirement_names(application)
    checks = casework.current_verdicts(application)
    rows = []
    for doc in application.documents:
        check = checks.get(doc.requirement_key)
        rows.append({
            "requirement_key": doc.requirement_key,
            "requirement_name": names.get(doc.requirement_key, doc.requirement_key),
            "file_name": f"{doc.file.name}.{doc.file.ext}", "mime": doc.file.mime,
            "size": doc.file.size, "sha256": doc.file.sha256,
            "check": {"valid": check.valid, "note": check.note, "round": check.round}
            if check else None,
        })
    return rows


def staff_application(application: Application, actor: Actor) -> dict:
    return {
        **application_summary(application),
        "catalogue_version": application.catalogue_version_number,
        "applicant_name": application.applicant_name,
        "applicant_identity": application.applicant_identity,
        "company_name": application.company_name, "lock_version": application.lock_version,
        "revision_round": application.revision_round, "data": dict(application.data or {}),
        "documents": _documents(application),
        "options": [vars(o) for o in casework.options(application, actor)],
        "audit": [{"at": e.created_at, "kind": e.kind, "actor_name": e.actor_name,
                   "role": e.actor_role, "agency": e.actor_agency, "action": e.action,
                   "from_status": e.from_status, "to_status": e.to_status,
                   "from_step": e.from_step, "to_step": e.to_step, "note": e.note}
                  for e in application.events],
        "permit": issued_permit(application.permit),
    }
