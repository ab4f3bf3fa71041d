"""The five-step application wizard (and the same steps for a revision).

Every step is saved on the server as it is posted, so Back/Lanjut, a closed tab or a logout
lose nothing; the draft stays pinned to the catalogue version it was started on. Step 5 is the
permit's own form, built by forms_schema from that version.
"""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError

import forms_schema

from .. import i18n, regions
from ..account.forms import EmptyForm, choices
from ..account.guards import applicant_required
from ..extensions import db, limiter
from ..forms.web import CHECK_FIELDS, apply_errors, form_class, posted
from ..i18n import text
from ..models import applications as states
from ..services import applications as apps
from ..services import catalogue_store, files
from ..services.catalogue_forms import region_chain
from ..services.errors import DomainError
from ..templating import pesan
from ..web import or_404
from . import bp, wizard_subject
from .forms import ChooseForm, CompanyStepExtras, LocationStepForm, NavForm
from .wizard_pages import (
    STEP_NUMBERS,
    load_editable,
    page_context,
    returns_to_review,
    revision_notes,
    step_url,
)
from .wizard_review import autosaved

REGION_KEYS = ("province_code", "regency_code", "district_code", "village_code")
# Labels kept in Indonesian by app/services (the API's words too) and translated where
# they are shown, with _(label); listed here so `make translations` extracts them
# (tests/integration/test_translations.py checks that the list is complete).
STEP_MSGIDS = (_l("Jenis Izin"), _l("Data Pemohon"), _l("Data Perusahaan"), _l("Lokasi Izin"),
               _l("Data Detail & Dokumen"))


def _nav_target(application, step: str, nav: str) -> str:
    """Where Kembali / Lanjut lead: the step before or after; Lanjut on a step opened from
    Validasi Data ("Ubah") goes back there, and Kembali keeps that way back."""
    index = apps.STEPS.index(step)
    to_review = returns_to_review(application)
    if nav == "back":
        return step_url(application, apps.STEPS[max(index - 1, 0)], to_review=to_review)
    if to_review:
        return url_for("applicant.wizard_review", uid=application.uid)
    return step_url(application, apps.STEPS[min(index + 1, len(apps.STEPS) - 1)])


# step 1 ------------------------------------------------------------------------------------
@bp.route("/permohonan/baru", methods=["GET", "POST"])
@applicant_required
def wizard_start():
    cat = catalogue_store.current()
    if cat is None:
        return render_template("applicant/wizard/unavailable.html")
    form = ChooseForm(request.form if request.method == "POST" else request.args)
    agencies = [a for a in cat.agencies
                if any(p["agency"] == a["code"] for p in cat.permits)]
    form.agency.choices = choices((a["code"], text(a["name"], i18n.locale())) for a in agencies)
    permits = [p for p in cat.permits if p["agency"] == form.agency.data]
    form.permit.choices = choices((p["code"], text(p["name"], i18n.locale())) for p in permits)
    permit = cat.permit(form.permit.data or "") if form.permit.data in \
        {p["code"] for p in permits} else None
    types = (permit or {}).get("application_types", [])
    form.application_type.choices = choices(
        (t, cat.application_type_name(t, i18n.locale())) for t in types)
    picked = None
    if permit and form.application_type.data in types:
        picked = apps.choose(cat, permit["code"], form.application_type.data)
    subject = wizard_subject.offer(form, cat, picked, current_user.id)
    if request.method == "POST" and form.validate_on_submit():
        if picked is None:
            flash(_("Pilih Dinas/Badan, Jenis Izin dan Jenis Permohonan terlebih dahulu."),
                  "warning")
        else:
            try:
                draft = apps.start_draft(current_user, g.profile, permit["code"],
                                         form.application_type.data, form.subject.data)
            except DomainError as exc:
                form.subject.errors = [exc.message]
            else:
                return redirect(step_url(draft, "pemohon"))
    template = "applicant/wizard/_choice.html" if request.headers.get("HX-Request") else \
        "applicant/wizard/step1.html"
    return render_template(template, form=form, picked=picked, cat=cat, subject=subject,
                           holidays_note=bool(cat.holidays))


