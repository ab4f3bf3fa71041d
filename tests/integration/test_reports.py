"""Laporan: the counters the transition engine keeps, what a report reads from them (per
status, permit, type, Dinas, region; SLA and processing days; trend; overdue now), the scope
rule, the screen with its Excel and PDF, and the monthly recap e-mail."""

from __future__ import annotations

import io
import subprocess
from datetime import date, datetime, timedelta
from email.header import decode_header, make_header

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import OutboxMessage, ReportCount
from app.notify import worker
from app.reports import figures, recap, summary
from app.reports.period import Period, next_month
from app.services import calendar
from app.services.users import staff_profile_of
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import deliver, make_applicant, make_staff, make_submitted
from tests.report_helpers import ADVISED, mixed_applications, office_staff

COLUMNS = ("received", "in_process", "issued", "rejected", "cancelled", "expired")


pytestmark = pytest.mark.usefixtures("catalogue")


def this_month() -> Period:
    return Period.month_of(calendar.today())


def counts(found: figures.Counts) -> dict[str, int]:
    return {c: getattr(found, c) for c in COLUMNS}


def counter_rows() -> list[tuple]:
    return sorted((r.grain, r.basis, r.day, r.agency_code, r.permit_code, r.application_type,
                   r.region_code, r.status, r.work_days, r.on_time, r.count)
                  for r in db.session.scalars(select(ReportCount)) if r.count)


def test_the_transition_engine_keeps_the_counters_a_report_reads(app):
    office = office_staff(app)
    expected = mixed_applications(app, office)
    person, _ = make_applicant(app)
    make_submitted(app, person, ADVISED)
    period = this_month()

    dkp = figures.received(figures.Scope("DKP"), period)
    assert counts(dkp.total) == expected
    everything = figures.received(figures.Scope(), period)
    assert everything.total.received == 8 and everything.total.in_process == 4
    assert counts(everything.by_agency["DKP"]) == expected
    assert everything.by_agency["DINKES"].received == 1
    assert everything.by_region["64.72"].received == 8  # the permit location's regency
    assert sum(c.received for c in everything.by_type.values()) == 8
    one_permit = figures.received(figures.Scope(None, ADVISED), period)
    assert one_permit.total.received == 1 and set(one_permit.by_permit) == {ADVISED}

    closed = figures.closed(figures.Scope("DKP"), period)
    assert dict(closed.by_status) == {"issued": 2, "rejected": 1, "cancelled": 1}
    # decided today, submitted today: no working day taken, within SLA
    assert (closed.speed.decided, closed.speed.on_time) == (3, 3)
    assert closed.speed.sla_percent == 100.0 and closed.speed.median_days == 0

    unit, buckets = figures.trend(figures.Scope("DKP"), period)
    today = next(b for b in buckets if b.start == calendar.today())
    assert unit == "day" and len(buckets) == period.days
    assert (today.received, today.issued, today.rejected) == (7, 2, 1)
    assert sum(b.received for b in buckets) == 7

    last_month = Period.month_of(period.start - timedelta(days=1))
    assert figures.received(figures.Scope(), last_month).total.received == 0


def test_a_rebuild_counts_exactly_what_the_transitions_counted(app):
    office = office_staff(app)
    mixed_applications(app, office)
    counted = counter_rows()
    assert counted
    assert summary.rebuild() == 7
    assert counter_rows() == counted


