"""Permohonan Saya, the application detail, Revisi, Cetak Resi and Cetak Izin.

Every page shows one applicant's own applications only: another applicant's resi or uid
answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

import forms_schema

from .. import i18n, regions, storage
from ..account.forms import EmptyForm
from ..account.guards import applicant_required
from ..i18n import N_
from ..models import applications as states
from ..security import headers
from ..services import applications as apps
from ..services import files, issuance, receipts, timeline, workflow
from ..services.errors import DomainError
from ..services.filter_codes import checked
from ..services.pagination import filter_values, paginate
from ..survey import responses as survey_responses
from ..web import or_404
from . import bp

PER_PAGE = 10
STATUS_ICONS = {
    states.DRAFT: ("bi-pencil-square", "secondary"),
    states.IN_PROCESS: ("bi-arrow-repeat", "primary"),
    states.REVISION: ("bi-exclamation-triangle", "warning"),
    states.REJECTED: ("bi-x-circle", "danger"),
    states.ISSUED: ("bi-check-circle", "success"),
    states.CANCELLED: ("bi-slash-circle", "secondary"),
    states.EXPIRED: ("bi-hourglass-bottom", "dark"),
}

# Labels kept in Indonesian by app/services (the API's words too) and translated where
# they are shown, with _(label); listed here so `make translations` extracts them
# (tests/integration/test_translations.py checks that the list is complete).
STATUS_MSGIDS = (_l("Draft"), _l("Dalam Proses"), _l("Perlu Revisi"), _l("Ditolak"),
                 _l("Selesai"), _l("Dibatalkan"), _l("Kedaluwarsa"))


@bp.app_context_processor
def _status_helpers():
    return {"status_label": apps.status_label, "status_icon": STATUS_ICONS.get}


def _own(uid: str):
    return or_404(apps.own, current_user.id, uid)


@bp.get("/permohonan")
@applicant_required
def my_applications():
    query = (request.args.get("q") or "").strip()[:100]
    shown, notices = [s for s in states.STATUSES if s != states.DRAFT], []
    status = checked(filter_values(request.args, ("status",))["status"], shown,
                     N_("Status"), notices)
    for message in notices:
        flash(message, "warning")
    page = paginate(apps.search_own(current_user.id, query,
                                    statuses=(status,) if status else None),
                    request.args.get("hal"), PER_PAGE)
    done = survey_responses.answered(a.id for a in page.items)
    return render_template("applicant/applications.html", page=page, query=query,
                           status=status, statuses=shown,
                           survey={a.id: survey_responses.state(a, done) for a in page.items})


@bp.get("/permohonan/draf")
@applicant_required
def my_drafts():
    page = paginate(apps.search_own(current_user.id, drafts=True), request.args.get("hal"),
                    PER_PAGE)
    return render_template("applicant/drafts.html", page=page, delete_form=EmptyForm())


@bp.get("/revisi")
@applicant_required
def my_revisions():
    page = paginate(apps.search_own(current_user.id, statuses=(states.REVISION,)),
                    request.args.get("hal"), PER_PAGE)
    notes = {a.id: timeline.last_revision_note(a) for a in page.items}
    return render_template("applicant/revisions.html", page=page, notes=notes)


@bp.get("/permohonan/<uid>")
@applicant_required
def application_detail(uid: str):
    application = _own(uid)
    if application.status == states.DRAFT:
        return redirect(url_for("applicant.wizard_resume", uid=uid))
    context = apps.form_context(application)
    sections = forms_schema.display_answers(apps.form_definition(application),
                                            application.data.get("details") or {},
                                            locale=i18n.locale(), context=context)
    location = application.data.get("location") or {}
    place = regions.address_names(location.get("village_code"))
    return render_template(
        "applicant/application_detail.html", application=application, sections=sections,
        steps=timeline.for_applicant(application), location=location, place=place,
        documents=receipts.document_rows(application), notes=timeline.notes(application),
        can_cancel=apps.can_cancel(application), cancel_form=EmptyForm(),
        survey=survey_responses.state(application),
        cancel_blocked=apps.cancel_blocked(application),
        tile_url=current_app.config["MAP_TILE_URL"],
        bounds=current_app.config["OFFICE_BOUNDS"])


@bp.post("/permohonan/<uid>/batal")
@applicant_required
def application_cancel(uid: str):
    application = _own(uid)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        workflow.cancel(application, current_user)
    except DomainError as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Permohonan dibatalkan."), "success")
    return redirect(url_for("applicant.application_detail", uid=uid))


@bp.get("/permohonan/<uid>/dokumen/<key>")
@applicant_required
def application_document(uid: str, key: str):
    application = _own(uid)
    doc = next((d for d in application.documents if d.requirement_key == key), None)
    if doc is None:
        abort(404)
    return storage_response(doc.file.storage_key, doc.file.mime,
                            f"{doc.file.name}.{doc.file.ext}", inline=True)


@bp.get("/permohonan/<uid>/resi.pdf")
@applicant_required
def application_receipt(uid: str):
    application = _own(uid)
    if not application.resi:
        abort(404)
    pdf = receipts.receipt_pdf(application)
    return headers.sandbox(Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="resi-{application.resi}.pdf"',
        "Cache-Control": "no-store"}))


@bp.get("/permohonan/<uid>/izin.pdf")
@applicant_required
def application_permit(uid: str):
    application = _own(uid)
    issued = application.permit
    if issued is None or application.status != states.ISSUED:
        abort(404)
    return permit_response(issued, url_for("applicant.application_detail", uid=uid),
                           inline=False)


def permit_response(issued, back: str, *, inline: bool) -> Response:
    """The signed permit PDF, or back to `back` with a note while it is still being made."""
    key = issuance.document_key(issued)
    if key is None:
        flash(_(issuance.MSG_PREPARING), "warning")
        return redirect(back)
    name = "izin-" + "".join(ch if ch.isalnum() else "-" for ch in issued.number) + ".pdf"
    return storage_response(key, "application/pdf", name, inline=inline)


def storage_response(key: str, mime: str, filename: str, *, inline: bool) -> Response:
    """Streams a stored file under its name, through the one header-safe Content-Disposition
    (files.content_disposition)."""
    try:
        body = storage.current().iter_chunks(key)
    except (storage.ObjectMissing, storage.InvalidKey):
        abort(404)
    return headers.sandbox(Response(body, mimetype=mime, headers={
        "Content-Disposition": files.content_disposition(filename, inline=inline),
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}))
