"""The report as an Excel workbook: a summary sheet and one sheet per table of the screen,
numbers as numbers (so they add up in Excel), its labels in the report's language (the page's
for a download, the recipient's for the monthly e-mail: `Report.lang`, decided where the
report was built, never here)."""

from __future__ import annotations

import tempfile

from flask import current_app

from catalogue.xlsx import openpyxl

from .. import i18n
from ..i18n import N_
from ..models import applications as states
from ..services import calendar
from ..services.applications import status_label
from .figures import Speed
from .report import Line, Report

# each status under its one name (services.applications.status_label), as the screens show it
STATUSES = (states.IN_PROCESS, states.ISSUED, states.REJECTED, states.CANCELLED,
            states.EXPIRED)
RECEIVED = N_("Diterima")
SPEED_HEADERS = (N_("Diputus (terbit + ditolak)"), N_("Tepat SLA"), N_("Kepatuhan SLA (%)"),
                 N_("Rata-rata hari kerja"), N_("Median hari kerja"))


def status_headers(lang: str) -> list[str]:
    return [i18n.translated(RECEIVED, lang),
            *(i18n.translated(status_label(s), lang) for s in STATUSES)]


def speed_headers(lang: str) -> list[str]:
    return [i18n.translated(label, lang) for label in SPEED_HEADERS]


def _round(value: float | None):
    return None if value is None else round(value, 1)


def speed_values(speed: Speed | None) -> list:
    if speed is None:
        return [0, 0, None, None, None]
    return [speed.decided, speed.on_time, _round(speed.sla_percent), _round(speed.mean_days),
            _round(speed.median_days)]


def _header(sheet, *values) -> None:
    sheet.append(list(values))
    bold = openpyxl().styles.Font(bold=True)
    for cell in sheet[sheet.max_row]:
        cell.font = bold


def _t(report: Report, msgid: str, **values) -> str:
    """A label of the workbook in the report's language."""
    found = i18n.translated(msgid, report.lang)
    return found.format(**values) if values else found


def _title(sheet, report: Report, title: str) -> None:
    period = report.period
    sheet.append([f"{title} — {current_app.config['OFFICE_NAME']}"])
    sheet[sheet.max_row][0].font = openpyxl().styles.Font(bold=True, size=13)
    sheet.append([_t(report, N_("Periode: {period} ({start} s.d. {end})"),
                     period=period.label(report.lang), start=f"{period.start:%d-%m-%Y}",
                     end=f"{period.end:%d-%m-%Y}")])
    sheet.append([_t(report, N_("Cakupan: {scope}"), scope=report.scope_label)])
    sheet.append([])


def _counts_sheet(book, report: Report, names: tuple[str, str, str], lines: list[Line],
                  speeds: dict[str, Speed] | None = None) -> None:
    """`names`: the sheet's name, its title and the first column's header (marked texts)."""
    name, title, first = (_t(report, n) for n in names)
    sheet = book.create_sheet(name)
    _title(sheet, report, title)
    _header(sheet, _t(report, N_("Kode")), first, *status_headers(report.lang),
            *(speed_headers(report.lang) if speeds is not None else ()))
    for line in lines:
        extra = speed_values(speeds.get(line.key)) if speeds is not None else []
        sheet.append([line.key, line.label, *line.value.values(), *extra])
    sheet.column_dimensions["B"].width = 48


def _time(report: Report, when) -> str:
    """A time as the report's readers write it (i18n.clock)."""
    return i18n.clock(when, report.lang)


def _summary_sheet(book, report: Report) -> None:
    sheet = book.active
    sheet.title = _t(report, N_("Ringkasan"))
    _title(sheet, report, _t(report, N_("Rekapitulasi Permohonan Izin")))
    _header(sheet, _t(report, N_("Permohonan diterima pada periode")), _t(report, N_("Jumlah")))
    for label, value in zip(status_headers(report.lang), report.received.total.values(),
                            strict=True):
        sheet.append([label, value])
    sheet.append([])
    _header(sheet, _t(report, N_("Selesai diproses pada periode")), _t(report, N_("Jumlah")))
    for status in (states.ISSUED, states.REJECTED, states.CANCELLED, states.EXPIRED):
        sheet.append([_t(report, status_label(status)), report.closed.by_status.get(status, 0)])
    for label, value in zip(speed_headers(report.lang), speed_values(report.closed.speed),
                            strict=True):
        sheet.append([label, value])
    sheet.append([])
    _header(sheet, _t(report, N_("Lewat SLA saat ini ({date})"), date=f"{report.today:%d-%m-%Y}"),
            _t(report, N_("Jumlah")))
    sheet.append([_t(report, N_("Permohonan berjalan yang melewati perkiraan selesai")),
                  report.overdue.total])
    sheet.column_dimensions["A"].width = 56


def _overdue_sheet(book, report: Report) -> None:
    sheet = book.create_sheet(_t(report, N_("Lewat SLA")))
    _title(sheet, report, _t(report, N_("Lewat SLA per {date}"), date=f"{report.today:%d-%m-%Y}"))
    _header(sheet, _t(report, N_("Tahap")), _t(report, N_("Jumlah")))
    for line in report.overdue_by_step():
        sheet.append([line.label, line.value])
    sheet.append([])
    _header(sheet, _t(report, N_("Instansi")), _t(report, N_("Jumlah")))
    for line in report.overdue_by_agency():
        sheet.append([line.label, line.value])
    sheet.column_dimensions["A"].width = 48


def _trend_sheet(book, report: Report) -> None:
    daily = report.trend_unit == "day"
    sheet = book.create_sheet(_t(report, N_("Tren")))
    _title(sheet, report, _t(report, N_("Tren per hari") if daily else N_("Tren per bulan")))
    _header(sheet, _t(report, N_("Tanggal") if daily else N_("Bulan")), _t(report, RECEIVED),
            _t(report, status_label(states.ISSUED)), _t(report, status_label(states.REJECTED)))
    for bucket in report.trend:
        label = bucket.start if daily else report.trend_label(bucket)
        sheet.append([label, bucket.received, bucket.issued, bucket.rejected])
        if daily:
            sheet[sheet.max_row][0].number_format = "DD-MM-YYYY"
    sheet.column_dimensions["A"].width = 18


# each table's sheet: (its name, its title, its first column), and its lines and speeds
_TABLES = (
    ((N_("Per Jenis Izin"), N_("Permohonan per jenis izin"), N_("Jenis Izin")),
     Report.by_permit, lambda r: r.closed.by_permit),
    ((N_("Per Jenis Permohonan"), N_("Permohonan per jenis permohonan"),
      N_("Jenis Permohonan")), Report.by_type, None),
    ((N_("Per Instansi"), N_("Permohonan per instansi"), N_("Instansi")),
     Report.by_agency, lambda r: r.closed.by_agency),
    ((N_("Per Wilayah"), N_("Permohonan per wilayah"), N_("Wilayah (kabupaten/kota)")),
     Report.by_region, None),
)


def workbook(report: Report) -> bytes:
    book = openpyxl().Workbook()
    _summary_sheet(book, report)
    for names, lines, speeds in _TABLES:
        _counts_sheet(book, report, names, lines(report), speeds(report) if speeds else None)
    _overdue_sheet(book, report)
    _trend_sheet(book, report)
    book.active.append([])
    now = calendar.local_now()
    book.active.append([_t(report, N_("Dibuat {time}"),
                           time=f"{now:%d-%m-%Y} {_time(report, now)}")])
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        return out.read()
