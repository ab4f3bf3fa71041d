"""Monthly counts of closed applications (closed_count): kept by the transitions that close
an application, equal to a recount, and filled for applications closed before the table
existed (the migration)."""

from __future__ import annotations

from datetime import date, datetime

from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, select, text

from app import create_app
from app.extensions import db
from app.models import ClosedCount
from app.services import calendar, closed_counts, workflow
from config import TestConfig
from tests.conftest import ROOT
from tests.helpers import make_applicant, make_finished, make_submitted, publish_catalogue


def _counts() -> dict:
    return {(r.permit_code, r.agency_code, r.status): r.n
            for r in db.session.scalars(select(ClosedCount))}


def test_closing_transitions_count_once_and_a_recount_agrees(app):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    make_finished(app, person)
    make_finished(app, person)
    make_finished(app, person, "tolak", permit_code="SIUP-PERIKANAN")
    running = make_submitted(app, person, "IZIN-PENELITIAN")
    assert _counts() == {("IZIN-PENELITIAN", "DPMPTSP", "issued"): 2,
                         ("SIUP-PERIKANAN", "DKP", "rejected"): 1}
    workflow.cancel(running, person)
    month = closed_counts.month_of(running.closed_at)
    assert month == date(calendar.today().year, calendar.today().month, 1)
    incremental = _counts()
    assert incremental[("IZIN-PENELITIAN", "DPMPTSP", "cancelled")] == 1
    assert closed_counts.rebuild() == 4
    assert _counts() == incremental
    found = closed_counts.counts(month, date(month.year + 1, 1, 1), ("issued", "rejected"))
    assert found == {("IZIN-PENELITIAN", "DPMPTSP"): 2, ("SIUP-PERIKANAN", "DKP"): 1}


def test_the_migration_counts_applications_closed_before_it(tmp_path):
    """Closed on 31 December 2025 at 17:00 UTC is 1 January 2026 in Samarinda (UTC+8)."""
    url = f"sqlite:///{tmp_path / 'before.db'}"
    migrated = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, SECRET_KEY="x",
                          UPLOAD_DIR=str(tmp_path / "u"))
    with migrated.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="7c1d2e3f4a5b")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO ab_user (id, first_name, last_name, username, active,"
                              " email) VALUES (1, 'A', '', 'a', 1, 'a@contoh.id')"))
            conn.execute(text("INSERT INTO catalogue_version (id, number, content, digest, "
                              "source, note, changes, created_at) VALUES (1, 1, '{}', 'd', '', "
                              "'', '', '2025-01-01')"))
            for n, (status, closed) in enumerate([
                    ("issued", datetime(2025, 12, 31, 17)), ("issued", datetime(2025, 12, 31, 15)),
                    ("rejected", datetime(2025, 12, 2, 3)), ("in_process", None)], start=1):
                conn.execute(text(
                    "INSERT INTO application (id, uid, applicant_id, status, catalogue_version_id,"
                    " catalogue_version_number, permit_code, permit_name, application_type, "
                    "agency_code, wizard_step, data, applicant_identity, applicant_name, "
                    "revision_round, lock_version, created_at, updated_at, closed_at) VALUES "
                    "(:id, :uid, 1, :status, 1, 1, 'SIPA', 'SIPA', 'baru', 'DESDM', 5, '{}', '',"
                    " '', 0, 1, '2025-01-01', '2025-01-01', :closed)"),
                    {"id": n, "uid": f"u{n}", "status": status,
                     "closed": closed.strftime("%Y-%m-%d %H:%M:%S.%f") if closed else None})
        upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()
    rows = create_engine(url).connect().execute(text(
        "SELECT month, status, n FROM closed_count ORDER BY month, status")).all()
    assert [tuple(r) for r in rows] == [("2025-12-01", "issued", 1), ("2025-12-01", "rejected", 1),
                                        ("2026-01-01", "issued", 1)]
    with migrated.app_context():
        downgrade(directory=str(ROOT / "migrations"), revision="7c1d2e3f4a5b")
        db.engine.dispose()
