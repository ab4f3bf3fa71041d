"""The applicant's dashboard: profile card, quick links, drafts and recent applications."""

from __future__ import annotations

from flask import current_app, g, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import regions
from ..account.forms import EmptyForm
from ..account.guards import applicant_required
from ..extensions import db
from ..services import applications as apps
from ..survey import responses as survey_responses
from . import bp

# (label, icon, endpoint): a screen not built yet leads to its "segera hadir" page
QUICK_LINKS = [
    (_l("Pengajuan Permohonan"), "bi-file-earmark-plus", "applicant.wizard_start"),
    (_l("Permohonan Saya"), "bi-folder2-open", "applicant.my_applications"),
    (_l("File Saya"), "bi-files", "applicant.my_files"),
    (_l("Monitoring Izin"), "bi-activity", "applicant.monitoring"),
    (_l("Survey IKM"), "bi-emoji-smile", "applicant.survey"),
    (_l("Pengaduan"), "bi-megaphone", "applicant.complaints"),
]


def _link(label, endpoint: str) -> str:
    if endpoint in current_app.view_functions:
        return url_for(endpoint)
    return url_for("portal.coming_soon", fitur=str(label))


@bp.get("/dashboard")
@applicant_required
def dashboard():
    profile = g.profile
    place = regions.address_names(profile.village_code)
    links = [(label, icon, _link(label, endpoint)) for label, icon, endpoint in QUICK_LINKS]
    drafts = list(db.session.scalars(apps.search_own(current_user.id, drafts=True).limit(5)))
    recent = list(db.session.scalars(apps.search_own(current_user.id).limit(5)))
    return render_template("applicant/dashboard.html", profile=profile, place=place,
                           quick_links=links, logout_form=EmptyForm(), drafts=drafts,
                           recent=recent, surveys_pending=survey_responses.pending(
                               current_user.id))
