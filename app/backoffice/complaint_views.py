"""The helpdesk's Pengaduan screens: the queue (filters, overdue first), a complaint with its
thread and internal notes, assignment, replies, closing and reopening; the report with its
Excel export; the categories (data). Every change goes through app/complaints/service.py.
What people wrote (the complaint, the thread) is shown through the one masker,
`privacy.masking.scrub`: a NIK or NPWP typed into a complaint is not the helpdesk's to read in
full."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_admin.contrib.sqla import ModelView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forms_schema import month_names

from .. import i18n
from ..account.forms import EmptyForm
from ..complaints import categories, contact, queries, report, service, sla, status, tickets
from ..complaints import staff as complaint_staff
from ..complaints.status import Who
from ..i18n import N_
from ..privacy.masking import scrub
from ..reports.period import KINDS, Period
from ..security.roles import SCREEN_COMPLAINT_REPORT, SCREEN_COMPLAINTS
from ..services import calendar
from ..services.errors import DomainError
from ..services.pagination import paginate
from .access import StaffAccessMixin
from .report_views import refused_export  # the reports' answer to a refused export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 25


def _reply_sent(complaint) -> tuple[str, str]:
    """What became of a reply, as it happened (contact.reaches): the Inbox, e-mail, both, or
    only the complaint's page; and why no e-mail went out when none did. With the flash's
    category: a warning when nothing was mailed (the person may not learn of the reply until
    they look), not the green of a reply that went out."""
    inbox, email = contact.reaches(complaint)
    if inbox and email:
        return _("Balasan terkirim ke pelapor (aplikasi dan email)."), "success"
    said = _("Balasan terkirim ke pelapor lewat aplikasi.") if inbox else \
        _("Balasan terkirim ke pelapor lewat email.") if email else \
        _("Balasan tersimpan; pelapor membacanya saat melacak pengaduan dengan kode tiketnya.")
    if email:
        return said, "success"
    why = _("Email tidak dikirim: alamat email pelapor belum terverifikasi.") \
        if complaint.email else _("Email tidak dikirim: pelapor tidak memberi alamat email.")
    return f"{said} {why}", "warning"


def _helpers() -> dict:
    return {"status_label": status.label, "badges": status.BADGES, "statuses": status.LABELS,
            "action_labels": status.ACTION_LABELS,
            "category_name": categories.name_of, "is_overdue": sla.is_overdue,
            "today": calendar.today(), "scrub": scrub}


class ComplaintQueueView(StaffAccessMixin, BaseView):
    screen = SCREEN_COMPLAINTS

    @expose("/")
    def index(self):
        every, handlers = categories.every(), complaint_staff.labelled()
        filters = queries.QueueFilters.parse(request.args, [c.code for c in every],
                                             [str(u.id) for u, _label in handlers])
        for message in filters.errors:
            flash(message, "warning")
        today = calendar.today()
        page = paginate(queries.queue(filters, current_user.id, today), request.args.get("hal"),
                        PER_PAGE)
        return self.render("admin/complaints/queue.html", page=page, filters=filters,
                           counts=queries.counts(current_user.id, today),
                           categories=every, handlers=handlers, **_helpers())

    def _complaint(self, ticket: str):
        found = tickets.by_ticket(ticket)
        if found is None:
            abort(404)
        return found

    @expose("/<ticket>")
    def detail(self, ticket: str):
        return self._page(self._complaint(ticket))

    def _page(self, complaint, drafts: dict | None = None, code: int = 200):
        """The complaint's page; `drafts` puts back what was typed into a refused form."""
        return self.render("admin/complaints/detail.html", complaint=complaint,
                           thread=service.visible_thread(complaint, staff=True),
                           handlers=complaint_staff.labelled(), form=EmptyForm(),
                           after_reply=status.AFTER_REPLY, drafts=drafts or {},
                           seen=status.last_event_id(complaint), **_helpers()), code

    @expose("/<ticket>/<action>", methods=["POST"])
    def act(self, ticket: str, action: str):
        complaint = self._complaint(ticket)
        if not EmptyForm().validate_on_submit():
            abort(400)
        who = Who.of(current_user, staff=True)
        try:
            self._run(complaint, action, who)
        except DomainError as exc:
            flash(exc.message, "danger")
            if (request.form.get("text") or "").strip():  # never lose what was typed
                return self._page(complaint, {action: request.form["text"]}, 409)
        return redirect(url_for(".detail", ticket=complaint.ticket))

    @staticmethod
    def _run(complaint, action: str, who: Who) -> None:
        form = request.form
        seen = form.get("terakhir", type=int)
        if action == "tugaskan":
            assignee = complaint_staff.handler(form.get("petugas"))
            if assignee is None:
                raise DomainError(N_("Pilih petugas yang menangani pengaduan."))
            service.assign(complaint, assignee, who, seen=seen)
            flash(_("Pengaduan ditugaskan ke %(name)s.", name=Who.of(assignee).name), "success")
        elif action == "balas":
            service.reply(complaint, form.get("text", ""), who,
                          then=form.get("status", status.IN_PROGRESS), seen=seen)
            flash(*_reply_sent(complaint))
        elif action == "catatan":
            service.note(complaint, form.get("text", ""), who)
            flash(_("Catatan internal disimpan."), "success")
        elif action == "buka-kembali":
            service.reopen_by_staff(complaint, form.get("text", ""), who, seen=seen)
            flash(_("Pengaduan dibuka kembali."), "success")
        elif action == "selesai":
            service.close(complaint, who, seen=seen)
            flash(_("Pengaduan ditandai selesai."), "success")
        else:
            abort(404)

    @expose("/<ticket>/lampiran/<uid>")
    def attachment(self, ticket: str, uid: str):
        from ..complaints.web import attachment_response

        return attachment_response(self._complaint(ticket), uid)