def test_processing_days_leave_out_the_time_waiting_for_the_applicant():
    monday = date(2026, 11, 2)
    day = lambda n: datetime.combine(monday + timedelta(days=n), datetime.min.time())  # noqa: E731
    events = [(day(0), "in_process"), (day(1), "revision"), (day(7), "in_process"),
              (day(9), "issued")]
    local = datetime.date
    # Tuesday to the next Monday: 4 working days waiting (Wed..Mon, weekend skipped)
    assert summary.paused_days(events, [], local) == 4
    assert summary.paused_days(events, [date(2026, 11, 5)], local) == 3  # a holiday inside

    class Catalogue:
        permits = [{"code": "X", "sla_working_days": 5}]

        @staticmethod
        def holiday_dates():
            return frozenset()

    rules = summary.Rules(Catalogue())
    # submitted Monday, issued Wednesday of the next week: 7 working days, 4 of them waiting
    assert rules.timing("issued", monday, "X", monday + timedelta(days=9), 4) == (3, True)
    assert rules.timing("rejected", monday, "X", monday + timedelta(days=9), 0) == (7, False)
    assert rules.timing("cancelled", monday, "X", monday + timedelta(days=9), 0) == (0, False)


def test_mean_median_and_sla_share_of_decided_applications():
    speed = figures.Speed()
    for days, on_time in ((1, True), (2, True), (2, True), (9, False)):
        speed.add(days, on_time, 1)
    assert speed.decided == 4 and speed.sla_percent == 75.0
    assert speed.mean_days == 3.5 and speed.median_days == 2.0
    speed.add(10, False, 1)
    assert speed.median_days == 2.0 and speed.mean_days == 4.8
    assert figures.Speed().median_days is None and figures.Speed().sla_percent is None


def test_a_dinas_member_reads_only_their_own_dinas(app):
    dinas = casework.actor_for(make_staff(app, "Tim Teknis", "DINKES"))
    office = casework.actor_for(make_staff(app, "Pimpinan"))
    assert figures.scope_for(dinas, agency="DKP") == figures.Scope("DINKES")
    assert figures.scope_for(dinas) == figures.Scope("DINKES")
    assert figures.scope_for(office, agency="DKP") == figures.Scope("DKP")
    assert figures.scope_for(office) == figures.Scope()


def test_overdue_now_counts_running_applications_past_their_date(app):
    office = office_staff(app)
    mixed_applications(app, office)
    late = office.made["in_process"][0]
    late.estimated_completion = calendar.today() - timedelta(days=1)
    db.session.commit()
    found = figures.overdue(figures.Scope(), calendar.today())
    assert found.total == 1
    assert found.by_step == {late.current_step: 1} and found.by_agency == {"DKP": 1}
    assert figures.overdue(figures.Scope("DINKES"), calendar.today()).total == 0


@pytest.mark.parametrize(("language", "other"), [("en", "id"), ("id", "en")])
def test_the_overdue_steps_are_named_in_the_readers_language(app, language, other):
    """The Laporan screen names a late application's step as the catalogue does in the
    reader's language (it was Indonesian on the English page)."""
    from app.services import timeline

    office = office_staff(app)
    mixed_applications(app, office)
    late = office.made["in_process"][0]
    late.estimated_completion = calendar.today() - timedelta(days=1)
    db.session.commit()
    name = {lang: timeline.step_name(late, late.current_step, lang) for lang in ("en", "id")}
    assert name["en"] != name["id"]  # else this test could not tell them apart
    client, _ = staff_client(app, "Pimpinan")
    text = page_text(client.get(report_url(_l_=language)))
    assert name[language] in text and name[other] not in text


@pytest.mark.parametrize(("args", "start", "end", "label"), [
    ({"periode": "hari", "tanggal": "2026-11-23"}, date(2026, 11, 23), date(2026, 11, 23),
     "23 November 2026"),
    ({"periode": "bulan", "bulan": "2026-02"}, date(2026, 2, 1), date(2026, 2, 28),
     "Februari 2026"),
    ({"periode": "triwulan", "tahun": "2026", "triwulan": "4"}, date(2026, 10, 1),
     date(2026, 12, 31), "Triwulan IV 2026"),
    ({"periode": "tahun", "tahun": "2025"}, date(2025, 1, 1), date(2025, 12, 31), "Tahun 2025"),
    ({"periode": "rentang", "dari": "2026-03-10", "sampai": "2026-01-15"}, date(2026, 1, 15),
     date(2026, 3, 10), "15 Januari 2026 – 10 Maret 2026"),
])
def test_periods_from_the_report_form(args, start, end, label):
    period = Period.parse(args, date(2026, 12, 6))
    assert (period.start, period.end, period.label()) == (start, end, label)
    assert not period.errors
    assert Period.parse(period.args(), date(2000, 1, 1)) == period


