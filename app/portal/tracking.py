"""Lacak Permohonan: anyone holding a receipt code can see where an application is.

The resi is the only key (60 random bits, so it cannot be guessed), the page shows progress
but no personal data or staff notes, and lookups are rate-limited against scraping.
"""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db, limiter
from ..models import Application
from ..models import applications as states
from ..services import applications as apps
from ..services import resi as resi_codes
from ..services import timeline
from .routes import bp


@bp.get("/lacak")
@limiter.limit("30 per minute; 300 per hour")
def tracking():
    typed = (request.args.get("resi") or "").strip()[:40]
    application = None
    problem = None
    if typed:
        code = resi_codes.normalise(typed)
        if resi_codes.looks_valid(code):
            application = db.session.scalar(select(Application).where(
                Application.resi == code, Application.status != states.DRAFT))
        if application is None:
            problem = _("Nomor resi tidak ditemukan. Periksa kembali penulisannya.")
    context = {}
    if application is not None:
        context = {"stages": timeline.stages(application),
                   "history": [e for e in timeline.history(application)],
                   "status_text": apps.status_label(application.status)}
    return render_template("portal/tracking.html", typed=typed, application=application,
                           problem=problem, **context)