def _period() -> Period:
    """The period asked for, read by the office's other reports' one rule (a bad one is
    refused there: the screen shows this month and says why)."""
    return Period.parse(request.args, calendar.today())


class ComplaintReportView(StaffAccessMixin, BaseView):
    screen = SCREEN_COMPLAINT_REPORT  # figures only: the head of office reads it too

    @expose("/")
    def index(self):
        period = _period()
        for message in period.errors:
            flash(message, "warning")
        for message in period.notices:
            flash(message, "info")
        built = report.build(period)
        rows = [(status.label(key), built.by_status[key]) for key in status.LABELS
                if built.by_status[key]]
        lang = i18n.locale()
        months = month_names(lang)
        return self.render("admin/complaints/report.html", report=built, status_rows=rows,
                           category_rows=[(categories.name_of(c, lang), n)
                                          for c, n in built.by_category.most_common()],
                           month_rows=[(f"{months[m.month - 1]} {m.year}", n)
                                       for m, n in sorted(built.by_month.items())],
                           period=period, kinds=KINDS, lang=lang, months=months,
                           **_helpers())

    @expose("/ekspor.xlsx")
    def export(self):
        period = _period()
        if period.errors:  # never a workbook of another period than the one asked for
            return refused_export()
        # the workbook is written in the page's language, as the other reports' are
        data = report.xlsx(report.build(period), current_app.config["OFFICE_NAME"],
                           i18n.locale())
        return Response(data, mimetype=XLSX, headers={
            "Content-Disposition": 'attachment; filename="laporan-pengaduan.xlsx"',
            "Cache-Control": "private, no-store"})


class ComplaintCategoryView(StaffAccessMixin, ModelView):
    """Categories are data: names in both languages, the SLA in working days, active flag.
    Not deleted (past complaints keep theirs): switched off instead."""

    screen = SCREEN_COMPLAINTS
    list_template = "admin/model/bs5_list.html"
    can_delete = False
    column_list = ("position", "code", "name_id", "name_en", "sla_days", "active")
    form_columns = ("code", "name_id", "name_en", "sla_days", "position", "active")
    column_labels = {"position": _l("Urutan"), "code": _l("Kode"),
                     "name_id": _l("Nama (Indonesia)"), "name_en": _l("Nama (Inggris)"),
                     "sla_days": _l("SLA (hari kerja)"), "active": _l("Aktif")}
    column_default_sort = "position"
    column_formatters = {"active": lambda _v, _c, model, _n: _("Ya") if model.active
                         else _("Tidak")}
    form_args = {"sla_days": {"default": 3}}
