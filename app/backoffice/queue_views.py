"""The verifier grid (screen "Antrian"): Antrian Saya, Semua Permohonan, the detail screen
with its actions, documents, reopen and revocation, and the Excel export.

Views stay thin: the grid's queries, the detail's content and the outcome messages are the
case file's (app/casework, shared with the REST API); every change goes through a declared
transition (review.act, expiry.reopen, revocation.revoke).
Objects are checked per request: an application the person may not see answers 404 on every
route, exactly like one that does not exist.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import casework, i18n
from ..applicant.my_applications import permit_response, storage_response
from ..casework import detail as queue_detail
from ..casework import export as queue_export
from ..casework import queue as queue_query
from ..casework.outcome import outcome_message
from ..extensions import db
from ..models import Application
from ..security import headers
from ..security.roles import SCREEN_QUEUE
from ..services import calendar, catalogue_store, expiry, issuance, review, revocation
from ..services import resi as resi_codes
from ..services.errors import DomainError
from ..services.transitions import Actor, AlreadyProcessed
from ..templating import tanggal_lokal
from . import search_terms
from .access import StaffAccessMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the grid shows its title with _(title) (the Excel export keeps it Indonesian); named here so
# `make translations` extracts them
TITLE_MSGIDS = (_l("Antrian Saya"), _l("Semua Permohonan"))


class _GridBase(StaffAccessMixin, BaseView):
    screen = SCREEN_QUEUE
    scope = queue_query.MINE
    title = ""

    def actor(self) -> Actor:
        return casework.actor_for(current_user)

    @expose("/")
    def index(self):
        return self.grid()

    @expose("/ekspor.xlsx")
    def export_xlsx(self):
        return self.export()

    @expose("/cari", methods=["POST"])
    def search(self):
        """The filter form is POSTed so a searched NIK never enters a URL: the term is kept
        in the session and the grid opened with its opaque id (search_terms)."""
        return redirect(url_for(".index", **search_terms.posted_args(
            request.form, queue_query.LINK_KEYS)))

    def filters(self) -> queue_query.Filters:
        """The grid's filters from the query string, the search term from the session; a
        code the grid's selects do not offer is said and ignored."""
        return queue_query.Filters.parse(search_terms.query_args(request.args), self.scope) \
            .within(queue_query.choices(catalogue_store.current(), i18n.locale()))

    def grid(self):
        actor = self.actor()
        filters = self.filters()
        for message in filters.errors:
            flash(message, "warning")
        today = calendar.today()
        cat, lang = catalogue_store.current(), i18n.locale()
        result = queue_query.page(actor, self.scope, filters, today=today, lang=lang)
        return self.render(
            "admin/queue/list.html", page=result, filters=filters, scope=self.scope,
            title=self.title, choices=queue_query.choices(cat, lang),
            step_sources=queue_query.step_sources(cat, lang),
            name_sources=queue_query.name_sources(cat),
            sortable=queue_query.SORTABLE[self.scope],
            summary=queue_query.summary(actor, today=today, cat=cat, lang=lang), actor=actor,
            sees_everything=queue_query.sees_everything(actor), today=today,
            detail_args=_list_args(filters, self.scope))

    def export(self):
        actor = self.actor()
        filters = self.filters()
        today = calendar.today()
        lang = i18n.locale()  # the file reads as the page it is taken from
        described = queue_export.filters_text(
            filters, queue_query.choices(catalogue_store.current(), lang), self.scope, lang)
        book = queue_export.workbook(
            queue_query.export_rows(actor, self.scope, filters, today=today, lang=lang),
            title=self.title, filters_text=described, today=today, scope=self.scope, lang=lang)
        name = f"{self.endpoint}-{today:%Y%m%d}.xlsx"
        return Response(book, mimetype=XLSX, headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store"})


class QueueView(_GridBase):
    """Antrian Saya, and the detail/action routes shared by both lists."""

    scope = queue_query.MINE
    title = "Antrian Saya"

    # one application --------------------------------------------------------------------
    def _load(self, uid: str) -> tuple[Application, Actor]:
        actor = self.actor()
        application = db.session.scalar(select(Application).where(Application.uid == uid))
        if application is None or not casework.can_see(application, actor):
            abort(404)
        return application, actor

    def _detail(self, application: Application, actor: Actor, *, status: int = 200,
                error: str | None = None, error_field: str | None = None,
                posted: dict | None = None):
        context = queue_detail.context(application, actor)
        html = self.render("admin/queue/detail.html", error=error, error_field=error_field,
                           posted=posted or {}, back=_back_url(), back_args=_back_args(),
                           note_max=review.NOTE_MAX,
                           note_length=review.note_length((posted or {}).get("note", "")),
                           **context)
        return Response(html, status=status)

    @expose("/<uid>")
    def detail(self, uid: str):
        application, actor = self._load(uid)
        return self._detail(application, actor)

    @expose("/<uid>/dokumen/<key>")
    def document(self, uid: str, key: str):
        application, _actor = self._load(uid)
        doc = next((d for d in application.documents if d.requirement_key == key), None)
        if doc is None:
            abort(404)
        kind = queue_detail.document_kind(doc.file.mime)
        mime = doc.file.mime if kind != "other" else "application/octet-stream"
        return storage_response(doc.file.storage_key, mime, f"{doc.file.name}.{doc.file.ext}",
                                inline=kind != "other")

    @expose("/<uid>/izin.pdf")
    def permit_pdf(self, uid: str):
        application, _actor = self._load(uid)
        issued = application.permit
        if issued is None:
            abort(404)
        return permit_response(issued, url_for(".detail", uid=uid), inline=True)

    @expose("/<uid>/pratinjau-izin.pdf")
    def permit_preview(self, uid: str):
        """The unsigned, watermarked certificate, for the person who may approve it now."""
        application, actor = self._load(uid)
        if not any(o.kind == "issue" for o in casework.options(application, actor)):
            abort(404)
        pdf = issuance.preview_pdf(application, actor.name)
        return headers.sandbox(Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": 'inline; filename="pratinjau-izin.pdf"',
            "Cache-Control": "private, no-store"}))

    @expose("/<uid>/tindakan", methods=["POST"])
    def act(self, uid: str):
        application, actor = self._load(uid)
        form = request.form
        verdicts = _verdicts(form, application)
        seen = _int(form.get("lock_version"))
        try:
            if seen is None:
                raise DomainError(_("Formulir tidak lengkap; muat ulang halaman lalu coba lagi."))
            done = review.act(application, actor, form.get("action", ""),
                              note=form.get("note", ""), verdicts=verdicts, seen_version=seen)
        except DomainError as exc:
            return self._refused(application, actor, exc, form)
        flash(outcome_message(done), "success")
        return redirect(_back_url())

    @expose("/<uid>/buka-kembali", methods=["POST"])
    def reopen(self, uid: str):
        application, actor = self._load(uid)
        form = request.form
        days = _int(form.get("days"))
        try:
            if days is None:
                raise DomainError(_("Isi batas waktu revisi dalam hari kerja (angka)."),
                                  field="days")
            expiry.reopen(application, actor, days, note=form.get("reopen_note", ""),
                          seen_version=_int(form.get("lock_version")))
        except DomainError as exc:
            return self._refused(application, actor, exc, form)
        flash(_("Permohonan %(resi)s dibuka kembali untuk revisi sampai %(due)s.",
                resi=resi_codes.display(application.resi),
                due=tanggal_lokal(application.revision_due)), "success")
        return redirect(url_for(".detail", uid=uid))

    @expose("/<uid>/cabut", methods=["POST"])
    def revoke(self, uid: str):
        application, actor = self._load(uid)
        form = request.form
        try:
            revocation.revoke(application, actor, form.get("reason", ""),
                              seen_version=_int(form.get("lock_version")))
        except DomainError as exc:
            return self._refused(application, actor, exc, form)
        flash(_("Izin nomor %(number)s telah dicabut.", number=application.permit.number),
              "success")
        return redirect(url_for(".detail", uid=uid))

    def _refused(self, application, actor, exc: DomainError, form):
        """The service's message on the page, with everything typed still in the form."""
        db.session.rollback()
        db.session.refresh(application)
        status = 409 if isinstance(exc, AlreadyProcessed) else 422
        return self._detail(application, actor, status=status, error=exc.message,
                            error_field=exc.field, posted=form.to_dict())