# steps 2-5 ---------------------------------------------------------------------------------
@bp.get("/permohonan/<uid>/lanjutkan")
@applicant_required
def wizard_resume(uid: str):
    application, leave = load_editable(uid)
    if leave:
        return leave
    if application.status == states.REVISION:  # review from the top, notes on every step
        return redirect(step_url(application, "pemohon"))
    if application.wizard_step >= apps.REVIEW_STEP:
        return redirect(url_for("applicant.wizard_review", uid=application.uid))
    step = apps.STEPS[max(2, min(application.wizard_step, len(apps.STEPS))) - 1]
    return redirect(step_url(application, step))


@bp.route("/permohonan/<uid>/langkah/<step>", methods=["GET", "POST"])
@applicant_required
def wizard_step(uid: str, step: str):
    if step not in apps.STEPS:
        abort(404)
    application, leave = load_editable(uid)
    if leave:
        return leave
    if STEP_NUMBERS[step] > application.wizard_step:
        return redirect(step_url(application, apps.STEPS[application.wizard_step - 1]))
    handler = {"jenis": _choice_summary, "pemohon": _applicant_step, "perusahaan": _company_step,
               "lokasi": _location_step, "detail": _detail_step}[step]
    try:
        return handler(application)
    except StaleDataError:  # the page's own autosave (or another tab) saved it first
        db.session.rollback()
        application, leave = load_editable(uid)
        return leave or handler(application)  # the newer input is written over it


def _choice_summary(application):
    """Step 1 of a started draft: the choice is fixed (the draft is pinned to it); changing
    it means starting another application."""
    cat = apps.catalogue_for(application)
    picked = apps.choose(cat, application.permit_code, application.application_type)
    return render_template("applicant/wizard/step1_summary.html", picked=picked,
                           delete_form=EmptyForm(), subject=application.subject_permit,
                           effect=cat.effect(application.application_type),
                           **page_context(application, "jenis"))


def _save_step(application, step: str, form, save):
    """Shared POST handling: back saves as typed; next checks and moves on; autosave (the
    page's script, while typing) saves as typed and answers JSON."""
    nav = form.nav.data or "next"
    if nav == "autosave":
        save(application, posted(form), check=False)
        return autosaved()
    errors = save(application, posted(form), check=nav != "back")
    if errors:
        apply_errors(form, errors)
        flash(_(CHECK_FIELDS), "danger")
        return None
    return redirect(_nav_target(application, step, nav))


def _applicant_step(application):
    form = form_class("wizard_applicant", base=NavForm)(
        data=application.data.get("applicant") or {})
    if request.method == "POST":  # CSRFProtect has checked the token before this view
        done = _save_step(application, "pemohon", form, apps.save_applicant)
        if done:
            return done
    snapshot = application.data.get("applicant") or {}
    place = regions.address_names(snapshot.get("village_code"))
    return render_template("applicant/wizard/step2.html", form=form, snapshot=snapshot,
                           place=place, **page_context(application, "pemohon"))


def _region_choices(form) -> None:
    """The location step's cascade: options for what is chosen, the office's province when
    nothing is (server-side, so the form renders and keeps values without JavaScript)."""
    if not form.province_code.data:
        form.province_code.data = current_app.config["OFFICE_PROVINCE"]
    form.province_code.choices = choices((r.code, r.name) for r in regions.provinces())
    parent = form.province_code.data
    for field in REGION_KEYS[1:]:
        items = regions.children(parent) if parent and regions.get(parent) else []
        getattr(form, field).choices = choices((r.code, r.name) for r in items)
        parent = getattr(form, field).data


