"""Pengaduan Saya: the applicant's complaints (search by resi, category and text), filing a
new one (optionally about one of their applications) and the thread. Another person's ticket
answers 404, exactly like one that does not exist."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..account.guards import applicant_required
from ..complaints import categories, queries, status, tickets
from ..complaints import web as complaint_web
from ..complaints.status import Who
from ..extensions import limiter
from ..i18n import N_
from ..services.filter_codes import checked
from ..services.pagination import filter_values, paginate
from ..web import or_404
from . import bp

PER_PAGE = 10


def _own(ticket: str):
    return or_404(tickets.for_applicant, current_user.id, ticket)


@bp.get("/pengaduan")
@applicant_required
def complaints():
    every, notices = categories.every(), []
    search = {"resi": (request.args.get("resi") or "").strip()[:30],
              "kategori": checked(filter_values(request.args, ("kategori",))["kategori"],
                                  [c.code for c in every], N_("Kategori"), notices),
              "q": (request.args.get("q") or "").strip()[:100]}
    for message in notices:
        flash(message, "warning")
    stmt = queries.own(current_user.id, resi=search["resi"], category=search["kategori"],
                       text=search["q"])
    page = paginate(stmt, request.args.get("hal"), PER_PAGE)
    return render_template("applicant/complaints.html", page=page, search=search,
                           categories=every, name_of=categories.name_of,
                           status_label=status.label, badges=status.BADGES,
                           form=complaint_web.new_form(current_user))


@bp.route("/pengaduan/kirim", methods=["GET", "POST"])
@applicant_required
@limiter.limit("20 per hour", methods=["POST"])
def complaint_new():
    form = complaint_web.new_form(current_user)
    if request.method == "POST" and form.validate_on_submit():
        complaint = complaint_web.file_posted(form, current_user)
        if complaint is not None:
            flash(_("Pengaduan berhasil dikirim. Kode tiket: %(t)s", t=complaint.ticket),
                  "success")
            return redirect(url_for("applicant.complaint_detail", ticket=complaint.ticket))
    return render_template("applicant/complaint_new.html", form=form)


@bp.get("/pengaduan/<ticket>")
@applicant_required
def complaint_detail(ticket: str):
    complaint = _own(ticket)
    return render_template("applicant/complaint_detail.html",
                           **complaint_web.detail_context(complaint))


@bp.post("/pengaduan/<ticket>/<action>")
@applicant_required
@limiter.limit("30 per hour")
def complaint_act(ticket: str, action: str):
    complaint = _own(ticket)
    refused = complaint_web.act(complaint, action, Who.of(current_user))
    if refused is not None:  # shown again with what was typed and the reason by its field
        return render_template("applicant/complaint_detail.html",
                               **complaint_web.detail_context(complaint, refused)), 422
    return redirect(url_for("applicant.complaint_detail", ticket=complaint.ticket))


@bp.get("/pengaduan/<ticket>/lampiran/<uid>")
@applicant_required
def complaint_attachment(ticket: str, uid: str):
    return complaint_web.attachment_response(_own(ticket), uid)
