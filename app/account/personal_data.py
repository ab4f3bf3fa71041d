"""Akun > Data Pribadi: the applicant downloads everything held about them as a zip
(app/privacy/export.py). A GET that changes nothing; rate-limited because it reads every
stored file; sandboxed and never cached like any other user file."""

from __future__ import annotations

from flask import send_file
from flask_login import current_user

from ..extensions import limiter
from ..privacy import export
from ..security import headers
from .guards import applicant_required
from .routes import bp


@bp.get("/akun/data-saya.zip")
@applicant_required
@limiter.limit("5 per hour")
def personal_data():
    archive = export.build_zip(current_user)
    response = send_file(archive, mimetype="application/zip", as_attachment=True,
                         download_name="data-pribadi-saya.zip", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return headers.sandbox(response)
