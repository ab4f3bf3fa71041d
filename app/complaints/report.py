"""The complaints report: counts per category, status and month, and the average time to the
first answer and to closing (in hours), over complaints filed in a period; Excel export.

Months are the office's local months (calendar.local_date). Averages count only complaints
that reached that point (answered / closed)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from catalogue.xlsx import openpyxl

from ..extensions import db
from ..models import Complaint, ComplaintCategory
from ..services import calendar
from . import status


@dataclass
class Report:
    start: date | None
    end: date | None
    total: int = 0
    by_category: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    by_month: Counter = field(default_factory=Counter)
    first_answer_hours: float | None = None
    close_hours: float | None = None
    rated: int = 0
    rating_average: float | None = None


def _bound(day: date | None, extra: int = 0) -> datetime | None:
    """A local date's midnight as naive UTC, like the stored timestamps."""
    if day is None:
        return None
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    moment = datetime.combine(day + timedelta(days=extra), time.min, tzinfo=zone)
    return moment.astimezone(UTC).replace(tzinfo=None)


def _average_hours(spans: list[timedelta]) -> float | None:
    if not spans:
        return None
    return round(sum(s.total_seconds() for s in spans) / len(spans) / 3600, 1)


def build(start: date | None = None, end: date | None = None) -> Report:
    """Complaints filed from `start` to `end` (local dates, both included)."""
    stmt = select(Complaint.created_at, ComplaintCategory.name_id, Complaint.status,
                  Complaint.first_answer_at, Complaint.closed_at, Complaint.rating).join(
        ComplaintCategory, Complaint.category_id == ComplaintCategory.id)
    if start is not None:
        stmt = stmt.where(Complaint.created_at >= _bound(start))
    if end is not None:
        stmt = stmt.where(Complaint.created_at < _bound(end, 1))
    report = Report(start, end)
    answered, closed, ratings = [], [], []
    for created, category, state, first, done, rating in db.session.execute(stmt):
        report.total += 1
        report.by_category[category] += 1
        report.by_status[state] += 1
        report.by_month[calendar.local_date(created).strftime("%Y-%m")] += 1
        if first is not None:
            answered.append(first - created)
        if done is not None and state == status.DONE:
            closed.append(done - created)
        if rating:
            ratings.append(rating)
    report.first_answer_hours = _average_hours(answered)
    report.close_hours = _average_hours(closed)
    report.rated = len(ratings)
    report.rating_average = round(sum(ratings) / len(ratings), 2) if ratings else None
    return report


def xlsx(report: Report, office: str) -> bytes:
    """The report as a workbook: a summary sheet and one sheet per breakdown."""
    xl = openpyxl()
    book = xl.Workbook()
    sheet = book.active
    sheet.title = "Ringkasan"
    period = f"{report.start or '-'} s.d. {report.end or '-'}"
    rows = [(f"Laporan Pengaduan — {office}",), ("Periode", period),
            ("Jumlah pengaduan", report.total),
            ("Rata-rata waktu ke jawaban pertama (jam)", report.first_answer_hours),
            ("Rata-rata waktu sampai selesai (jam)", report.close_hours),
            ("Jumlah penilaian", report.rated), ("Rata-rata penilaian (1-5)",
                                                 report.rating_average)]
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = xl.styles.Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 44
    for title, head, counter in (
            ("Per Kategori", "Kategori", report.by_category),
            ("Per Status", "Status", Counter({status.label(k): v
                                              for k, v in report.by_status.items()})),
            ("Per Bulan", "Bulan", Counter(dict(sorted(report.by_month.items()))))):
        part = book.create_sheet(title)
        part.append((head, "Jumlah"))
        part["A1"].font = part["B1"].font = xl.styles.Font(bold=True)
        part.column_dimensions["A"].width = 30
        for key, value in counter.items():
            part.append((str(key), value))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
