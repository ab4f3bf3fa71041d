"""The printable recap (PDF with the office's letterhead) and the monthly recap e-mail.

The letterhead is the office's identity from configuration (OFFICE_NAME, OFFICE_AGENCY) and
the current catalogue's entry for that agency (its address). The monthly e-mail goes to
REPORT_RECIPIENTS for the month before, once: its outbox key names the month and the
recipient, so every worker may try and only one message per person is ever queued. Each is
written in its recipient's language (a staff account's, else the office's): the report is
built in that language for it, with its month names and figures.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from forms_schema import long_date

from .. import i18n
from ..documents.dates import tanggal_waktu
from ..documents.render import render_pdf, render_pdf_template
from ..extensions import db
from ..i18n import N_
from ..models import OutboxMessage
from ..notify import enqueue_email
from ..services import calendar, catalogue_store
from ..services.applications import status_label
from ..services.notices import public_url
from ..templating import angka, jumlah
from .export import speed_values
from .figures import Scope
from .period import Period, month_start
from .report import Report, build

log = logging.getLogger("eptsp.reports")
TEMPLATE = "report_recap.html"
BAR_ROWS = 31  # the trend chart of the PDF shows at most this many bars
SUBJECT = N_("Rekap permohonan izin {period} — {office}")


def letterhead() -> dict:
    office = current_app.config["OFFICE_AGENCY"]
    cat = catalogue_store.current()
    agency = (cat.agency(office) if cat is not None else None) or {}
    return {"office_name": current_app.config["OFFICE_NAME"],
            "office_address": agency.get("address", ""),
            "agency_name": (agency.get("name") or {}).get("id", "")}


def _bars(report: Report) -> list[dict]:
    """The trend as rows of proportional bars (plain CSS widths: the PDF runs no script); a
    daily trend lists only the days something happened."""
    buckets = [b for b in report.trend if report.trend_unit != "day" or b.received or b.issued]
    buckets = buckets[-BAR_ROWS:]
    top = max([b.received for b in buckets] + [1])
    return [{"label": report.trend_label(b), "received": b.received, "issued": b.issued,
             "width": round(100 * b.received / top, 1)} for b in buckets]


def pdf(report: Report) -> bytes:
    """In the report's language (`Report.lang`: the page's, or the e-mail recipient's)."""
    lang = report.lang
    html = render_pdf_template(TEMPLATE, {
        **letterhead(), **pdf_words(lang), "report": report,
        "period_label": report.period.label(lang), "speed": speed_values(report.closed.speed),
        "bars": _bars(report), "speed_of": speed_values, "status_label": status_label,
        "printed_at": i18n.long_date_in(tanggal_waktu(calendar.local_now()), lang)})
    return render_pdf(html)


def pdf_words(lang: str) -> dict:
    """What a PDF template of ours needs to be written in `lang`: its marked texts (`_`, as
    in the web templates: the sandbox has no gettext of its own), numbers and dates as
    `lang` writes them, and the page frame's words (_base.html)."""
    def gettext(msgid: str, **values) -> str:
        found = i18n.translated(msgid, lang)
        return found % values if values else found

    return {"_": gettext, "lang": lang, "number": lambda v: jumlah(v, lang),
            "decimal": lambda v: angka(v, 1, lang), "date_of": lambda d: long_date(d, lang),
            "page_words": re.split(r"%\(pages?\)s", gettext("Halaman %(page)s dari %(pages)s"))}


# the monthly e-mail ------------------------------------------------------------------------
def recipients() -> list[str]:
    raw = current_app.config.get("REPORT_RECIPIENTS") or ""
    return [r.strip() for r in raw.replace(";", ",").split(",") if "@" in r]


def previous_month(today: date) -> Period:
    return Period.month_of(month_start(today) - timedelta(days=1))


def _key(period: Period, recipient: str) -> str:
    return f"report-recap:{period.start:%Y-%m}:{recipient.lower()}"[:100]


def monthly_report(period: Period, today: date | None = None) -> i18n.InLanguage:
    """The office-wide report of `period`, made in each recipient's language when their
    e-mail is written (notify.enqueue_email decides it): whatever is made from it (its
    Excel export, its PDF) is in the e-mail's language too (Report.lang)."""
    return i18n.InLanguage(lambda lang: build(Scope(), period, today=today, lang=lang))


def send_monthly(today: date | None = None) -> int:
    """Queues last month's office-wide recap for every recipient who has not been sent it;
    returns how many were queued (0 when already done or nobody is configured)."""
    people = recipients()
    if not people:
        return 0
    period = previous_month(today or calendar.today())
    keys = {p: _key(period, p) for p in people}
    sent = set(db.session.scalars(select(OutboxMessage.idempotency_key)
                                  .where(OutboxMessage.idempotency_key.in_(keys.values()))))
    waiting = [p for p in people if keys[p] not in sent]
    if not waiting:
        return 0
    office = current_app.config["OFFICE_NAME"]
    report = monthly_report(period, today)
    subject = i18n.InLanguage(lambda lang: i18n.translated(SUBJECT, lang).format(
        period=period.label(lang), office=office)[:300])
    link = public_url("/admin/laporan/?" + "&".join(f"{k}={v}"
                                                    for k, v in period.args().items()))
    for person in waiting:
        enqueue_email(person, subject, "mail/report_recap.txt", key=keys[person],
                      report=report, period_label=i18n.InLanguage(period.label), link=link,
                      speed_of=speed_values, status_label=status_label, office_name=office)
    try:
        db.session.commit()
    except IntegrityError:  # another worker queued them at the same moment
        db.session.rollback()
        return 0
    log.info("monthly recap %s queued for %d recipient(s)", period.label(), len(waiting))
    return len(waiting)

