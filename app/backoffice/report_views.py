"""Laporan: the management report of a period for the head of office (every Dinas, or one)
and for a Dinas (its own), with charts above the tables, its Excel export and the printable
PDF recap. The figures are app/reports'; the scope is the case file's rule (a Dinas member
gets their own Dinas whatever the query string asks)."""

from __future__ import annotations

from flask import Response, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user

from forms_schema import month_names

from .. import casework, i18n
from ..casework import queue as queue_query
from ..reports import export, recap
from ..reports import report as report_lib
from ..reports.period import KINDS, Period
from ..security.roles import SCREEN_REPORTS
from ..services import calendar, catalogue_store
from .access import StaffAccessMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportView(StaffAccessMixin, BaseView):
    screen = SCREEN_REPORTS

    def _report(self):
        """(period, report, problems): `problems` are what was refused in the query string
        (a bad period, an unknown Dinas or permit code), each replaced by its default."""
        actor = casework.actor_for(current_user)
        today = calendar.today()
        period = Period.parse(request.args, today)
        # a Dinas member's Dinas is their own whatever is asked (figures.scope_for)
        asked = (request.args.get("instansi") or "").strip()[:32] \
            if casework.sees_everything(actor) else ""
        agency, permit, unknown = report_lib.known_filters(
            catalogue_store.current(), asked, (request.args.get("izin") or "").strip()[:64])
        report = report_lib.for_actor(actor, period, agency=agency, permit=permit,
                                      today=today)
        return period, report, period.errors + unknown

    @expose("/")
    def index(self):
        period, report, problems = self._report()
        for message in problems:
            flash(message, "warning")
        for message in period.notices:
            flash(message, "info")
        cat = catalogue_store.current()
        everything = casework.sees_everything(casework.actor_for(current_user))
        return self.render("admin/reports/index.html", report=report, period=period,
                           kinds=KINDS, agencies=_agencies(cat) if everything else [],
                           permits=_permits(cat, report.scope.agency),
                           sources=queue_query.name_sources(cat),
                           everything=everything, chart=_chart(report),
                           query=_query(report), months=month_names(report.names.lang))

    @expose("/laporan.xlsx")
    def export_xlsx(self):
        period, report, problems = self._report()  # in the page's language
        if problems:
            return refused_export()
        return _download(export.workbook(report), XLSX, f"laporan-{_slug(period)}.xlsx")

    @expose("/rekap.pdf")
    def recap_pdf(self):
        period, report, problems = self._report()
        if problems:
            return refused_export()
        return _download(recap.pdf(report), "application/pdf", f"rekap-{_slug(period)}.pdf")


def refused_export():
    """An export never answers with another period or scope than the one asked for: back to
    the report with the same query string, whose page says what was wrong."""
    flash(_("Berkas tidak dibuat: periode atau filter laporan tidak valid."), "danger")
    return redirect(url_for(".index", **request.args.to_dict()))


def _download(body: bytes, mime: str, name: str) -> Response:
    return Response(body, mimetype=mime, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "private, no-store"})


def _slug(period: Period) -> str:
    if period.start == period.end:
        return f"{period.start:%Y%m%d}"
    return f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"


def _query(report) -> dict:
    """The query string of this report (the period and the scope asked for), for the export
    links."""
    found = dict(report.period.args())
    if report.scope.agency and request.args.get("instansi"):
        found["instansi"] = report.scope.agency
    if report.scope.permit:
        found["izin"] = report.scope.permit
    return found


def _agencies(cat) -> list[tuple[str, str]]:
    return [(a["code"], f"{a['code']} — {i18n.in_locale(a['name'])}")
            for a in (cat.agencies if cat else [])]


def _permits(cat, agency: str | None) -> list[tuple[str, str]]:
    return [(p["code"], i18n.in_locale(p["name"])) for p in (cat.permits if cat else [])
            if agency is None or p.get("agency") == agency]


def _chart(report) -> dict:
    """What the charts draw (static/js/report-charts.js reads it from the page)."""
    total = report.received.total
    top = report.top_permits()
    return {
        "trend": {"labels": [report.trend_label(b) for b in report.trend],
                  "received": [b.received for b in report.trend],
                  "issued": [b.issued for b in report.trend],
                  "rejected": [b.rejected for b in report.trend]},
        "status": {"values": [total.in_process, total.issued, total.rejected,
                              total.cancelled, total.expired]},
        "permits": {"labels": [line.label for line in top],
                    "values": [line.value.received for line in top]},
        "sla": {"labels": [line.key for line in report.speed_by_agency()],
                "names": [line.label for line in report.speed_by_agency()],
                "values": [round(line.value.sla_percent or 0, 1)
                           for line in report.speed_by_agency()]},
    }
