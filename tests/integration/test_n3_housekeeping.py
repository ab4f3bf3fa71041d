"""The outbox worker's daily housekeeping (app/security/housekeeping.py) deletes the rows of
the security tables nobody needs any more, and nothing still in force: login delays past
their wait and counting window (a delay still running keeps its row and its wait), permit
document retry counts of permits that have their document (a permit still failing keeps its
row, and the office is still told once), e-mailed codes and reset PINs expired longer than
RETENTION_CODE_DAYS ago, login sessions and API tokens ended longer than
RETENTION_SESSION_DAYS ago."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import ApiToken, AuthThrottle, EmailCode, PasswordReset, UserSession
from app.notify import worker
from app.security import throttle
from app.services import api_tokens, codes, document_retries, issuance, password_reset
from tests.helpers import (
    PASSWORD,
    document_retries_wait_over,
    get_form,
    login,
    make_applicant,
    make_finished,
    make_staff,
)
from tests.integration.test_certificate_bounds import (
    HEAVY_LAYOUT,
    LOW_SECONDS,
    publish_research_permit_printing,
)
from tests.integration.test_document_retries import notices

DELAYED = "Terlalu banyak percobaan login yang gagal"


def housekeeping(*, just_ran: tuple[str, ...] = ()) -> None:
    """One pass of the worker's periodic jobs, as a fresh worker runs them, but for those
    `just_ran` (their period not over yet)."""
    worker._housekeeping(dict.fromkeys(just_ran, time.monotonic()))
    db.session.expire_all()


def throttle_keys() -> set[str]:
    db.session.expire_all()
    return set(db.session.scalars(select(AuthThrottle.key)))


def age_throttle(keys: set[str], by: timedelta) -> None:
    for row in db.session.scalars(select(AuthThrottle).where(AuthThrottle.key.in_(keys))):
        row.last_failure_at -= by
    db.session.commit()


def test_login_delays_are_forgotten_after_their_window_and_kept_while_in_force(
        app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_DELAY_SECONDS", 60)  # outlasts a slow pass
    _user, data = make_applicant(app)
    failed = {"login": throttle.login_policy(), "account": throttle.account_policy(),
              "totp": throttle.totp_policy()}
    for name, policy in failed.items():
        throttle.failed(policy, f"old-{name}")
    db.session.commit()
    old = throttle_keys()
    age_throttle(old, timedelta(days=1, minutes=1))
    throttle.failed(throttle.login_policy(), "counting")  # 23 hours ago: still counts
    db.session.commit()
    counting = throttle_keys() - old
    age_throttle(counting, timedelta(hours=23))
    for _ in range(6):  # LOGIN_FREE_FAILURES + 1: this client's next try waits
        login(client, data["nik"], "Salah-Sekali-1")
    in_force = throttle_keys() - old - counting
    assert len(old) == 3 and len(in_force) == 2

    housekeeping()

    assert throttle_keys() == counting | in_force
    assert DELAYED in login(client, data["nik"], PASSWORD).get_data(as_text=True)
    assert throttle.failed(throttle.login_policy(), "counting") == 2


def test_an_account_wide_delay_goes_after_its_hour(app):
    throttle.failed(throttle.account_policy(), "old")
    db.session.commit()
    old = throttle_keys()
    age_throttle(old, timedelta(minutes=61))
    throttle.failed(throttle.account_policy(), "recent")
    db.session.commit()
    recent = throttle_keys() - old
    age_throttle(recent, timedelta(minutes=59))
    housekeeping()
    assert throttle_keys() == recent


def test_a_permit_still_failing_keeps_its_retry_row_and_the_office_is_told_once(
        app, monkeypatch, caplog):
    publish_research_permit_printing(HEAVY_LAYOUT)
    admin = make_staff(app, "Admin Katalog")
    user, _data = make_applicant(app)
    monkeypatch.setitem(app.config, "TEMPLATE_MAX_SECONDS", LOW_SECONDS)
    monkeypatch.setitem(app.config, "DOCUMENT_FAILURES_BEFORE_NOTICE", 2)
    with caplog.at_level(logging.ERROR):
        make_finished(app, user)  # failure 1
        document_retries_wait_over()
        issuance.produce_pending()  # failure 2: the office is told
        assert len(notices()[0]) == 1
        failing = throttle_keys()
        # a permit that has its document (the row of a success is deleted at once; this
        # one was left by a permit printed some other way)
        throttle.failed(document_retries.policy(), "permit:987654")
        db.session.commit()
        settled = throttle_keys() - failing
        document_retries_wait_over(timedelta(days=40).total_seconds())

        # the hourly retry of missing documents is not due on this pass (it ran a little
        # while ago), or its turn did not come (a batch of 20): the daily purge must still
        # not take the failing permit's row
        housekeeping(just_ran=("expire-revisions",))

        assert throttle_keys() == failing  # the settled one gone, the failing one kept
        for _ in range(2):  # failing on after the purge: counts 3 and 4 (a purged row
            # would count 1 and 2 again and meet the notice count a second time)
            document_retries_wait_over()
            assert issuance.produce_pending() == 0
    assert settled
    entries, mails = notices()
    assert len(entries) == 1 and [m.recipient for m in mails] == [admin.email]


def add_code(email: str, expired_for: timedelta | None) -> str:
    code = codes.add_email_code(email, "register")
    db.session.commit()
    if expired_for is not None:
        row = db.session.scalar(select(EmailCode).where(EmailCode.email == email))
        row.created_at -= expired_for + timedelta(minutes=codes.email_code_minutes())
        row.expires_at -= expired_for + timedelta(minutes=codes.email_code_minutes())
        db.session.commit()
    return code


def test_codes_and_reset_pins_go_a_week_after_they_expired(app):
    add_code("lama@contoh.id", timedelta(days=8))
    add_code("kemarin@contoh.id", timedelta(days=1))
    code = add_code("baru@contoh.id", None)
    user, data = make_applicant(app)  # its registration code was used just now
    old_reset = password_reset.request_reset(data["nik"], data["phone"], data["email"])
    row = db.session.scalar(select(PasswordReset).where(PasswordReset.token == old_reset))
    row.expires_at -= timedelta(days=8)
    db.session.commit()
    live_reset = password_reset.request_reset(data["nik"], data["phone"], data["email"])

    housekeeping()

    assert set(db.session.scalars(select(EmailCode.email))) == {
        "kemarin@contoh.id", "baru@contoh.id", data["email"]}
    assert list(db.session.scalars(select(PasswordReset.token))) == [live_reset]
    assert password_reset.live_reset(live_reset) is not None
    assert codes.consume_email_code("baru@contoh.id", code, "register")


def logged_in(app, data):
    other = app.test_client()
    assert login(other, data["nik"]).status_code == 302
    return other, db.session.scalar(select(UserSession.id).order_by(UserSession.id.desc()))


def log_out(other) -> None:
    other.post("/keluar", data={"csrf_token": get_form(other, "/dashboard")})


def age_session(session_id: int, by: timedelta) -> None:
    row = db.session.get(UserSession, session_id)
    for column in ("created_at", "last_seen_at", "revoked_at"):
        if getattr(row, column) is not None:
            setattr(row, column, getattr(row, column) - by)
    db.session.commit()


def test_login_sessions_go_a_month_after_they_ended(app, client):
    _user, data = make_applicant(app)
    logged_out, logged_out_id = logged_in(app, data)
    log_out(logged_out)
    _idle, idle_id = logged_in(app, data)
    recent, recent_id = logged_in(app, data)
    log_out(recent)
    assert db.session.get(UserSession, logged_out_id).revoked_at is not None
    age_session(logged_out_id, timedelta(days=31))
    age_session(idle_id, timedelta(days=31))  # never logged out: ended by idle expiry
    age_session(recent_id, timedelta(days=29))
    assert login(client, data["nik"]).status_code == 302
    live_id = db.session.scalar(select(UserSession.id).order_by(UserSession.id.desc()))

    housekeeping()

    assert set(db.session.scalars(select(UserSession.id))) == {recent_id, live_id}
    assert client.get("/dashboard").status_code == 200


def test_api_tokens_go_a_month_after_they_were_revoked_or_expired(app):
    user, _data = make_applicant(app)
    made = {name: api_tokens.create(user, name, days) for name, days in (
        ("dicabut-lama", None), ("kedaluwarsa-lama", 30), ("dicabut-baru", None),
        ("kedaluwarsa-baru", 30), ("hidup", None))}
    for name in ("dicabut-lama", "dicabut-baru"):
        api_tokens.revoke(user.id, made[name].token.id)
    shifts = {"dicabut-lama": timedelta(days=31), "kedaluwarsa-lama": timedelta(days=61),
              "dicabut-baru": timedelta(days=29), "kedaluwarsa-baru": timedelta(days=59)}
    for name, by in shifts.items():  # revoked or expired 31 days ago; 29 days ago
        row = db.session.get(ApiToken, made[name].token.id)
        row.created_at -= by
        row.revoked_at = row.revoked_at and row.revoked_at - by
        row.expires_at = row.expires_at and row.expires_at - by
    db.session.commit()

    housekeeping()

    kept = {token.name for token in api_tokens.list_for(user.id)}
    assert kept == {"dicabut-baru", "kedaluwarsa-baru", "hidup"}
    assert api_tokens.authenticate(made["hidup"].secret).id == user.id


def test_zero_keeps_codes_and_sessions_not_login_delays(app, monkeypatch):
    monkeypatch.setitem(app.config, "RETENTION_CODE_DAYS", 0)
    monkeypatch.setitem(app.config, "RETENTION_SESSION_DAYS", 0)
    add_code("lama@contoh.id", timedelta(days=400))
    _user, data = make_applicant(app)
    _other, session_id = logged_in(app, data)
    age_session(session_id, timedelta(days=400))
    throttle.failed(throttle.login_policy(), "old")  # not a setting's: its policy's window
    db.session.commit()
    age_throttle(throttle_keys(), timedelta(days=2))
    housekeeping()
    assert throttle_keys() == set()
    assert db.session.scalar(select(EmailCode.id).where(EmailCode.email == "lama@contoh.id"))
    assert db.session.get(UserSession, session_id) is not None


def test_flask_privacy_purge_also_deletes_the_spent_security_rows(app):
    """An office that runs retention from cron instead of the worker's daily pass gets the
    same purge from the one command; a dry run counts them and deletes nothing."""
    _user, data = make_applicant(app)
    _other, ended_id = logged_in(app, data)
    age_session(ended_id, timedelta(days=31))
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["privacy", "purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Data keamanan usang akan dihapus: " in dry.output and "1 sesi login" in dry.output
    db.session.expire_all()
    assert db.session.get(UserSession, ended_id) is not None

    done = runner.invoke(args=["privacy", "purge"])
    assert done.exit_code == 0, done.output
    assert "Data keamanan usang dihapus: " in done.output and "1 sesi login" in done.output
    db.session.expire_all()
    assert db.session.get(UserSession, ended_id) is None
