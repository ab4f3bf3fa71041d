"""PostgreSQL plans a hot query once per connection, not once per request (app/database.py):
a transaction that only read ends with COMMIT, so psycopg keeps its prepared statements; one
that wrote, or failed, is still rolled back and keeps nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.helpers import make_applicant, make_submitted


@pytest.fixture(autouse=True)
def _postgres_only(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL=postgresql+psycopg://...): prepared "
                    "statements are psycopg's; SQLite keeps its own statement cache")


def _prepared(db, fragment: str) -> list[str]:
    """The statements this session's connection has prepared on the server that contain
    `fragment`."""
    rows = db.session.execute(text("SELECT statement FROM pg_prepared_statements"))
    return [r.statement for r in rows if fragment in r.statement]


def _backend(db) -> int:
    return db.session.execute(text("SELECT pg_backend_pid()")).scalar()


@pytest.mark.usefixtures("catalogue")
def test_tracking_page_is_planned_once_per_connection(app):
    from app.extensions import db

    person, _ = make_applicant(app)
    resi = make_submitted(app, person, "SIP-DOKTER").resi
    db.session.remove()
    client = app.test_client()
    pids = set()
    for _ in range(7):  # psycopg prepares a statement on its fifth run in a connection
        page = client.get(f"/lacak?resi={resi}")
        assert page.status_code == 200 and resi[:4] in page.get_data(as_text=True)
        pids.add(_backend(db))
        db.session.remove()
    assert len(pids) == 1, "the requests did not share one pooled connection"
    assert _prepared(db, "application.resi ="), \
        "the tracking query was planned anew on every request"


def test_a_rolled_back_write_leaves_nothing(app):
    from app.extensions import db
    from app.models import PortalSetting

    for _ in range(6):  # the same read, to be prepared
        db.session.scalar(select(PortalSetting.value).where(PortalSetting.key == "x"))
        db.session.remove()
    db.session.add(PortalSetting(key="written-then-undone", value={"a": 1}))
    db.session.flush()
    db.session.execute(text("UPDATE portal_setting SET value = '{}' WHERE key = 'nothing'"))
    db.session.rollback()
    assert db.session.get(PortalSetting, "written-then-undone") is None
    db.session.remove()

    db.session.execute(text(
        "INSERT INTO portal_setting (key, value, updated_at) VALUES ('core-write', '{}', now())"))
    db.session.remove()  # the end of a request that wrote without committing
    assert db.session.get(PortalSetting, "core-write") is None


def test_a_failed_read_is_rolled_back_and_the_connection_goes_on(app):
    from sqlalchemy.exc import DataError

    from app.extensions import db

    with pytest.raises(DataError):
        db.session.execute(text("SELECT 1 / 0"))
    db.session.rollback()
    assert db.session.execute(text("SELECT 41 + 1")).scalar() == 42
    db.session.remove()
    assert db.session.execute(text("SELECT 2")).scalar() == 2
