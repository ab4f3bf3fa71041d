"""Excel export of the verifier grid with the current filter: openpyxl in write-only mode
(rows go to a temporary file as they are read, never the whole sheet in memory), at most
queue_query.EXPORT_MAX rows.

Data minimisation: an export leaves the system, so the applicant's NIK/NPWP is masked as the
console's lists mask it (`masking.mask_identity`); the application type reads as its
catalogue name (the row's `type_name`, the screens' rule), and Lewat SLA Izin is Ya or Tidak."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from datetime import date

from catalogue.xlsx import openpyxl

from ..documents.sheet_cells import row as sheet_row
from ..privacy.masking import mask_identity
from ..services import resi as resi_codes
from ..templating import local_time
from . import search
from .queue import ALL, EXPORT_MAX, MINE, Filters
from .rows import QueueRow

HEADERS = ("Resi", "No. Registrasi", "Izin", "Kode Izin", "Jenis Permohonan", "Pemohon",
           "Perusahaan", "NIK/NPWP", "Instansi", "Tahap", "Status", "Tanggal Pengajuan",
           "Perkiraan Selesai", "Sisa SLA (hari kerja)", "Lewat SLA Izin")
# Antrian Saya's rows also carry the target of the reader's own step, which they are
# counted, filtered and coloured overdue by (QueueRow.late), as on the screen
STEP_HEADERS = ("Target Tahap", "Lewat Target Tahap")
OVERDUE_LABEL = {MINE: "Lewat target tahap", ALL: "Lewat SLA izin"}
LATE_COLOUR = "F8D7DA"


def filters_text(filters: Filters, choices: dict[str, list[tuple[str, str]]],
                 scope: str = ALL) -> str:
    """The filter line of the file as the screen names the filters (Status: Selesai, not
    issued; dates as dd-mm-yyyy), with a searched NIK/NPWP masked like the column: the file
    leaves the system, and the rows it lists mask that very number. Whether the term is a
    NIK/NPWP is the search's own reading of it (search.classify), not a second rule. The
    overdue filter is named by what it kept: my step's target in Antrian Saya, the permit's
    SLA in Semua."""
    def named(kind: str, code: str) -> str:
        return dict(choices.get(kind, [])).get(code, code)

    parts = [("Cari", search.classify(filters.q).shown),
             ("Status", named("status", filters.status)),
             ("Tahap", named("step", filters.step)), ("Instansi", filters.agency),
             ("Izin", named("permit", filters.permit)), ("Jenis", named("jenis", filters.app_type)),
             ("Dari", f"{filters.date_from:%d-%m-%Y}" if filters.date_from else ""),
             ("Sampai", f"{filters.date_to:%d-%m-%Y}" if filters.date_to else ""),
             (OVERDUE_LABEL[scope], "Ya" if filters.overdue else "")]
    return "; ".join(f"{label}: {value}" for label, value in parts if value)


def workbook(rows: Iterable[QueueRow], *, title: str, filters_text: str,
             today: date, scope: str = ALL) -> bytes:
    """The .xlsx file (a few MB at most: rows are bounded by EXPORT_MAX); a row is coloured
    when the list counts it overdue (QueueRow.late), as on the screen."""
    mine = scope == MINE
    xl = openpyxl()
    book = xl.Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    bold, late = xl.styles.Font(bold=True), xl.styles.PatternFill("solid", fgColor=LATE_COLOUR)
    sheet.append([xl.cell.WriteOnlyCell(sheet, value=f"{title} — diekspor {today:%d-%m-%Y}")])
    sheet.append([filters_text or "Tanpa filter"])
    sheet.append([])
    sheet.append(sheet_row(sheet, HEADERS + (STEP_HEADERS if mine else ()), font=bold))
    count = 0
    for row in rows:
        count += 1
        submitted = local_time(row.submitted_at)
        values = [resi_codes.display(row.resi), row.registration_number, row.permit_name,
                  row.permit_code, row.type_name or row.application_type, row.applicant_name,
                  row.company_name, mask_identity(row.applicant_identity), row.agency_code,
                  row.step_name, row.status_label,
                  submitted.replace(tzinfo=None) if submitted else None,
                  row.estimated_completion, row.sla_left, "Ya" if row.overdue else "Tidak"]
        if mine:
            values += [row.step_due, "Ya" if row.step_late else "Tidak"]
        sheet.append(sheet_row(sheet, values, **({"fill": late} if row.late else {})))
    if count >= EXPORT_MAX:
        sheet.append([])
        sheet.append([f"Ekspor dibatasi {EXPORT_MAX:,} baris; persempit filter untuk melihat "
                      "sisanya.".replace(",", ".")])
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        return out.read()
