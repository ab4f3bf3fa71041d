"""Akun > Hapus Akun: the applicant asks for their account to be erased (a form definition,
app/forms/definitions/privacy_erasure.json), sees where the request stands, or withdraws it.
app/privacy/requests.py decides everything; staff handle the request in the console."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import limiter
from ..forms.web import apply_errors, form_class, posted
from ..privacy import requests
from ..services.errors import DomainError, ValidationFailed
from .forms import EmptyForm
from .guards import applicant_required
from .routes import bp


def _page(form, status: int = 200):
    pending = requests.open_request(current_user.id)
    return render_template(
        "account/erasure.html", form=form, withdraw_form=EmptyForm(), pending=pending,
        due_at=requests.timing(pending).due_at if pending else None,
        latest=requests.latest_request(current_user.id),
        refusal=requests.erasure_refusal(current_user.id)), status


@bp.route("/akun/hapus-akun", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@applicant_required
def erasure_request():
    form = form_class(requests.FORM)()
    if request.method == "POST":  # CSRFProtect has checked the token before this view
        try:
            requests.request_erasure(current_user, posted(form))
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
            return _page(form, 422)
        except DomainError as exc:
            flash(exc.message, "danger")
            return _page(form, 409)
        flash(_("Permintaan penghapusan akun terkirim. Petugas akan menindaklanjutinya dan "
                "memberi tahu Anda lewat email."), "success")
        return redirect(url_for("account.erasure_request"))
    return _page(form)


@bp.post("/akun/hapus-akun/tarik")
@applicant_required
def erasure_withdraw():
    if EmptyForm().validate_on_submit():
        try:
            requests.withdraw(current_user)
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(_("Permintaan penghapusan akun ditarik."), "info")
    return redirect(url_for("account.erasure_request"))
