"""Excel export of the verifier grid with the current filter: openpyxl in write-only mode
(rows go to a temporary file as they are read, never the whole sheet in memory), at most
queue_query.EXPORT_MAX rows.

Data minimisation: an export leaves the system, so the applicant's NIK/NPWP is masked as the
console's lists mask it (`masking.mask_identity`); the application type reads as its
catalogue name (the row's `type_name`, the screens' rule), and Lewat SLA Izin is Ya or Tidak.

The file is written in the language of the page it is taken from, as the screen reads: its
headings and words, the permit's name (Catalogue.recorded_permit_name), the type's and the
step's names (the rows are read with Catalogues(lang)) and the status."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from datetime import date

from catalogue.xlsx import openpyxl

from .. import i18n
from ..documents.sheet_cells import row as sheet_row
from ..i18n import N_
from ..privacy.masking import mask_identity
from ..services import applications as apps
from ..services import catalogue_store
from ..services import resi as resi_codes
from ..templating import jumlah, local_time
from . import search
from .queue import ALL, EXPORT_MAX, MINE, Filters
from .rows import QueueRow

HEADERS = (N_("Resi"), N_("No. Registrasi"), N_("Izin"), N_("Kode Izin"),
           N_("Jenis Permohonan"), N_("Pemohon"), N_("Perusahaan"), N_("NIK/NPWP"),
           N_("Instansi"), N_("Tahap"), N_("Status"), N_("Tanggal Pengajuan"),
           N_("Perkiraan Selesai"), N_("Sisa SLA (hari kerja)"), N_("Lewat SLA Izin"))
# Antrian Saya's rows also carry the target of the reader's own step, which they are
# counted, filtered and coloured overdue by (QueueRow.late), as on the screen
STEP_HEADERS = (N_("Target Tahap"), N_("Lewat Target Tahap"))
OVERDUE_LABEL = {MINE: N_("Lewat target tahap"), ALL: N_("Lewat SLA izin")}
YES, NO = N_("Ya"), N_("Tidak")
EXPORTED = N_("{title} — diekspor {date}")
NO_FILTER = N_("Tanpa filter")
CAPPED = N_("Ekspor dibatasi {count} baris; persempit filter untuk melihat sisanya.")
LATE_COLOUR = "F8D7DA"


def filters_text(filters: Filters, choices: dict[str, list[tuple[str, str]]],
                 scope: str = ALL, lang: str = "id") -> str:
    """The filter line of the file as the screen names the filters (Status: Selesai, not
    issued; dates as dd-mm-yyyy), in `lang` (`choices` are the screen's, in the same), with a
    searched NIK/NPWP masked like the column: the file leaves the system, and the rows it
    lists mask that very number. Whether the term is a NIK/NPWP is the search's own reading
    of it (search.classify), not a second rule. The overdue filter is named by what it kept:
    my step's target in Antrian Saya, the permit's SLA in Semua."""
    def named(kind: str, code: str) -> str:
        return dict(choices.get(kind, [])).get(code, code)

    parts = [(N_("Cari"), search.classify(filters.q).shown),
             (N_("Status"), named("status", filters.status)),
             (N_("Tahap"), named("step", filters.step)), (N_("Instansi"), filters.agency),
             (N_("Izin"), named("permit", filters.permit)),
             (N_("Jenis"), named("jenis", filters.app_type)),
             (N_("Dari"), f"{filters.date_from:%d-%m-%Y}" if filters.date_from else ""),
             (N_("Sampai"), f"{filters.date_to:%d-%m-%Y}" if filters.date_to else ""),
             (OVERDUE_LABEL[scope], i18n.translated(YES, lang) if filters.overdue else "")]
    return "; ".join(f"{i18n.translated(label, lang)}: {value}" for label, value in parts
                     if value)


def workbook(rows: Iterable[QueueRow], *, title: str, filters_text: str,
             today: date, scope: str = ALL, lang: str = "id") -> bytes:
    """The .xlsx file in `lang` (a few MB at most: rows are bounded by EXPORT_MAX); a row is
    coloured when the list counts it overdue (QueueRow.late), as on the screen. `title` is
    the list's marked name."""
    def words(text: str) -> str:
        return i18n.translated(text, lang)

    mine, cat = scope == MINE, catalogue_store.current()
    xl = openpyxl()
    book = xl.Workbook(write_only=True)
    sheet = book.create_sheet(words(title)[:31])
    bold, late = xl.styles.Font(bold=True), xl.styles.PatternFill("solid", fgColor=LATE_COLOUR)
    heading = words(EXPORTED).format(title=words(title), date=f"{today:%d-%m-%Y}")
    sheet.append([xl.cell.WriteOnlyCell(sheet, value=heading)])
    sheet.append([filters_text or words(NO_FILTER)])
    sheet.append([])
    sheet.append(sheet_row(sheet, [words(h) for h in HEADERS + (STEP_HEADERS if mine else ())],
                           font=bold))
    count = 0
    for row in rows:
        count += 1
        sheet.append(sheet_row(sheet, _values(row, cat, lang, mine),
                               **({"fill": late} if row.late else {})))
    if count >= EXPORT_MAX:
        sheet.append([])
        sheet.append([words(CAPPED).format(count=jumlah(EXPORT_MAX, lang))])
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        return out.read()


def _values(row: QueueRow, cat, lang: str, mine: bool) -> list:
    def yes_no(flag: bool) -> str:
        return i18n.translated(YES if flag else NO, lang)

    submitted = local_time(row.submitted_at)
    permit = cat.recorded_permit_name(row.permit_code, row.permit_name, lang) if cat \
        else row.permit_name
    values = [resi_codes.display(row.resi), row.registration_number, permit,
              row.permit_code, row.type_name or row.application_type, row.applicant_name,
              row.company_name, mask_identity(row.applicant_identity), row.agency_code,
              row.step_name, i18n.translated(apps.status_label(row.status), lang),
              submitted.replace(tzinfo=None) if submitted else None,
              row.estimated_completion, row.sla_left, yes_no(row.overdue)]
    if mine:
        values += [row.step_due, yes_no(row.step_late)]
    return values