def test_the_month_select_and_year_choose_a_month_and_links_keep_their_form():
    """The report form sends the month's number (bulan=3) and its year (tahun=2025); links
    and exports keep bulan=YYYY-MM, which still works."""
    chosen = Period.parse({"periode": "bulan", "bulan": "3", "tahun": "2025"}, date(2026, 12, 6))
    assert (chosen.start, chosen.end, chosen.label()) == \
        (date(2025, 3, 1), date(2025, 3, 31), "Maret 2025")
    assert not chosen.errors
    assert chosen.args() == {"periode": "bulan", "bulan": "2025-03"}
    no_year = Period.parse({"periode": "bulan", "bulan": "12"}, date(2026, 12, 6))
    assert (no_year.start, no_year.end) == (date(2026, 12, 1), date(2026, 12, 31))
    linked = Period.parse({"periode": "bulan", "bulan": "2026-02", "tahun": "2019"},
                          date(2026, 12, 6))
    assert linked.start == date(2026, 2, 1)
    for bad in ({"bulan": "13", "tahun": "2025"}, {"bulan": "0"}, {"bulan": "3", "tahun": "1999"}):
        assert Period.parse({"periode": "bulan", **bad}, date(2026, 12, 6)).errors, bad


def test_a_bad_period_falls_back_to_this_month_and_says_so():
    period = Period.parse({"periode": "bulan", "bulan": "2026-13"}, date(2026, 12, 6))
    assert (period.start, period.end) == (date(2026, 12, 1), date(2026, 12, 31))
    assert period.errors


def test_a_period_reads_whole_months_from_month_counters_and_the_rest_from_days():
    period = Period("rentang", date(2026, 1, 15), date(2026, 4, 10))
    assert period.spans() == ((date(2026, 2, 1), date(2026, 3, 1)),
                              [(date(2026, 1, 15), date(2026, 1, 31)),
                               (date(2026, 4, 1), date(2026, 4, 10))])
    assert Period("rentang", date(2026, 1, 2), date(2026, 1, 30)).spans() == \
        (None, [(date(2026, 1, 2), date(2026, 1, 30))])
    assert Period("tahun", date(2026, 1, 1), date(2026, 12, 31)).spans() == \
        ((date(2026, 1, 1), date(2026, 12, 1)), [])


# the screen ---------------------------------------------------------------------------------
def report_url(path: str = "", **extra) -> str:
    month = calendar.today().strftime("%Y-%m")
    query = "&".join(f"{k}={v}" for k, v in {"periode": "bulan", "bulan": month,
                                             **extra}.items())
    return f"/admin/laporan/{path}?{query}"


def kpi(html: str, key: str) -> str:
    import re

    return re.search(rf'id="kpi-{key}" data-value="([^"]*)"', html).group(1)


def month_options(html: str) -> list[tuple[str, str, bool]]:
    """The month select's options: (value, name shown, selected)."""
    import re

    select = re.search(r'<select[^>]*name="bulan"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no month select"
    return [(value, name.strip(), bool(selected)) for value, selected, name in re.findall(
        r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1))]


