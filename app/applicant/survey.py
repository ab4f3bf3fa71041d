"""Survey IKM in the applicant area: the page listing one's finished applications with their
survey state (and a search by resi, as in the manual), and the questionnaire of one of them
(the IKM button of Permohonan Saya and the detail page, the Inbox invitation's link).

Only the applicant's own applications: another person's resi or uid answers "not found",
exactly like one that does not exist (the public portal has its own entrance by resi).
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..account.guards import applicant_required
from ..portal import resi_lookup
from ..services import applications as apps
from ..services import calendar
from ..services.pagination import paginate
from ..survey import forms, responses, store
from ..survey.web import survey_page
from ..web import or_404
from . import bp

PER_PAGE = 10


@bp.route("/survey-ikm", methods=["GET", "POST"])
@applicant_required
def survey():
    """The search box is posted (app/portal/resi_lookup.py): only a receipt-shaped value
    reaches the URL, never a NIK typed into it by mistake."""
    if request.method == "POST":
        looked = resi_lookup.look_up(".survey")
        return looked.go or _listing(looked.typed, looked.problem)
    typed = resi_lookup.asked()
    if typed:
        found = responses.find_by_resi(typed)
        if found is not None and found.applicant_id == current_user.id:
            return redirect(url_for("applicant.survey_form", uid=found.uid))
        flash(_(responses.NOT_FOUND), "danger")
    return _listing(typed, None)


def _listing(typed: str, problem: str | None):
    page = paginate(apps.search_own(current_user.id, statuses=responses.finished_statuses()),
                    request.args.get("hal"), PER_PAGE)
    done = responses.answered(a.id for a in page.items)
    return render_template("applicant/survey_list.html", page=page, typed=typed,
                           problem=problem,
                           states={a.id: responses.state(a, done) for a in page.items})


@bp.route("/permohonan/<uid>/ikm", methods=["GET", "POST"])
@applicant_required
def survey_form(uid: str):
    application = or_404(apps.own, current_user.id, uid)
    version = store.current_version()
    initial = forms.prefill(store.questionnaire_of(version), g.profile, calendar.today()) \
        if version is not None else {}
    return survey_page(application, channel="pemohon", user=current_user,
                       template="applicant/survey_form.html", initial=initial,
                       done_url=url_for("applicant.application_detail", uid=uid))
