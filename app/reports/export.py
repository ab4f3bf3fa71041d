"""The report as an Excel workbook: a summary sheet and one sheet per table of the screen,
numbers as numbers (so they add up in Excel), labels in Indonesian like the other exports."""

from __future__ import annotations

import tempfile

from flask import current_app

from catalogue.xlsx import openpyxl

from ..models import applications as states
from ..services import calendar
from ..services.applications import status_label
from .figures import Speed
from .report import Line, Report

# each status under its one name (services.applications.status_label), as the screens show it
STATUS_HEADERS = ("Diterima", *(status_label(s) for s in (
    states.IN_PROCESS, states.ISSUED, states.REJECTED, states.CANCELLED, states.EXPIRED)))
SPEED_HEADERS = ("Diputus (terbit + ditolak)", "Tepat SLA", "Kepatuhan SLA (%)",
                 "Rata-rata hari kerja", "Median hari kerja")


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


def _title(sheet, report: Report, title: str) -> None:
    sheet.append([f"{title} — {current_app.config['OFFICE_NAME']}"])
    sheet[sheet.max_row][0].font = openpyxl().styles.Font(bold=True, size=13)
    sheet.append([f"Periode: {report.period.label('id')} ({report.period.start:%d-%m-%Y} s.d. "
                  f"{report.period.end:%d-%m-%Y})"])
    sheet.append([f"Cakupan: {report.scope_label}"])
    sheet.append([])


def _counts_sheet(book, report: Report, name: str, first: str, lines: list[Line],
                  speeds: dict[str, Speed] | None = None) -> None:
    sheet = book.create_sheet(name)
    _title(sheet, report, f"Permohonan {name.lower()}")
    _header(sheet, "Kode", first, *STATUS_HEADERS, *(SPEED_HEADERS if speeds is not None else ()))
    for line in lines:
        extra = speed_values(speeds.get(line.key)) if speeds is not None else []
        sheet.append([line.key, line.label, *line.value.values(), *extra])
    sheet.column_dimensions["B"].width = 48


def _summary_sheet(book, report: Report) -> None:
    sheet = book.active
    sheet.title = "Ringkasan"
    _title(sheet, report, "Rekapitulasi Permohonan Izin")
    _header(sheet, "Permohonan diterima pada periode", "Jumlah")
    for label, value in zip(STATUS_HEADERS, report.received.total.values(), strict=True):
        sheet.append([label, value])
    sheet.append([])
    _header(sheet, "Selesai diproses pada periode", "Jumlah")
    for status in (states.ISSUED, states.REJECTED, states.CANCELLED, states.EXPIRED):
        sheet.append([status_label(status), report.closed.by_status.get(status, 0)])
    for label, value in zip(SPEED_HEADERS, speed_values(report.closed.speed), strict=True):
        sheet.append([label, value])
    sheet.append([])
    _header(sheet, f"Lewat SLA saat ini ({report.today:%d-%m-%Y})", "Jumlah")
    sheet.append(["Permohonan berjalan yang melewati perkiraan selesai", report.overdue.total])
    sheet.column_dimensions["A"].width = 56


def _overdue_sheet(book, report: Report) -> None:
    sheet = book.create_sheet("Lewat SLA")
    _title(sheet, report, f"Lewat SLA per {report.today:%d-%m-%Y}")
    _header(sheet, "Tahap", "Jumlah")
    for line in report.overdue_by_step():
        sheet.append([line.label, line.value])
    sheet.append([])
    _header(sheet, "Instansi", "Jumlah")
    for line in report.overdue_by_agency():
        sheet.append([line.label, line.value])
    sheet.column_dimensions["A"].width = 48


def _trend_sheet(book, report: Report) -> None:
    sheet = book.create_sheet("Tren")
    _title(sheet, report, "Tren per " + ("hari" if report.trend_unit == "day" else "bulan"))
    _header(sheet, "Tanggal" if report.trend_unit == "day" else "Bulan", "Diterima",
            status_label(states.ISSUED), status_label(states.REJECTED))
    for bucket in report.trend:
        label = bucket.start if report.trend_unit == "day" else report.trend_label(bucket)
        sheet.append([label, bucket.received, bucket.issued, bucket.rejected])
        if report.trend_unit == "day":
            sheet[sheet.max_row][0].number_format = "DD-MM-YYYY"
    sheet.column_dimensions["A"].width = 18


def workbook(report: Report) -> bytes:
    book = openpyxl().Workbook()
    _summary_sheet(book, report)
    _counts_sheet(book, report, "Per Jenis Izin", "Jenis Izin", report.by_permit(),
                  report.closed.by_permit)
    _counts_sheet(book, report, "Per Jenis Permohonan", "Jenis Permohonan", report.by_type())
    _counts_sheet(book, report, "Per Instansi", "Instansi", report.by_agency(),
                  report.closed.by_agency)
    _counts_sheet(book, report, "Per Wilayah", "Wilayah (kabupaten/kota)", report.by_region())
    _overdue_sheet(book, report)
    _trend_sheet(book, report)
    book.active.append([])
    book.active.append([f"Dibuat {calendar.local_now():%d-%m-%Y %H.%M}"])
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        return out.read()
