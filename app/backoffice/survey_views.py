"""The "Laporan IKM" console screen: the report of a period (filters: period, permit type,
Dinas), its Excel and PDF, the suggestions, publishing the office's result on the portal,
and the questionnaire's versions (upload a new one).

Views stay thin: figures come from app/survey/report (the one calculation), versions from
app/survey/store. A staff member of a Dinas reads only their Dinas' figures; office staff
and the administrator read everything (the case file's `sees_everything`).
"""

from __future__ import annotations

import json

from flask import Response, abort, current_app, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user

from .. import casework, i18n
from ..account.forms import EmptyForm
from ..casework import queue as queue_query
from ..i18n import N_
from ..security.roles import SCREEN_IKM
from ..services import calendar, catalogue_store, filter_codes
from ..services.errors import DomainError
from ..services.pagination import filter_values
from ..survey import export, ikm, pdf, periods, publication, report, store, suggestions
from ..survey.web import month_label, period_label, period_numbers, template_helpers
from .access import StaffAccessMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_MAX = 512 * 1024


class IkmReportView(StaffAccessMixin, BaseView):
    screen = SCREEN_IKM

    def render(self, template, **kwargs):
        return super().render(template, **template_helpers(), **kwargs)

    # who reads what -------------------------------------------------------------------------
    def _scope(self) -> dict:
        """The filters asked for, narrowed to what this person may read; a code the selects
        do not offer is ignored and said in `notices` (services.filter_codes)."""
        actor = casework.actor_for(current_user)
        cat = catalogue_store.current()
        choices = queue_query.choices(cat, i18n.locale())  # the filters, as the reader reads
        everything = casework.sees_everything(actor)
        agencies = None if everything else {actor.agency} if actor.agency else set()
        notices: list[str] = []
        asked = filter_values(request.args, ("permit", "agency"))
        permit = filter_codes.checked(asked["permit"], [c for c, _n in choices["permit"]],
                                      N_("Jenis Izin"), notices) or None
        agency = filter_codes.checked(asked["agency"], [c for c, _n in choices["agency"]],
                                      N_("Instansi"), notices) or None
        return {"period": periods.parse(request.args, calendar.today()), "permit": permit,
                "agency": agency, "agencies": agencies, "everything": everything,
                "choices": choices, "notices": notices,
                "sources": queue_query.name_sources(cat)}  # marked lang="id" where untranslated

    @staticmethod
    def _args(scope: dict, **more) -> dict:
        args = scope["period"].args()
        args.update({k: scope[k] for k in ("permit", "agency") if scope[k]})
        args.update(more)
        return args

    @staticmethod
    def _scope_text(scope: dict) -> str:
        """The exports' scope line, in Indonesian like the exports themselves."""
        indonesian = queue_query.choices(catalogue_store.current())
        names = dict(indonesian["permit"]) | dict(indonesian["agency"])
        parts = [f"Jenis izin: {names[scope['permit']]}" if scope["permit"] else "",
                 f"Instansi: {names[scope['agency']]}" if scope["agency"] else ""]
        if scope["agencies"] is not None:
            parts.append(f"Instansi pembaca: {', '.join(sorted(scope['agencies'])) or '-'}")
        return "; ".join(p for p in parts if p) or "Seluruh jenis izin dan instansi"

    def _build(self, scope: dict, lang: str | None = None) -> report.Report:
        return report.build(scope["period"], permit=scope["permit"], agency=scope["agency"],
                            agencies=scope["agencies"], lang=lang)

    def _suggestion_scope(self, scope: dict) -> dict:
        return {"permit": scope["permit"], "agency": scope["agency"],
                "agencies": scope["agencies"]}

    # the report -----------------------------------------------------------------------------
    @expose("/")
    def index(self):
        scope = self._scope()
        for message in scope["notices"]:
            flash(message, "warning")
        found = self._build(scope)
        latest = suggestions.page(scope["period"], 1, **self._suggestion_scope(scope))
        trend = [float(ikm.rounded(p.score.converted)) if p.score else None
                 for p in found.trend]
        return self.render("admin/ikm/report.html", report=found, scope=scope,
                           trend_values=trend,
                           args=self._args(scope), numbers=period_numbers,
                           trend_labels=[month_label(p.month) for p in found.trend],
                           years=range(calendar.today().year, periods.FIRST_YEAR - 1, -1)[:8],
                           kinds=periods.KINDS, latest=latest, form=EmptyForm(),
                           can_publish=scope["everything"] and not scope["permit"]
                           and not scope["agency"], published=publication.latest())

    @expose("/ekspor.xlsx")
    def export_xlsx(self):
        scope = self._scope()
        found = self._build(scope, lang="id")
        book = export.workbook(found, office=self._office(), scope_text=self._scope_text(scope),
                               suggestion_rows=suggestions.rows(
                                   scope["period"], **self._suggestion_scope(scope)))
        return Response(book, mimetype=XLSX, headers={
            "Content-Disposition": f'attachment; filename="ikm-{scope["period"].key}.xlsx"',
            "Cache-Control": "private, no-store"})

    @expose("/laporan.pdf")
    def report_pdf(self):
        scope = self._scope()
        found = self._build(scope, lang="id")
        latest = list(suggestions.rows(scope["period"], limit=pdf.SUGGESTIONS_MAX,
                                       **self._suggestion_scope(scope)))
        body = pdf.report_pdf(found, scope_text=self._scope_text(scope), suggestion_rows=latest)
        return Response(body, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="ikm-{scope["period"].key}.pdf"',
            "Cache-Control": "private, no-store"})

    @expose("/saran")
    def suggestions_page(self):
        scope = self._scope()
        for message in scope["notices"]:
            flash(message, "warning")
        found = suggestions.page(scope["period"], request.args.get("hal"),
                                 **self._suggestion_scope(scope))
        names = dict(scope["choices"]["permit"])
        return self.render("admin/ikm/suggestions.html", page=found, scope=scope,
                           args=self._args(scope), names=names)

    @expose("/publikasi", methods=["POST"])
    def publish(self):
        scope = self._scope()
        if not EmptyForm().validate_on_submit():
            abort(400)
        if not scope["everything"] or scope["permit"] or scope["agency"]:
            abort(403)
        try:
            done = publication.publish(scope["period"], current_user.id)
        except DomainError as exc:
            flash(exc.message, "warning")  # shown through pesan
        else:
            period = scope["period"]
            flash(_("Hasil IKM %(p)s dipublikasikan di portal.",
                    p=period_label(done.period_kind, period.year, period.number)), "success")
        return redirect(url_for(".index", **self._args(scope)))

    @staticmethod
    def _office() -> str:
        return current_app.config["OFFICE_NAME"]

    # the questionnaire's versions -------------------------------------------------------------
    @expose("/kuesioner", methods=["GET", "POST"])
    def questionnaire(self):
        issues: list[str] = []
        if request.method == "POST":
            if not EmptyForm().validate_on_submit():
                abort(400)
            issues = self._upload()
            if not issues:
                return redirect(url_for(".questionnaire"))
        current = store.current_version()
        return self.render("admin/ikm/questionnaire.html", versions=store.versions(),
                           current=current, form=EmptyForm(), issues=issues,
                           questionnaire=store.questionnaire_of(current) if current else None)

    @expose("/kuesioner/<int:number>.json")
    def questionnaire_json(self, number: int):
        version = store.by_number(number)
        if version is None:
            abort(404)
        body = json.dumps(version.content, ensure_ascii=False, indent=2)
        return Response(body, mimetype="application/json", headers={
            "Content-Disposition": f'attachment; filename="kuesioner-v{number}.json"'})

    def _upload(self) -> list[str]:
        upload = request.files.get("file")
        data = upload.read(UPLOAD_MAX + 1) if upload else b""
        if not data:
            return [_("Pilih berkas JSON kuesioner.")]
        if len(data) > UPLOAD_MAX:
            return [_("Berkas terlalu besar (maks. 512 KB).")]
        try:
            content = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return [_("Berkas bukan JSON yang valid: %(e)s", e=str(exc))]
        try:
            version = store.publish(content, source=f"unggah {upload.filename or ''}"[:200],
                                    note=(request.form.get("note") or "").strip()[:500],
                                    user_id=current_user.id)
        except store.QuestionnaireRejected as exc:
            return exc.issues
        except DomainError as exc:
            return [exc.message]  # the page shows each through pesan
        flash(_("Kuesioner versi %(n)s diterbitkan. Jawaban lama tetap terikat pada versi "
                "yang dijawabnya.", n=version.number), "success")
        return []