class AllApplicationsView(_GridBase):
    """Semua Permohonan: everything the person may see, read-only."""

    scope = queue_query.ALL
    title = "Semua Permohonan"


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _verdicts(form, application: Application) -> dict[str, review.DocVerdict]:
    found = {}
    for doc in application.documents:
        choice = form.get(f"doc-{doc.requirement_key}", "")
        if choice in ("valid", "invalid"):
            found[doc.requirement_key] = review.DocVerdict(
                choice == "valid", form.get(f"docnote-{doc.requirement_key}", "")[:2000])
    return found


# what a case's links carry of the list it was opened from: which list, its filters, the
# search term's opaque id, the sort and the page
BACK_KEYS = ("asal", *queue_query.LINK_KEYS, "cari", "hal")


def _list_args(filters: queue_query.Filters, scope: str) -> dict[str, str]:
    """What a row's link carries of its list: the filters, search id and page, and the sort
    unless it is the list's default (an unfiltered list opens a case at its plain address)."""
    default = (filters.sort, filters.desc) == queue_query.DEFAULT_SORT[scope]
    return {k: v for k, v in filters.args().items() if not (default and k in ("urut", "arah"))}


def _back_args() -> dict[str, str]:
    return {key: value for key in BACK_KEYS if (value := request.args.get(key, "").strip())}


def _back_url() -> str:
    """The list the case was opened from, as it was (filters, search, sort, page): "Kembali
    ke daftar" and the redirect after an action lead back to it, so working through a
    filtered list does not mean filtering again after every case."""
    args = _back_args()
    endpoint = "antrian_semua.index" if args.pop("asal", "") == "semua" else "antrian.index"
    return url_for(endpoint, **args)
