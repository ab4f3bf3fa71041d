"""Pre-counted figures for the management reports (Laporan), kept by the transition engine.

Counting a year of applications (a fifth of a million at a busy office) by permit, Dinas,
region and status on every page view is too slow, and processing time needs each
application's revision pauses. So every state change adjusts a few counters here, in the
transaction that makes the change (`app/reports/summary.py`), and reports add up counters.

A counter is keyed by:
- grain: "d" (one day) or "m" (a month, `day` = its first day): a year is read from twelve
  month rows per combination plus the days at either end of the period;
- basis: "received" = applications by the day they were submitted, counted under their
  current status (a status change moves one from one counter to another); "closed" =
  applications by the day they reached a final status, with the working days they took
  (revision time excluded) and whether that was within the permit's SLA;
- agency (the permit's Dinas), permit, application type, region (regency of the permit's
  location; empty on "closed" rows), status.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Model


class ReportCount(Model):
    __tablename__ = "report_count"
    # the key is the table (SQLite: WITHOUT ROWID), in the order a period is read
    __table_args__ = {"sqlite_with_rowid": False}

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    basis: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    permit_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    application_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    region_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    work_days: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    on_time: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
