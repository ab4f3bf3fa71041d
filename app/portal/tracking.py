"""Lacak Permohonan: anyone holding a receipt code can see where an application is.

The resi is the only key (60 random bits, so it cannot be guessed), the page shows progress
but no personal data or staff notes, and lookups are rate-limited against scraping. The
search box is posted (app/portal/resi_lookup.py): only a receipt-shaped value reaches the URL,
`/lacak?resi=...`, which is also what the receipt's QR code opens.
"""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from .. import templating
from ..extensions import csrf, limiter
from ..services import applications as apps
from ..services import timeline
from . import resi_lookup
from .routes import bp


@bp.route("/lacak", methods=["GET", "POST"])
@csrf.exempt  # no session for visitors: resi_lookup.same_origin guards the posted box
@limiter.limit("30 per minute; 300 per hour")
def tracking():
    if request.method == "POST":
        resi_lookup.same_origin()
        looked = resi_lookup.look_up(".tracking")
        return looked.go or render_template("portal/tracking.html", typed=looked.typed,
                                            application=None, problem=looked.problem)
    typed, code = resi_lookup.asked_code()
    found = None
    problem = None
    if typed:
        if code is not None:
            found = timeline.public_tracking(code)
        if found is None:
            problem = _("Nomor resi tidak ditemukan. Periksa kembali penulisannya.")
    context = {}
    if found is not None:
        templating.catalogue_read(found.in_force)
        context = {"stages": found.stages, "history": found.history,
                   "status_text": apps.status_label(found.status)}
    return render_template("portal/tracking.html", typed=typed, application=found,
                           problem=problem, **context)
