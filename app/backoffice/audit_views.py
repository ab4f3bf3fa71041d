"""Log Audit: the office-wide audit log, filtered and exported to Excel. Read-only: the log
has no path to change or remove an entry (app/models/audit.py refuses both). Texts are masked
when written; they go through the masker again when read, for entries written before it
knew a NIK typed with spaces or dashes (entries cannot be corrected in place). The export
is written in the page's language, as the screen shows the entries (kinds, categories and
actors are translated labels): a file with English events under Indonesian headers read
like neither."""

from __future__ import annotations

import tempfile

from flask import Response, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from catalogue.xlsx import openpyxl

from .. import i18n
from ..documents.sheet_cells import row as sheet_row
from ..i18n import N_
from ..privacy.masking import scrub
from ..security.roles import SCREEN_AUDIT
from ..services import audit, calendar
from ..templating import local_time
from . import search_terms
from .access import StaffAccessMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = (N_("Waktu"), N_("Kategori"), N_("Peristiwa"), N_("Pelaku"), N_("Jenis pelaku"),
           N_("Subjek"), N_("Keterangan"), N_("Alamat IP"))
ACTOR_LABELS = {"staff": _l("Staf"), "applicant": _l("Pemohon"), "system": _l("Sistem")}


class AuditLogView(StaffAccessMixin, BaseView):
    screen = SCREEN_AUDIT

    @expose("/")
    def index(self):
        filters = audit.Filters.parse(search_terms.query_args(request.args))
        for message in filters.errors:
            flash(message, "warning")
        page, capped = audit.search(filters)
        return self.render("admin/audit/list.html", page=page, capped=capped, filters=filters,
                           categories=audit.CATEGORIES,
                           kind_options=[(key, pair[1]) for key, pair in audit.KINDS.items()],
                           kind_label=audit.kind_label, category_label=audit.category_label,
                           actor_kinds=ACTOR_LABELS, actor_label=audit.actor_label,
                           scrub=scrub)

    @expose("/cari", methods=["POST"])
    def search(self):
        """The filter form is posted, as the queue's is: an auditor looking for a NIK would
        otherwise put it in the address, the history and every log on the way."""
        return redirect(url_for(".index", **search_terms.posted_args(
            request.form, ("kategori", "jenis", "dari", "sampai"))))

    @expose("/ekspor.xlsx")
    def export_xlsx(self):
        filters = audit.Filters.parse(search_terms.query_args(request.args))
        name = f"log-audit-{calendar.today():%Y%m%d}.xlsx"
        return Response(workbook(audit.export_rows(filters)), mimetype=XLSX, headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store"})


def workbook(entries) -> bytes:
    """Write-only: rows go to a temporary file as they are read. Its words in the page's
    language, like the screen's."""
    book = openpyxl().Workbook(write_only=True)
    sheet = book.create_sheet(_("Log Audit"))
    now = calendar.local_now()
    clock = i18n.clock(now, i18n.locale())
    sheet.append([_("Log audit — diekspor {time}").format(time=f"{now:%d-%m-%Y} {clock}")])
    sheet.append([])
    sheet.append([_(header) for header in HEADERS])
    for entry in entries:
        sheet.append(sheet_row(sheet, [
            local_time(entry.created_at).replace(tzinfo=None),
            audit.category_label(entry.category), audit.kind_label(entry.kind),
            audit.actor_label(entry), str(ACTOR_LABELS.get(entry.actor_kind, entry.actor_kind)),
            scrub(entry.subject), scrub(entry.summary), entry.ip or "—"]))
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        return out.read()
