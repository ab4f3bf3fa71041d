"""What every page of the wizard (the five steps and Validasi Data) shares: loading the
applicant's own editable application, step addresses, and the layout's context (step bar,
revision notes)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

import forms_schema

from .. import casework, i18n
from ..models import applications as states
from ..services import applications as apps
from ..web import or_404

STEP_NUMBERS = {name: i + 1 for i, name in enumerate(apps.STEPS)}
# Validasi Data's "Ubah" links carry ?kembali=validasi: that step's Lanjut returns there
RETURN_ARG, RETURN_TO_REVIEW = "kembali", "validasi"


def load_editable(uid: str):
    """(application, None) for the owner's draft or revision; (None, a redirect) once it is
    submitted; 404 for anyone else's."""
    application = or_404(apps.own, current_user.id, uid)
    if application.status not in (states.DRAFT, states.REVISION):
        flash(_("Permohonan ini sudah dikirim; perubahan hanya bisa melalui Revisi."), "info")
        return None, redirect(url_for("applicant.application_detail", uid=uid))
    return application, None


def step_url(application, step: str, *, to_review: bool = False) -> str:
    """A step's address; `to_review`: opened from Validasi Data, to return there."""
    extra = {RETURN_ARG: RETURN_TO_REVIEW} if to_review else {}
    return url_for("applicant.wizard_step", uid=application.uid, step=step, **extra)


def returns_to_review(application) -> bool:
    """This step was opened with Validasi Data's "Ubah" (and that page is open to it)."""
    return request.args.get(RETURN_ARG) == RETURN_TO_REVIEW and \
        application.wizard_step >= apps.REVIEW_STEP


def page_context(application, step: str, **extra):
    _message_names(application)
    notes = revision_notes(application) if application.status == states.REVISION else None
    return dict(application=application, step=step, steps=apps.STEPS,
                step_titles=apps.STEP_TITLES,
                step_number=STEP_NUMBERS.get(step, apps.REVIEW_STEP),
                reachable=application.wizard_step, revision=notes,
                to_review=returns_to_review(application),
                permit=apps.permit_of(application), **extra)


def _message_names(application) -> None:
    """The permit form's labels and its documents' names in the reader's language, for the
    messages that name them ("... must be uploaded."), and the form's own
    messages ("Nomor STR terdiri dari 16 angka.")."""
    lang = i18n.locale()
    if lang == "id":
        return
    compiled = forms_schema.compile_definition(apps.form_definition(application))
    names = {**compiled.labels(lang), **compiled.messages(lang)}
    for req in apps.requirements_for(apps.permit_of(application), application.application_type):
        names[i18n.text(req["name"], "id")] = i18n.text(req["name"], lang)
    i18n.names_in_messages(names)


def revision_notes(application) -> dict:
    """The verifier's last revision note and the documents they marked invalid."""
    last = next((e for e in reversed(application.events)
                 if e.kind == "action" and e.to_status == states.REVISION), None)
    invalid = casework.invalid_documents(application)
    return {"note": last.note if last else "", "by": last.actor_name if last else "",
            "at": last.created_at if last else None, "invalid": invalid,
            "due": application.revision_due}