def _company_step(application):
    stored = application.data.get("company") or {}
    required = apps.company_required(application)
    form = form_class("wizard_company", base=CompanyStepExtras)(
        data={**stored, "as_company": bool(stored) or required})
    if request.method == "POST":  # CSRFProtect has checked the token before this view
        done = _save_step(application, "perusahaan", form, apps.save_company)
        if done:
            return done
    if not form.province_code.data:
        form.province_code.data = current_app.config["OFFICE_PROVINCE"]
    return render_template("applicant/wizard/step3.html", form=form, required=required,
                           region_chain=region_chain, **page_context(application, "perusahaan"))


def _location_step(application):
    form = LocationStepForm(data=application.data.get("location") or {})
    if request.method == "POST":  # CSRFProtect has checked the token before this view
        done = _save_step(application, "lokasi", form, apps.save_location)
        if done:
            return done
    _region_choices(form)
    return render_template("applicant/wizard/step4.html", form=form,
                           bounds=current_app.config["OFFICE_BOUNDS"],
                           tile_url=current_app.config["MAP_TILE_URL"],
                           **page_context(application, "lokasi"))


# step 5: the permit's own form, documents, declaration, submit -----------------------------
def detail_form_class(application):
    context = apps.form_context(application)
    return forms_schema.build_form(apps.form_definition(application), locale=i18n.locale(),
                                   context=context, base=FlaskForm), context


def _stored_values(application) -> dict:
    answers = application.data.get("details") or {}
    try:
        return forms_schema.deserialise(apps.form_definition(application), answers)
    except ValueError:  # a stored value its type cannot read: show the field empty
        return {}


def _detail_step(application):
    """Wizard controls are posted as `_nav`: catalogue field keys must start with a letter,
    so it can never collide with a permit's own field. Lanjut checks this step and opens
    Validasi Data, where the applicant reviews everything and submits."""
    form_cls, _context_unused = detail_form_class(application)
    slots = apps.document_slots(application)
    documents = dict(application.data.get("documents") or {})
    doc_errors: dict[str, list[str]] = {}
    other_errors: dict[str, list[str]] = {}
    if request.method == "GET":
        form = form_cls(data=_stored_values(application))
    else:  # CSRF was already checked by CSRFProtect before this view ran
        form = form_cls()
        nav = request.form.get("_nav") or "next"
        documents = {r["key"]: request.form.get(f"doc-{r['key']}", "").strip() for r in slots}
        form.validate()  # also decides visibility, so hidden fields are not stored
        apps.save_details(application, form.schema_answers(), documents,
                          bool(application.data.get("declaration")), check=False)
        if nav == "autosave":
            return autosaved()
        if nav == "back":
            return redirect(_nav_target(application, "detail", "back"))
        errors = {k: v for k, v in apps.details_errors(application).items()
                  if k != "declaration"}  # declared on Validasi Data
        if not errors:
            apps.reach_review(application)
            return redirect(url_for("applicant.wizard_review", uid=application.uid))
        doc_errors, other_errors = _show_errors(form, errors)
        flash(_(CHECK_FIELDS), "danger")
    own_files = list(files.form_files(current_user.id).items())
    # every requirement (a file field names one); "applies": asked of this application type,
    # so a required one marks its file field required (templates/forms/widgets/file.html)
    applying = {r["key"] for r in apps.requirements_for(apps.permit_of(application),
                                                        application.application_type)}
    requirements = {r["key"]: {**r, "applies": r["key"] in applying}
                    for r in apps.permit_of(application).get("requirements", [])}
    file_uploads = {
        field: {"url": url_for("applicant.wizard_upload", uid=application.uid, key=req),
                "formats": requirements.get(req, {}).get("formats", []),
                "max_mb": requirements.get(req, {}).get("max_mb")}
        for req, field in apps.file_fields(apps.form_definition(application)).items()}
    flags = {}  # file fields whose requirement the verifier marked invalid
    if application.status == states.REVISION:
        invalid = revision_notes(application)["invalid"]
        flags = {field: invalid[req] or _("Perlu diperbaiki")
                 for req, field in apps.file_fields(apps.form_definition(application)).items()
                 if req in invalid}
    return render_template(
        "applicant/wizard/step5.html", form=form, slots=slots, documents=documents,
        file_uploads=file_uploads, field_flags=flags,
        doc_errors=doc_errors, other_errors=other_errors, own_files=own_files,
        requirements=requirements, region_chain=region_chain,
        **page_context(application, "detail"))


