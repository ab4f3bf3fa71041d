"""Many applicants submitting at the same moment: every draft becomes one application with its
own receipt and the permit's registration sequence stays gap-free (`bench/submit_concurrency.py`
measures the same over HTTP with 200 applicants)."""

from __future__ import annotations

import re
import sqlite3
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import Application, NumberSequence
from app.services import workflow
from tests.helpers import fill_draft, make_applicant, publish_catalogue

SUBMITTERS = 20



def test_concurrent_submissions_of_different_drafts_get_distinct_numbers(app):
    publish_catalogue(app)
    draft_ids = []
    for _ in range(SUBMITTERS):
        user, _data = make_applicant(app)
        draft_ids.append(fill_draft(app, user, "SIP-DOKTER").id)
    db.session.remove()
    barrier = threading.Barrier(SUBMITTERS)
    outcomes: dict[int, str] = {}

    def submit(draft_id: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=60)
                # loaded after the barrier: holding a pooled connection while waiting there
                # could exhaust the pool (15 connections) before all threads arrive
                application = db.session.get(Application, draft_id)
                outcomes[draft_id] = workflow.submit(application, workflow.new_submit_key()).resi
            except Exception as exc:  # reported by the assertion below
                outcomes[draft_id] = f"error: {exc!r}"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit, args=(i,)) for i in draft_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    errors = {k: v for k, v in outcomes.items() if v.startswith("error")}
    assert not errors, errors
    rows = db.session.execute(select(Application.status, Application.resi,
                                     Application.registration_number)
                              .where(Application.id.in_(draft_ids))).all()
    assert len(rows) == SUBMITTERS
    assert {r.status for r in rows} == {"in_process"}
    assert len({r.resi for r in rows}) == SUBMITTERS
    assert {r.resi for r in rows} == set(outcomes.values())
    sequence = []
    for row in rows:
        match = re.fullmatch(r"(\d+)/SIPD-B/\d{2}/\d{4}", row.registration_number)
        assert match, row.registration_number
        sequence.append(int(match.group(1)))
    assert sorted(sequence) == list(range(1, SUBMITTERS + 1))  # no gaps, no duplicates
    assert db.session.scalar(select(func.count(Application.id))) == SUBMITTERS
    assert db.session.scalar(select(NumberSequence.last_value).where(
        NumberSequence.permit_code == "SIP-DOKTER", NumberSequence.scope == "registration")) \
        == SUBMITTERS


def _sqlite_error(message: str, code: int) -> OperationalError:
    orig = sqlite3.OperationalError(message)
    orig.sqlite_errorcode = code
    return OperationalError("INSERT INTO number_sequence ...", {}, orig)


def test_submission_retries_when_sqlite_kept_the_write_lock_too_long(app, monkeypatch):
    """Under many writers SQLite answers "database is locked" once busy_timeout runs out;
    the submission is rolled back (its number given back) and tried again."""
    from app.services import numbers

    publish_catalogue(app)
    user, _data = make_applicant(app)
    draft = fill_draft(app, user, "IZIN-PENELITIAN")
    given: list[int] = []
    real = numbers.next_value

    def busy_once(*args):
        given.append(real(*args))
        if len(given) == 1:
            raise _sqlite_error("database is locked", 5)  # SQLITE_BUSY
        return given[-1]

    monkeypatch.setattr(numbers, "next_value", busy_once)
    done = workflow.submit(draft, workflow.new_submit_key())
    assert done.status == "in_process"
    assert given == [1, 1]  # the rolled-back number was given back: no gap
    assert done.registration_number.startswith("1/SKP/")


def test_submission_does_not_retry_other_database_errors(app, monkeypatch):
    from app.services import numbers

    publish_catalogue(app)
    user, _data = make_applicant(app)
    draft = fill_draft(app, user, "IZIN-PENELITIAN")
    calls = []

    def broken(*args):
        calls.append(args)
        raise _sqlite_error("disk I/O error", 10)  # SQLITE_IOERR

    monkeypatch.setattr(numbers, "next_value", broken)
    with pytest.raises(OperationalError):
        workflow.submit(draft, workflow.new_submit_key())
    assert len(calls) == 1
    db.session.refresh(draft)
    assert draft.status == "draft"


def test_health_check_answers_after_a_database_round_trip(client):
    """The benchmark's baseline endpoint (and a load balancer's probe)."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.headers["Cache-Control"] == "no-store"