def test_the_month_is_chosen_by_name_in_the_readers_language(app):
    """The browser's own month picker spoke the browser's language (an Indonesian page could
    say "December 2026"): the month is a select of our month names with a labelled year."""
    import re

    client, _ = staff_client(app, "Pimpinan")
    html = client.get("/admin/laporan/?periode=bulan&bulan=2026-03").get_data(as_text=True)
    assert 'type="month"' not in html
    options = month_options(html)
    assert [name for _v, name, _s in options] == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
        "September", "Oktober", "November", "Desember"]
    assert [(v, n) for v, n, selected in options if selected] == [("3", "Maret")]
    assert re.search(r'<label[^>]*for="f-bulan"[^>]*>Bulan</label>', html)
    year = re.search(r'<div[^>]*data-period="([^"]*)"[^>]*>\s*<label[^>]*for="f-tahun"', html)
    assert "bulan" in year.group(1).split()
    assert re.search(r'name="tahun" id="f-tahun" value="2026"', html)
    english = client.get("/admin/laporan/?periode=bulan&bulan=2026-03&_l_=en")
    options = month_options(english.get_data(as_text=True))
    assert [name for _v, name, _s in options][:3] == ["January", "February", "March"]
    assert [n for _v, n, selected in options if selected] == ["March"]
    # what the form sends: the month's number and the year; the page and its links agree
    sent = client.get("/admin/laporan/?periode=bulan&bulan=11&tahun=2025").get_data(as_text=True)
    assert "Periode <strong>November 2025</strong>" in sent
    assert "periode=bulan&amp;bulan=2025-11" in sent  # the Excel and PDF links
    assert [n for _v, n, selected in month_options(sent) if selected] == ["November"]


def test_the_head_of_office_reads_a_dinas_report_with_excel_and_pdf(app, tmp_path):
    office = office_staff(app)
    expected = mixed_applications(app, office)
    person, _ = make_applicant(app)
    make_submitted(app, person, ADVISED)
    client, _ = staff_client(app, "Pimpinan")

    html = client.get(report_url(instansi="DKP")).get_data(as_text=True)
    for column, value in expected.items():
        assert kpi(html, column) == str(value), column
    assert kpi(html, "sla") == "100.0" and 'id="f-instansi"' in html
    assert 'id="chart-trend"' in html and "vendor/chartjs/chart.umd.min.js" in html
    everything = client.get(report_url()).get_data(as_text=True)
    assert kpi(everything, "received") == "8"

    response = client.get(report_url("laporan.xlsx", instansi="DKP"))
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    summary_rows = {r[0]: r[1] for r in book["Ringkasan"].iter_rows(values_only=True) if r}
    assert summary_rows["Diterima"] == 7 and summary_rows["Selesai"] == 2
    assert summary_rows["Kepatuhan SLA (%)"] == 100.0
    permits = [r for r in book["Per Jenis Izin"].iter_rows(values_only=True)
               if r and r[0] == "SIUP-PERIKANAN"]
    assert permits and permits[0][2:8] == (7, 3, 2, 1, 1, 0)

    response = client.get(report_url("rekap.pdf", instansi="DKP"))
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    (tmp_path / "rekap.pdf").write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "rekap.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "REKAPITULASI PERMOHONAN IZIN" in text and app.config["OFFICE_NAME"] in text
    assert "Cakupan: Dinas Kelautan dan Perikanan" in text  # the Dinas chosen
    assert "PENANAMAN MODAL" in text  # the letterhead: the office's agency in the catalogue
    line = next(t for t in text.splitlines() if t.strip().startswith("Surat Izin Usaha"))
    assert line.split()[-8:-2] == ["7", "3", "2", "1", "1", "0"]


def test_a_dinas_member_gets_their_own_dinas_whatever_they_ask(app):
    office = office_staff(app)
    mixed_applications(app, office)
    person, _ = make_applicant(app)
    make_submitted(app, person, ADVISED)
    client, _ = staff_client(app, "Tim Teknis", "DINKES")
    html = client.get(report_url(instansi="DKP")).get_data(as_text=True)
    assert kpi(html, "received") == "1" and 'id="f-instansi"' not in html
    assert "Instansi Anda" in page_text(client.get(report_url()))