def _show_errors(form, errors: dict[str, list[str]]) -> tuple[dict, dict]:
    """Puts each error where it is read: on its field, its group row, its document slot;
    returns (document slot errors, errors without a place on the form).

    A group whose rows on screen already carry errors keeps them alone: the stored answers
    hold no blank rows, so their "Minimal 1 baris" would contradict the row the applicant
    sees (forms_schema's rows_to_check asks for that row's fields instead)."""
    shown = form.schema_errors()
    doc_errors = {k[4:]: v for k, v in errors.items() if k.startswith("doc-")}
    other_errors: dict[str, list[str]] = {}
    for name, messages in errors.items():
        if name.startswith("doc-") or name in shown:
            continue
        if any(key.startswith(f"{name}-") for key in shown):
            continue
        if name in form._fields:
            form._fields[name].errors = list(messages)
        elif "-" in name:
            _group_error(form, name, messages)
        else:
            other_errors[name] = messages
    return doc_errors, other_errors


def _group_error(form, name: str, messages: list[str]) -> None:
    """Errors of group rows come keyed "group-0-sub"; put them on the row's field."""
    parts = name.split("-")
    if len(parts) != 3 or parts[0] not in form._fields:
        return
    try:
        entry = form._fields[parts[0]].entries[int(parts[1])]
    except (IndexError, ValueError, AttributeError):
        return
    target = entry.form._fields.get(parts[2])
    if target is not None:
        target.errors = list(messages)




# documents: upload straight into a requirement's slot -----------------------------------
@bp.post("/permohonan/<uid>/dokumen/<key>")
@applicant_required
@limiter.limit("60 per hour")
def wizard_upload(uid: str, key: str):
    """The requirement's own formats and size limit, from the pinned catalogue, apply."""
    application, leave = load_editable(uid)
    if leave:
        return jsonify(error=_("Permohonan tidak dapat diubah.")), 409
    requirement = next((r for r in apps.requirements_for(apps.permit_of(application),
                                                         application.application_type)
                        if r["key"] == key), None)
    upload = request.files.get("file")
    if requirement is None:
        abort(404)
    if upload is None or not upload.filename:
        return jsonify(error=_("Pilih berkas yang akan diunggah.")), 400
    formats = tuple(f.lower() for f in requirement.get("formats", [])) or None
    limit = int(requirement["max_mb"] * 1024 * 1024) if requirement.get("max_mb") else None
    try:
        stored = files.save_upload(current_user.id, files.Upload(upload.stream, upload.filename),
                                   name=request.form.get("name") or requirement["name"]["id"],
                                   allowed=formats, limit=limit)
    except DomainError as exc:
        return jsonify(error=pesan(exc.message)), 400
    return jsonify(uid=stored.uid, name=stored.name, ext=stored.ext, size=stored.size)


@bp.post("/permohonan/<uid>/hapus")
@applicant_required
def wizard_delete(uid: str):
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    application = or_404(apps.own, current_user.id, uid)
    try:
        apps.delete_draft(application)
    except DomainError as exc:
        flash(exc.message, "danger")
        return redirect(url_for("applicant.dashboard"))
    flash(_("Draf permohonan dihapus."), "success")
    return redirect(request.form.get("back") == "list" and url_for("applicant.my_applications")
                    or url_for("applicant.dashboard"))
