"""Monitoring Izin: each own application with its progress through the routing, the step it
is at and who holds it (role and Dinas), working days used against the SLA, the estimated
completion date and its timeline; search by receipt number. The numbers come from
app/services/timeline.py, the same as the public tracking page. The search box is posted
(app/portal/resi_lookup.py): only a receipt-shaped value reaches the URL, never a NIK typed
into it by mistake."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from ..account.guards import applicant_required
from ..extensions import db
from ..models import Application
from ..models import applications as states
from ..portal import resi_lookup
from ..services import applications as apps
from ..services import resi as resi_codes
from ..services import timeline
from ..services.pagination import paginate
from . import bp

PER_PAGE = 8
VIEWS = {"berjalan": (states.IN_PROCESS, states.REVISION),
         "selesai": (states.ISSUED, states.REJECTED, states.CANCELLED, states.EXPIRED)}


@bp.route("/monitoring", methods=["GET", "POST"])
@applicant_required
def monitoring():
    if request.method == "POST":
        looked = resi_lookup.look_up(".monitoring")
        return looked.go or render_template("applicant/monitoring.html", cards=[], page=None,
                                            typed=looked.typed, view="", expand=False,
                                            problem=looked.problem)
    typed = resi_lookup.asked()
    view = request.args.get("tampil") if request.args.get("tampil") in VIEWS else ""
    problem = None
    if typed:
        code = resi_codes.normalise(typed)
        found = db.session.scalar(apps.search_own(current_user.id).where(
            Application.resi == code)) if resi_codes.looks_valid(code) else None
        if found is None:
            problem = _("Nomor resi tidak ditemukan di antara permohonan Anda. Periksa kembali "
                        "penulisannya.")
        items = [found] if found else []
        page = None
    else:
        page = paginate(apps.search_own(current_user.id, statuses=VIEWS.get(view)),
                        request.args.get("hal"), PER_PAGE)
        items = page.items
    return render_template("applicant/monitoring.html", cards=[timeline.monitor(a)
                                                               for a in items],
                           page=page, typed=typed, problem=problem, view=view,
                           expand=bool(typed))
