"""What the applicant's and the visitor's complaint pages share: the filing form (a
forms_schema definition plus the attachment and, for visitors, the captcha), the thread's
small forms, the complainant's actions (proving a visitor's e-mail address among them), and
serving an attachment to whoever may see it."""

from __future__ import annotations

from flask import Response, abort, flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, TextAreaField

from .. import storage
from ..account.forms import CaptchaMixin, EmptyForm, choices
from ..extensions import db
from ..forms.web import apply_errors, form_class, posted
from ..models import Complaint, User
from ..services import files
from ..services.errors import DomainError, ValidationFailed
from . import categories, contact, service, status
from .status import Who


class AttachmentMixin:
    attachment = FileField(_l("Lampiran (opsional)"))


class ApplicantExtras(AttachmentMixin, FlaskForm):
    pass


class VisitorExtras(AttachmentMixin, CaptchaMixin, FlaskForm):
    pass


class ThreadForm(AttachmentMixin, FlaskForm):
    text = TextAreaField(_l("Tanggapan Anda"))


class ReopenForm(FlaskForm):
    text = TextAreaField(_l("Alasan membuka kembali"))


class RateForm(FlaskForm):
    rating = RadioField(_l("Penilaian"),
                        choices=choices(((n, n) for n in range(1, 6)), blank=False))


class TrackExtras(CaptchaMixin, FlaskForm):
    pass


TRACK_FORM = "complaint_track"  # app/forms/definitions: ticket code and contact, both required
CODE_FORM = "complaint_contact_code"  # the code mailed to a visitor's address: six digits


def code_form():
    return form_class(CODE_FORM)()


def track_form():
    """Following a complaint: the definition's fields (required, said next to each) and the
    captcha."""
    return form_class(TRACK_FORM, base=TrackExtras)()


def new_form(user: User | None):
    """The filing form for an applicant (their applications to choose from) or a visitor."""
    if user is not None:
        return form_class(service.APPLICANT_FORM, base=ApplicantExtras,
                          lookups=service.form_lookups(user.id))()
    return form_class(service.VISITOR_FORM, base=VisitorExtras,
                      lookups=service.form_lookups(None))()


def upload_of(field) -> files.Upload | None:
    data = field.data
    if data is None or not getattr(data, "filename", ""):
        return None
    return files.Upload(data.stream, data.filename)


def file_posted(form, user: User | None) -> Complaint | None:
    """Files the posted complaint; errors go next to their fields and None comes back."""
    fields = {k: v for k, v in posted(form).items() if k not in ("attachment", "captcha")}
    try:
        return service.file_from_form(fields, user=user, upload=upload_of(form.attachment))
    except ValidationFailed as exc:
        apply_errors(form, exc.errors)
    except files.FileRejected as exc:
        form.attachment.errors = [exc.message]
    except DomainError as exc:
        apply_errors(form, {exc.field or "": [exc.message]})
    flash(_("Pengaduan belum dapat dikirim. Periksa kembali isian yang ditandai."), "danger")
    return None


def act(complaint: Complaint, action: str, who: Who) -> ThreadForm | None:
    """The complainant's own actions on the thread: answer, reopen, rate.

    A refused answer (its attachment, mostly) comes back as the form with the reason next to
    its field, and the caller shows the page again with the text the complainant typed
    (visitor and applicant alike); only a file cannot be sent back and must be chosen again."""
    try:
        if action == "balas":
            return _answer(complaint, who)
        if action == "buka-kembali":
            form = ReopenForm()
            if form.validate_on_submit():
                service.reopen(complaint, form.text.data or "", who)
                flash(_("Pengaduan dibuka kembali."), "success")
        elif action == "verifikasi":
            _verify(complaint)
        elif action == "kirim-kode":
            if EmptyForm().validate_on_submit():
                service.resend_code(complaint)
                flash(_("Kode verifikasi baru telah dikirim ke email Anda."), "success")
        elif action == "nilai":
            form = RateForm()
            if form.validate_on_submit():
                service.rate(complaint, form.rating.data, who)
                flash(_("Terima kasih atas penilaian Anda."), "success")
        else:
            abort(404)
    except DomainError as exc:
        flash(exc.message, "danger")
    return None


def _verify(complaint: Complaint) -> None:
    """The code typed on the complaint's page; a refusal says why (wrong, expired or not six
    digits) and the complaint stays as it was."""
    form = code_form()
    if not form.validate_on_submit():
        for message in form.code.errors:
            flash(message, "danger")
        return
    service.verify_contact(complaint, form.code.data or "")
    flash(_("Email Anda terverifikasi. Balasan dan perubahan status pengaduan ini akan "
            "dikirim ke email Anda."), "success")


def _answer(complaint: Complaint, who: Who) -> ThreadForm | None:
    form = ThreadForm()
    if not form.validate_on_submit():
        return None
    try:
        service.respond(complaint, form.text.data or "", who,
                        upload=upload_of(form.attachment))
    except DomainError as exc:
        target = (form.attachment if isinstance(exc, files.FileRejected)
                  else form._fields.get(exc.field or ""))
        if target is None:
            raise
        db.session.rollback()  # the page is shown again: nothing of the refused answer stays
        target.errors = [exc.message]
        flash(_("Tanggapan belum terkirim. Periksa kembali isian yang ditandai."), "danger")
        return form
    flash(_("Tanggapan Anda terkirim."), "success")
    return None


def detail_context(complaint: Complaint, thread_form: ThreadForm | None = None) -> dict:
    """What the thread page shows; `thread_form` is a refused answer shown again."""
    return {"complaint": complaint, "category_name": categories.name_of,
            "thread": service.visible_thread(complaint, staff=False),
            "status_label": status.label, "badges": status.BADGES,
            "can_reopen": service.can_reopen(complaint),
            "reopen_until": service.reopen_until(complaint),
            "can_rate": status.allowed(complaint, "rate") and complaint.rating is None,
            "can_answer": complaint.status in status.OPEN,
            "thread_form": thread_form or ThreadForm(), "reopen_form": ReopenForm(),
            "rate_form": RateForm(), "contact_pending": contact.awaits_code(complaint),
            "code_form": code_form(), "resend_form": EmptyForm()}


def attachment_response(complaint: Complaint, uid: str) -> Response:
    found = next((a for a in complaint.attachments if a.uid == uid), None)
    if found is None:
        abort(404)
    try:
        body = storage.current().iter_chunks(found.storage_key)
    except (storage.ObjectMissing, storage.InvalidKey):
        abort(404)
    inline = found.ext in files.INLINE_KINDS and request.args.get("unduh") is None
    return Response(body, mimetype=found.mime, headers={
        "Content-Disposition": files.content_disposition(found.name, inline=inline),
        "Content-Length": str(found.size), "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store"})
