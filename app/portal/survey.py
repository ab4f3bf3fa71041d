"""Survey Kepuasan on the public portal: the office's published IKM, and the questionnaire
of a finished application found by its resi (manual: "Halaman Pencarian Survey IKM").

The resi is the key, as on the tracking page (60 random bits, rate-limited): the page shows
the permit and its state, never personal data, and never prefills the respondent's profile.
"""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import csrf, limiter
from ..security import sessions
from ..survey import publication, responses
from ..survey.web import survey_page, template_helpers
from . import resi_lookup
from .routes import bp

LIMIT = "30 per minute; 300 per hour"


@bp.app_context_processor
def _survey_helpers():
    return template_helpers()


@bp.get("/survey-kepuasan")
@limiter.limit(LIMIT)
def survey_summary():
    latest = publication.latest()
    return render_template("portal/survey_summary.html", published=latest,
                           earlier=[p for p in publication.recent() if p is not latest])


@bp.post("/survey-kepuasan/cari")
@csrf.exempt  # no session for visitors: resi_lookup.same_origin guards the posted box
@limiter.limit(LIMIT)
def survey_find():
    """The resi box, posted (app/portal/resi_lookup.py): a receipt-shaped code goes on to the
    questionnaire's URL, anything else is answered here and never lands in a URL."""
    resi_lookup.same_origin()
    looked = resi_lookup.look_up(".survey_by_resi")
    return looked.go or render_template("portal/survey_search.html", typed=looked.typed,
                                        problem=looked.problem)


@bp.route("/survey-kepuasan/isi", methods=["GET", "POST"])
@limiter.limit(LIMIT)
def survey_by_resi():
    typed = resi_lookup.asked()
    application = responses.find_by_resi(typed) if typed else None
    if application is None:
        problem = _(responses.NOT_FOUND) if typed else None
        return render_template("portal/survey_search.html", typed=typed, problem=problem), \
            404 if typed else 200
    if (current_user.is_authenticated and sessions.current_kind() == "applicant"
            and application.applicant_id == current_user.id):
        return redirect(url_for("applicant.survey_form", uid=application.uid))
    return survey_page(application, channel="portal", template="portal/survey_form.html",
                       typed=typed, done_url=url_for("portal.survey_summary"))
