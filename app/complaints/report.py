"""The complaints report: counts per category, status and month, the average time to the
first answer and to closing (in hours) and how many kept their category's promise (closed by
the due date, app/complaints/sla.py), over complaints filed in a period; Excel export.

The period is the office's other reports' (app/reports/period.py: a day, month, quarter,
semester, year or a range, parsed and refused there, once). Its days and months are the
office's local ones (calendar.utc_start_of, calendar.local_date). Averages count only
complaints that reached that point (answered / closed)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from catalogue.xlsx import openpyxl

from .. import i18n
from ..documents.sheet_cells import row as sheet_row
from ..extensions import db
from ..i18n import N_
from ..models import Complaint, ComplaintCategory
from ..reports.period import Period
from ..services import calendar
from . import categories, sla, status


@dataclass
class Report:
    period: Period
    total: int = 0
    by_category: Counter = field(default_factory=Counter)  # keyed by the category
    by_status: Counter = field(default_factory=Counter)
    by_month: Counter = field(default_factory=Counter)
    first_answer_hours: float | None = None
    close_hours: float | None = None
    rated: int = 0
    rating_average: float | None = None
    closed: int = 0  # closed now (the on-time share's denominator)
    closed_on_time: int = 0  # closed on or before its due date
    open_overdue: int = 0  # still open past its due date (the queue's "Lewat SLA")


def _average_hours(spans: list[timedelta]) -> float | None:
    if not spans:
        return None
    return round(sum(s.total_seconds() for s in spans) / len(spans) / 3600, 1)


def build(period: Period) -> Report:
    """Complaints filed in `period` (local dates, both ends included)."""
    stmt = select(Complaint, ComplaintCategory).join(
        ComplaintCategory, Complaint.category_id == ComplaintCategory.id)
    stmt = stmt.where(Complaint.created_at >= calendar.utc_start_of(period.start),
                      Complaint.created_at < calendar.utc_start_of(period.end
                                                                   + timedelta(days=1)))
    report = Report(period)
    answered, closed, ratings = [], [], []
    today = calendar.today()
    for complaint, category in db.session.execute(stmt):
        created = complaint.created_at
        report.total += 1
        report.by_category[category] += 1
        report.by_status[complaint.status] += 1
        report.by_month[calendar.local_date(created).replace(day=1)] += 1
        if complaint.first_answer_at is not None:
            answered.append(complaint.first_answer_at - created)
        if complaint.closed_at is not None and complaint.status == status.DONE:
            closed.append(complaint.closed_at - created)
            report.closed_on_time += (calendar.local_date(complaint.closed_at)
                                      <= complaint.due_on)
        report.open_overdue += sla.is_overdue(complaint, today)
        if complaint.rating:
            ratings.append(complaint.rating)
    report.closed = len(closed)
    report.first_answer_hours = _average_hours(answered)
    report.close_hours = _average_hours(closed)
    report.rated = len(ratings)
    report.rating_average = round(sum(ratings) / len(ratings), 2) if ratings else None
    return report


# the workbook's words, marked: it is written in the language of the page it is taken from
TITLE = N_("Laporan Pengaduan — {office}")
SUMMARY = N_("Ringkasan")
PERIOD, RANGE = N_("Periode"), N_("{start} s.d. {end}")
SUMMARY_ROWS = (
    (N_("Jumlah pengaduan"), "total"),
    (N_("Rata-rata waktu ke jawaban pertama (jam)"), "first_answer_hours"),
    (N_("Rata-rata waktu sampai selesai (jam)"), "close_hours"),
    (N_("Selesai"), "closed"),
    (N_("Selesai tepat waktu (paling lambat tenggat)"), "closed_on_time"),
    (N_("Masih terbuka dan lewat tenggat"), "open_overdue"),
    (N_("Jumlah penilaian"), "rated"),
    (N_("Rata-rata penilaian (1-5)"), "rating_average"))
COUNT = N_("Jumlah")
BREAKDOWNS = ((N_("Per Kategori"), N_("Kategori")), (N_("Per Status"), N_("Status")),
              (N_("Per Bulan"), N_("Bulan")))


def xlsx(report: Report, office: str, lang: str = "id") -> bytes:
    """The report as a workbook in `lang`: a summary sheet and one sheet per breakdown
    (categories and statuses by their names in `lang`, months as yyyy-mm)."""
    def words(text: str) -> str:
        return i18n.translated(text, lang)

    xl = openpyxl()
    book = xl.Workbook()
    sheet = book.active
    sheet.title = words(SUMMARY)
    span = words(RANGE).format(start=f"{report.period.start:%d-%m-%Y}",
                               end=f"{report.period.end:%d-%m-%Y}")
    sheet.append((words(TITLE).format(office=office),))
    sheet.append((words(PERIOD), f"{report.period.label(lang)} ({span})"))
    for text, attribute in SUMMARY_ROWS:
        sheet.append((words(text), getattr(report, attribute)))
    sheet["A1"].font = xl.styles.Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 44
    counters = (
        Counter({categories.name_of(c, lang): n for c, n in report.by_category.most_common()}),
        Counter({status.label_in(k, lang): v for k, v in report.by_status.items()}),
        Counter({f"{m:%Y-%m}": n for m, n in sorted(report.by_month.items())}))
    for (title, head), counter in zip(BREAKDOWNS, counters, strict=True):
        part = book.create_sheet(words(title))
        part.append((words(head), words(COUNT)))
        part["A1"].font = part["B1"].font = xl.styles.Font(bold=True)
        part.column_dimensions["A"].width = 30
        for key, value in counter.items():
            part.append(sheet_row(part, (str(key), value)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
