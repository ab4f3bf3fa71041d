"""Data Pribadi: applicants' account-erasure requests. Staff read the request and what an
erasure would remove and keep, then approve (the erasure runs) or refuse with a note. Every
decision is app/privacy/requests.py's; the applicant is shown by name and masked identity."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField

from ..extensions import db
from ..i18n import N_
from ..models.privacy import DONE, PENDING, REFUSED, WITHDRAWN
from ..privacy import erasure, requests
from ..privacy.masking import mask_identity
from ..security.roles import SCREEN_PRIVACY
from ..services.errors import DomainError
from ..services.filter_codes import checked
from ..services.pagination import filter_values
from ..services.users import profile_of
from .access import StaffAccessMixin

STATUS_LABELS = {PENDING: _l("Menunggu"), DONE: _l("Dilaksanakan"), REFUSED: _l("Ditolak"),
                 WITHDRAWN: _l("Ditarik pemohon")}
STATUS_STYLES = {PENDING: "warning", DONE: "success", REFUSED: "secondary",
                 WITHDRAWN: "light"}

# the keys of privacy_request.summary (app/privacy/erasure.py) as the screen names them
SUMMARY_LABELS = {key: _l(label) for key, label in erasure.COUNT_LABELS.items()}


class HandleForm(FlaskForm):
    note = TextAreaField(_l("Alasan penolakan (dikirim ke pemohon)"))


class PrivacyRequestsView(StaffAccessMixin, BaseView):
    screen = SCREEN_PRIVACY

    @expose("/")
    def index(self):
        notices: list[str] = []
        status = checked(filter_values(request.args, ("status",))["status"] or PENDING,
                         [*STATUS_LABELS, "semua"], N_("Status"), notices) or "semua"
        for message in notices:
            flash(message, "warning")
        page = requests.page(status, request.args.get("hal"))
        return self.render("admin/privacy/list.html", page=page, status=status,
                           labels=STATUS_LABELS, styles=STATUS_STYLES, profile_of=profile_of,
                           mask=mask_identity, timing=requests.timing,
                           overdue=requests.overdue_count(), hours=requests.response_hours())

    @expose("/<int:request_id>")
    def detail(self, request_id: int, form: HandleForm | None = None):
        found = self._request(request_id)
        pending = found.status == PENDING
        return self.render("admin/privacy/detail.html", item=found, form=form or HandleForm(),
                           profile=profile_of(found.user), mask=mask_identity, labels=STATUS_LABELS,
                           styles=STATUS_STYLES, summary_labels=SUMMARY_LABELS,
                           timing=requests.timing(found), hours=requests.response_hours(),
                           preview=erasure.preview(found.user_id) if pending else None)

    @expose("/<int:request_id>/setujui", methods=("POST",))
    def approve(self, request_id: int):
        found = self._request(request_id)
        form = HandleForm()
        if form.validate_on_submit():
            try:
                requests.approve(found, by=current_user, note=form.note.data or "")
            except DomainError as exc:
                db.session.rollback()
                flash(exc.message, "danger")
            else:
                flash(_("Permintaan #%(id)s dilaksanakan: akun dianonimkan dan pemohon diberi "
                        "tahu lewat email.", id=request_id), "success")
        return redirect(url_for(".detail", request_id=request_id))

    @expose("/<int:request_id>/tolak", methods=("POST",))
    def refuse(self, request_id: int):
        found = self._request(request_id)
        form = HandleForm()
        if not form.validate_on_submit():
            return redirect(url_for(".detail", request_id=request_id))
        try:
            requests.refuse(found, by=current_user, note=form.note.data or "")
        except DomainError as exc:
            db.session.rollback()
            if exc.field == "note":
                form.note.errors = [exc.message]
                return self.detail(request_id, form=form)
            flash(exc.message, "danger")
        else:
            flash(_("Permintaan #%(id)s ditolak; pemohon diberi tahu.", id=request_id), "info")
        return redirect(url_for(".detail", request_id=request_id))

    @staticmethod
    def _request(request_id: int):
        try:
            found = requests.get(request_id)
        except DomainError:
            abort(404)
        if found.kind != requests.ERASURE:
            abort(404)
        return found
