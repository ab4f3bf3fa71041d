"""The applicant's dashboard: profile card, quick links, drafts and recent applications."""

from __future__ import annotations

from flask import g, render_template

from .. import regions
from ..account.forms import EmptyForm
from ..account.guards import applicant_required
from . import bp

QUICK_LINKS = [
    ("Pengajuan Permohonan", "bi-file-earmark-plus", "Pengajuan Permohonan"),
    ("Permohonan Saya", "bi-folder2-open", "Permohonan Saya"),
    ("File Saya", "bi-files", "File Saya"),
    ("Monitoring Izin", "bi-activity", "Monitoring Izin"),
    ("Survey IKM", "bi-emoji-smile", "Survey IKM"),
    ("Pengaduan", "bi-megaphone", "Pengaduan"),
]


@bp.get("/dashboard")
@applicant_required
def dashboard():
    profile = g.profile
    place = [r.name for r in regions.path(profile.village_code)] if profile.village_code else []
    return render_template("applicant/dashboard.html", profile=profile, place=place,
                           quick_links=QUICK_LINKS, logout_form=EmptyForm())
