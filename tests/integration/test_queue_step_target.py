"""Antrian Saya's "overdue" is the reader's own step target, the rule its rows are shown red
by: the "Lewat target tahap" count, the overdue filter and the urgency sort agree with the red
rows, whatever the permit's SLA says. Semua Permohonan keeps the permit's SLA."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.services import calendar
from tests.backoffice_helpers import page_text, staff_client
from tests.integration.test_queue import three, uids  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("catalogue")


def red(html: str) -> list[str]:
    return re.findall(r'<tr class="table-danger" data-uid="([^"]+)"', html)


def overdue_count(html: str) -> int:
    return int(re.search(r'id="summary-overdue"[^>]*>([\d.]+)<', html).group(1))


@pytest.fixture
def targets(app, three):  # noqa: F811
    """Three applications at verification: one past its step's target though well within
    the permit's SLA, one past the permit's SLA though its step target is tomorrow, one
    on time on both."""
    today = calendar.today()
    plan = {"dokter": (-2, 20), "ikan": (1, -10), "rs": (5, 15)}  # (step target, permit SLA)
    for key, (step_days, permit_days) in plan.items():
        application = three[key]
        application.estimated_completion = today + timedelta(days=permit_days)
        for task in application.open_tasks:
            task.due_date = today + timedelta(days=step_days)
    db.session.commit()
    return three["dokter"], three["ikan"], three["rs"]


def test_my_queue_counts_filters_and_sorts_by_the_step_target_it_shows_red(app, targets):
    step_late, permit_late, on_time = targets
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    response = office.get("/admin/antrian/")
    html = response.get_data(as_text=True)
    assert red(html) == [step_late.uid]  # not the one past the permit's SLA only
    assert overdue_count(html) == 1 == len(red(html))
    assert "Lewat target tahap" in page_text(response)
    verification = re.search(r'data-step-count="verifikasi">.*?</a>', html, re.S).group(0)
    assert 'title="lewat target tahap">1<' in verification
    assert uids(office.get("/admin/antrian/?terlambat=1")) == [step_late.uid]
    assert red(office.get("/admin/antrian/?terlambat=1").get_data(as_text=True)) == \
        [step_late.uid]
    assert uids(response) == [step_late.uid, permit_late.uid, on_time.uid]  # by step target
    assert uids(office.get("/admin/antrian/?urut=sla&arah=turun")) == \
        [on_time.uid, permit_late.uid, step_late.uid]
    # the same filter on one step, and the export of the filtered queue
    assert uids(office.get("/admin/antrian/?terlambat=1&step=verifikasi")) == [step_late.uid]
    sheet = load_workbook(io.BytesIO(office.get("/admin/antrian/ekspor.xlsx?terlambat=1").data))
    rows = list(sheet.active.iter_rows(values_only=True))
    header, data = rows[3], rows[4:]
    assert "Lewat target tahap: Ya" in rows[1][0]
    assert [r[1] for r in data] == [step_late.registration_number]
    assert data[0][header.index("Lewat Target Tahap")] == "Ya"
    assert data[0][header.index("Lewat SLA Izin")] == "Tidak"
    assert sheet.active.cell(row=5, column=1).fill.fgColor.rgb.endswith("F8D7DA")  # red


def test_all_applications_keep_the_permits_sla(app, targets):
    step_late, permit_late, _on_time = targets
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    html = office.get("/admin/permohonan/").get_data(as_text=True)
    assert red(html) == [permit_late.uid]
    assert uids(office.get("/admin/permohonan/?terlambat=1")) == [permit_late.uid]
    assert f'data-overdue-agency="{permit_late.agency_code}"' in html
    assert f'data-overdue-agency="{step_late.agency_code}"' not in html
    assert "Lewat SLA izin per Dinas" in page_text(office.get("/admin/antrian/"))


@pytest.mark.parametrize("args", [{}, {"terlambat": "1"},
                                  {"terlambat": "1", "step": "verifikasi"},
                                  {"terlambat": "1", "urut": "tanggal"},
                                  {"urut": "sla", "arah": "turun", "permit": "SIP-DOKTER"}])
def test_the_step_target_is_read_by_index_not_by_table_size(app, three, args):  # noqa: F811
    """Sorting and filtering by my step's target read application_task by its queue index
    and applications by key: no statement scans either table (the benchmark measures
    1,000,000 applications)."""
    from sqlalchemy import text

    from app import casework
    from app.casework import queue as queue_query
    from tests.helpers import make_staff

    if db.engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL is covered by the benchmark")
    actor = casework.actor_for(make_staff(app, "Verifikator", "DPMPTSP"))
    filters = queue_query.Filters.parse(args, queue_query.MINE)
    stmt = queue_query.statement(actor, queue_query.MINE, filters, calendar.today()).limit(25)
    compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
    plan = " ".join(str(r[-1]) for r in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "SCAN application " not in plan + " " and "SCAN application_task" not in plan, plan
    # a per-row probe finds the row's task by its application, never by walking my queue
    assert all("ix_task_queue" not in part for part in plan.split("CORRELATED")[1:]), plan
