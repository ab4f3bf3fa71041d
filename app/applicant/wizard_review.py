"""Validasi Data: the whole application read-only, with a link back to each step, the
declaration and Submit (Kirim) — the wizard's last page, for a first submission and for a
revision alike. Also the wizard's autosave answer (the step pages save while typing)."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

import forms_schema

from .. import i18n, regions
from ..account.forms import EmptyForm
from ..account.guards import applicant_required
from ..models import applications as states
from ..models import utcnow
from ..services import applications as apps
from ..services import files, workflow
from ..services.errors import DomainError
from ..services.resi import display
from . import bp
from .wizard_pages import load_editable, page_context, step_url


def autosaved():
    """The answer to a step's autosave: when it was saved, for the page to say so."""
    from ..templating import local_time

    return jsonify(saved=True, at=local_time(utcnow()).strftime("%H.%M"))


def document_rows(application) -> list[dict]:
    """Each requirement with the file chosen for it (or none) and what is wrong with it."""
    data = application.data or {}
    chosen, errors = apps.check_documents(application, data.get("documents") or {},
                                          data.get("details") or {})
    covered = apps.file_fields(apps.form_definition(application))
    owned = files.form_files(application.applicant_id)
    rows = []
    for req in apps.requirements_for(apps.permit_of(application), application.application_type):
        uid = chosen.get(req["key"])
        meta = owned.get(uid) if uid else None
        problem = errors.get(covered.get(req["key"], f"doc-{req['key']}"))
        rows.append({"requirement": i18n.in_locale(req["name"]),
                     "filename": f"{meta['name']}.{meta['ext']}" if meta else "",
                     "size": meta["size"] if meta else None,
                     "url": url_for("applicant.file_open", uid=uid) if meta else "",
                     "error": problem[0] if problem else ""})
    return rows


def _problems(application) -> dict[str, list[str]]:
    """What still stops submission, per wizard step (the declaration is asked here)."""
    found = workflow.complete_errors(application).by_step
    detail = {k: v for k, v in found.get("detail", {}).items() if k != "declaration"}
    found = {k: v for k, v in found.items() if k != "detail"}
    if detail:
        found["detail"] = detail
    return found


@bp.route("/permohonan/<uid>/validasi", methods=["GET", "POST"])
@applicant_required
def wizard_review(uid: str):
    application, leave = load_editable(uid)
    if leave:
        return leave
    if application.wizard_step < apps.REVIEW_STEP:
        return redirect(step_url(application, apps.STEPS[max(application.wizard_step, 2) - 1]))
    declaration_error = None
    if request.method == "POST":
        if not EmptyForm().validate_on_submit():
            abort(400)
        declared = request.form.get("_declaration") in ("1", "on", "y")
        try:
            return _finish(application, request.form.get("_submit_key") or "", declared)
        except workflow.Incomplete as exc:
            apps.set_declaration(application, declared)  # the page shown again keeps it
            declaration_error = (exc.by_step.get("detail") or {}).get("declaration", [None])[0]
            if set(exc.by_step) - {"detail"} or set(exc.by_step.get("detail", {})) - {
                    "declaration"}:
                flash(_("Permohonan belum dapat dikirim: lengkapi langkah yang ditandai."),
                      "danger")
        except DomainError as exc:
            flash(exc.message, "danger")
            return redirect(url_for("applicant.application_detail", uid=application.uid))
    location = application.data.get("location") or {}
    sections = forms_schema.display_answers(
        apps.form_definition(application), application.data.get("details") or {},
        locale=i18n.locale(), context=apps.form_context(application))
    edit = {step: step_url(application, step, to_review=True) for step in apps.STEPS[1:]}
    return render_template(
        "applicant/wizard/review.html", sections=sections, documents=document_rows(application),
        location=location, place=regions.address_names(
            location.get("village_code")), edit=edit, problems=_problems(application),
        declaration_error=declaration_error, submit_key=workflow.new_submit_key(),
        form=EmptyForm(), **page_context(application, "validasi"))


def _finish(application, submit_key: str, declared: bool):
    """Sends the draft (or the revision). What the reply needs is read before the commit or
    from its outcome, so the application is not loaded again just to redirect."""
    if application.status == states.REVISION:
        uid = application.uid
        workflow.resubmit(application, current_user, declared=declared)
        flash(_("Revisi berhasil dikirim dan akan diperiksa kembali oleh petugas."), "success")
        return redirect(url_for("applicant.application_detail", uid=uid))
    done = workflow.submit(application, submit_key or workflow.new_submit_key(),
                           declared=declared)
    flash(_("Permohonan berhasil dikirim. Nomor resi Anda: %(resi)s",
            resi=display(done.resi)), "success")
    return redirect(url_for("applicant.my_applications"))
