"""Pengaduan for visitors (no account): file with name, e-mail and captcha, then follow the
complaint with the ticket code and the same contact. Only the opaque ticket code is ever in a
URL; the contact is posted, checked, and the grant kept in the signed session."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import captcha
from ..complaints import tickets
from ..complaints import web as complaint_web
from ..complaints.status import Who
from ..extensions import limiter
from ..security import sessions, visitor_grants

bp = Blueprint("complaint_public", __name__)
GRANTS = "complaint_tickets"  # session key: tickets this browser proved it may open
MAX_GRANTS = 10


def _grant(ticket: str) -> None:
    visitor_grants.grant(GRANTS, ticket, MAX_GRANTS)


def _granted(ticket: str):
    """The complaint of a ticket this browser proved it may open and has used lately
    (app/security/visitor_grants.py), else 404."""
    complaint = tickets.by_ticket(ticket)
    if complaint is None or not visitor_grants.holds(GRANTS, complaint.ticket):
        abort(404)
    return complaint


def _is_applicant() -> bool:
    return current_user.is_authenticated and sessions.current_kind() == "applicant"


@bp.route("/pengaduan/baru", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def file_new():
    if _is_applicant():
        return redirect(url_for("applicant.complaint_new"))
    form = complaint_web.new_form(None)
    if request.method == "POST" and form.validate_on_submit() and captcha.check(form,
                                                                                "complaint"):
        complaint = complaint_web.file_posted(form, None)
        if complaint is not None:
            _grant(complaint.ticket)
            flash(_("Pengaduan berhasil dikirim. Simpan kode tiket Anda: %(t)s",
                    t=complaint.ticket), "success")
            return redirect(url_for(".ticket", ticket=complaint.ticket))
    return render_template("portal/complaint_new.html", form=form)


@bp.route("/pengaduan/lacak", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def track():
    form = complaint_web.track_form()
    if request.method == "POST" and form.validate_on_submit() and captcha.check(form,
                                                                                "complaint"):
        try:
            complaint = tickets.for_visitor(form.ticket.data or "", form.contact.data or "")
        except tickets.ComplaintNotFound as exc:
            flash(exc.message, "danger")
        else:
            _grant(complaint.ticket)
            return redirect(url_for(".ticket", ticket=complaint.ticket))
    return render_template("portal/complaint_track.html", form=form)


@bp.get("/pengaduan/tiket/<ticket>")
def ticket(ticket: str):
    complaint = _granted(ticket)
    return render_template("portal/complaint_detail.html",
                           **complaint_web.detail_context(complaint))


@bp.post("/pengaduan/tiket/<ticket>/<action>")
@limiter.limit("30 per hour")
def act(ticket: str, action: str):
    complaint = _granted(ticket)
    refused = complaint_web.act(complaint, action, Who(None, complaint.name))
    if refused is not None:  # shown again with what was typed and the reason by its field
        return render_template("portal/complaint_detail.html",
                               **complaint_web.detail_context(complaint, refused)), 422
    return redirect(url_for(".ticket", ticket=complaint.ticket))


@bp.get("/pengaduan/tiket/<ticket>/lampiran/<uid>")
def attachment(ticket: str, uid: str):
    return complaint_web.attachment_response(_granted(ticket), uid)