def test_staff_without_the_report_screen_do_not_get_it(app):
    client, _ = staff_client(app, "Verifikator")
    assert client.get("/admin/laporan/").status_code == 404
    assert client.get("/admin/laporan/laporan.xlsx").status_code == 404


# the monthly e-mail --------------------------------------------------------------------------
def test_the_worker_mails_last_months_recap_once_to_each_recipient(app, mailbox):
    """Each in its recipient's language: a head of office whose staff account keeps English
    reads it in English, month, figures and status names included; an address without an
    account reads the office's language."""
    from app.services import staff

    office = office_staff(app)
    mixed_applications(app, office)
    head = make_staff(app, "Pimpinan", email="kepala@contoh.id")
    staff.save_preferences(head_profile := staff_profile_of(head), {"language": "en"})
    assert head_profile.language == "en"
    app.config["REPORT_RECIPIENTS"] = "kepala@contoh.id, sekretaris@contoh.id"
    first_of_next = next_month(calendar.today())
    assert recap.send_monthly(first_of_next) == 2
    assert recap.send_monthly(first_of_next) == 0  # once per month and recipient
    deliver(app)
    (english,), (indonesian,) = mailbox.to("kepala@contoh.id"), mailbox.to("sekretaris@contoh.id")
    office_name = app.config["OFFICE_NAME"]
    def subject(mail) -> str:
        return str(make_header(decode_header(mail["Subject"])))

    assert subject(indonesian) == f"Rekap permohonan izin {this_month().label()} — {office_name}"
    body = indonesian.get_payload(decode=True).decode()
    assert "Permohonan diterima pada periode ini: 7" in body
    assert "- Selesai: 2" in body and "Kepatuhan SLA: 100,0%" in body
    assert subject(english) == \
        f"Permit application recap {this_month().label('en')} — {office_name}"
    body = english.get_payload(decode=True).decode()
    assert "Applications received in this period: 7" in body
    assert "- Completed: 2" in body and "SLA compliance: 100.0%" in body
    assert "Permohonan" not in body


def test_the_worker_housekeeping_queues_the_recap_of_the_month_before(app):
    app.config["REPORT_RECIPIENTS"] = "kepala@contoh.id"
    worker._housekeeping({})
    keys = list(db.session.scalars(select(OutboxMessage.idempotency_key)))
    previous = recap.previous_month(calendar.today()).start
    assert keys == [f"report-recap:{previous:%Y-%m}:kepala@contoh.id"]
    app.config["REPORT_RECIPIENTS"] = ""
    assert recap.send_monthly() == 0


def test_the_status_columns_bear_each_status_by_its_one_name(app):
    """The report's columns name the statuses as the grid does (services.applications'
    status_label): an issued application is 'Selesai' everywhere, and English columns read
    'In Process' and 'Cancelled', not the buttons' 'Proceed' and 'Cancel'."""
    import re

    from app.services.applications import status_label

    client, _ = staff_client(app, "Pimpinan")

    def headers(html: str) -> list[str]:
        table = re.search(r'id="table-permits">\s*<thead[^>]*>(.*?)</thead>', html, re.S)
        return [re.sub(r"<[^>]+>", "", h).strip()
                for h in re.findall(r"<th[^>]*>(.*?)</th>", table.group(1), re.S)]

    indonesian = headers(client.get("/admin/laporan/").get_data(as_text=True))
    assert indonesian[2:7] == [status_label(s) for s in (
        "in_process", "issued", "rejected", "cancelled", "expired")]
    assert indonesian[2:7] == ["Dalam Proses", "Selesai", "Ditolak", "Dibatalkan",
                               "Kedaluwarsa"]
    english = headers(client.get("/admin/laporan/?_l_=en").get_data(as_text=True))
    assert english[1:7] == ["Received", "In Process", "Completed", "Rejected", "Cancelled",
                            "Expired"]
