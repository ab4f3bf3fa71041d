"""The IKM report as an Excel workbook (openpyxl): a summary sheet laid out like the
regulation's tabulation (per unsur: sum of values, respondents, NRR, weighted NRR; then the
IKM, its conversion, mutu and kinerja), the other indices, per permit type, per Dinas, per
month, the respondent profile and the suggestions. Numbers are real numbers (NRR to two
decimals, weighted NRR to three), so the office can recompute them in the sheet."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from typing import TYPE_CHECKING

from catalogue.xlsx import openpyxl

from ..documents.sheet_cells import row as sheet_row
from ..templating import local_time
from . import ikm
from .report import GroupRow, IndexRow, Report

if TYPE_CHECKING:
    from openpyxl import Workbook

HEAD_COLOUR = "D9EAD3"


def _num(value, places: int):
    return None if value is None else float(ikm.rounded(value, places))


def _header(sheet, values) -> None:
    sheet.append(list(values))
    styles = openpyxl().styles
    bold, fill = styles.Font(bold=True), styles.PatternFill("solid", fgColor=HEAD_COLOUR)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = bold, fill


def _widths(sheet, widths: Iterable[int]) -> None:
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl().utils.get_column_letter(n)].width = width


def _index_block(sheet, index: IndexRow) -> None:
    sheet.append([index.name])
    sheet[sheet.max_row][0].font = openpyxl().styles.Font(bold=True)
    _header(sheet, ("Kode", "Unsur", "Jumlah nilai", "Responden", "NRR", "NRR tertimbang"))
    for item in index.items:
        sheet.append([item.code, item.name, item.total, item.answers, _num(item.nrr, 2),
                      _num(item.weighted, 3)])
    score = index.score
    if score is None:
        sheet.append(["", "Belum ada jawaban"])
        return
    sheet.append(["", f"Bobot tiap unsur (1/{len(score.unsur)})", None, None, None,
                  _num(score.weight, 3)])
    sheet.append(["", "Nilai indeks (jumlah NRR tertimbang, skala 1-4)", None, None, None,
                  _num(score.value, 3)])
    sheet.append(["", "Nilai indeks konversi (x 25)", None, None, None,
                  _num(score.converted, 2)])
    if index.graded:
        grade = score.grade
        sheet.append(["", "Mutu pelayanan", None, None, None, grade.letter])
        sheet.append(["", "Kinerja unit pelayanan", None, None, None, grade.kinerja])


def _summary(book: Workbook, found: Report, office: str, scope_text: str) -> None:
    sheet = book.active
    sheet.title = "Ringkasan"
    sheet.append([f"Laporan Indeks Kepuasan Masyarakat — {office}"])
    sheet["A1"].font = openpyxl().styles.Font(bold=True, size=13)
    sheet.append([f"Periode: {found.period.label}"])
    sheet.append([scope_text])
    sheet.append(["Dasar perhitungan: PermenPANRB Nomor 14 Tahun 2017"])
    sheet.append([])
    sheet.append(["Responden", found.respondents])
    sheet.append(["Populasi (permohonan selesai pada periode)", found.population])
    sheet.append(["Sampel minimal (tabel Krejcie-Morgan)", found.sample])
    sheet.append([])
    for index in found.indices:
        _index_block(sheet, index)
        sheet.append([])
    _widths(sheet, (8, 52, 14, 12, 10, 16))
    wrap = openpyxl().styles.Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=1, max_col=2):
        row[1].alignment = wrap


def _groups(book: Workbook, title: str, heading: str, rows: list[GroupRow]) -> None:
    sheet = book.create_sheet(title)
    _header(sheet, ("Kode", heading, "Responden", "Populasi", "Sampel minimal",
                    "IKM (konversi)", "Mutu", "Kinerja"))
    for row in rows:
        score = row.score
        sheet.append([row.code, row.name, row.respondents, row.population, row.sample,
                      _num(score.converted, 2) if score else None,
                      score.grade.letter if score else None,
                      score.grade.kinerja if score else None])
    _widths(sheet, (18, 50, 12, 12, 14, 14, 8, 14))


def _trend(book: Workbook, found: Report) -> None:
    sheet = book.create_sheet("Per Bulan")
    _header(sheet, ("Bulan", "Responden", "IKM (konversi)", "Mutu"))
    for point in found.trend:
        score = point.score
        sheet.append([point.label, point.respondents,
                      _num(score.converted, 2) if score else None,
                      score.grade.letter if score else None])
    _widths(sheet, (14, 12, 16, 8))


def _profile(book: Workbook, found: Report) -> None:
    sheet = book.create_sheet("Profil Responden")
    for table in found.profile:
        _header(sheet, (table.label, "Responden", "Persen"))
        for label, n in table.rows:
            sheet.append([label, n, round(100 * n / table.total, 1) if table.total else None])
        sheet.append([])
    _widths(sheet, (30, 12, 10))


def _suggestions(book: Workbook, rows, names: dict[str, str]) -> None:
    sheet = book.create_sheet("Saran")
    _header(sheet, ("Tanggal", "Jenis Izin", "Masukan dan Saran"))
    wrap = openpyxl().styles.Alignment(wrap_text=True)
    for response in rows:
        moment = local_time(response.submitted_at)
        sheet.append(sheet_row(sheet, [moment.replace(tzinfo=None) if moment else None,
                                       names.get(response.permit_code, response.permit_code),
                                       response.suggestion]))
        sheet.cell(row=sheet.max_row, column=1).number_format = "dd-mm-yyyy hh:mm"
        sheet.cell(row=sheet.max_row, column=3).alignment = wrap
    _widths(sheet, (18, 40, 90))


def workbook(found: Report, *, office: str, scope_text: str, suggestion_rows) -> bytes:
    book = openpyxl().Workbook()
    _summary(book, found, office, scope_text)
    _groups(book, "Per Jenis Izin", "Jenis Izin", found.per_permit)
    _groups(book, "Per Dinas", "Dinas/Instansi", found.per_agency)
    _trend(book, found)
    _profile(book, found)
    _suggestions(book, suggestion_rows, {g.code: g.name for g in found.per_permit})
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        return out.read()
