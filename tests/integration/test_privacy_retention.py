"""Retention: `flask privacy purge` (and the outbox worker's housekeeping) deletes drafts
untouched for RETENTION_DRAFT_DAYS with the files only they used, erases applicant accounts
that never submitted anything and were not used for RETENTION_ABANDONED_ACCOUNT_DAYS, and
removes old sent outbox messages; everything else stays. Real SQLite rows, real files."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app import storage
from app.extensions import db
from app.models import (
    Application,
    AuditEntry,
    OutboxMessage,
    PrivacyRequest,
    StoredFile,
    User,
    utcnow,
)
from tests.helpers import deliver, fill_draft, make_applicant, make_staff, make_submitted
from tests.helpers import publish_catalogue as publish

LONG_AGO = timedelta(days=800)


@pytest.fixture
def app_overrides():
    return {"RETENTION_DRAFT_DAYS": 180, "RETENTION_ABANDONED_ACCOUNT_DAYS": 365,
            "RETENTION_OUTBOX_DAYS": 30}


def _age(model, ids, column: str, by: timedelta) -> None:
    db.session.execute(update(model).where(model.id.in_(list(ids)))
                       .values({column: utcnow() - by}))
    db.session.commit()


def _draft_files(draft) -> list[StoredFile]:
    uids = set(draft.data["documents"].values())
    return list(db.session.scalars(select(StoredFile).where(StoredFile.uid.in_(uids))))


def test_purge_deletes_stale_drafts_and_the_files_only_they_used(app, runner):
    publish(app)
    person, _ = make_applicant(app)
    _age(User, [person.id], "last_login", timedelta(days=1))  # an active account
    stale, fresh = fill_draft(app, person, "SIP-DOKTER"), fill_draft(app, person, "SIP-DOKTER")
    submitted = make_submitted(app, person)
    stale_files, fresh_files = _draft_files(stale), _draft_files(fresh)
    used_keys = [d.file.storage_key for d in submitted.documents]
    assert used_keys
    stale_keys = [f.storage_key for f in stale_files]
    stale_id, fresh_id = stale.id, fresh.id
    _age(Application, [stale_id], "updated_at", timedelta(days=200))
    _age(StoredFile, [f.id for f in stale_files + fresh_files]
         + [d.file_id for d in submitted.documents], "created_at", timedelta(days=200))
    everything = db.session.scalar(select(StoredFile.id).order_by(StoredFile.id.desc()))

    dry = runner.invoke(args=["privacy", "purge", "--dry-run"])
    assert "1 draf" in dry.output and db.session.get(Application, stale_id) is not None

    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert f"1 draf, {len(stale_files)} berkas, 0 akun" in result.output
    db.session.expire_all()
    assert db.session.get(Application, stale_id) is None
    assert db.session.get(Application, fresh_id) is not None
    assert db.session.get(Application, submitted.id).status == "in_process"
    for key in stale_keys:
        assert not storage.current().exists(key)
        assert db.session.scalar(select(StoredFile).where(StoredFile.storage_key == key)) \
            is None
    for stored in fresh_files:  # old files the fresh draft still uses stay
        assert storage.current().exists(stored.storage_key)
    assert db.session.get(StoredFile, everything) is not None
    assert all(storage.current().exists(key) for key in used_keys)
    assert db.session.get(User, person.id).active
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.kind == "privacy.purged"))
    assert entry.details["drafts"] == 1 and entry.actor_kind == "system"
    assert entry.summary.startswith("Retensi data: Draf 1, Berkas ")


def test_purge_erases_abandoned_accounts_only(app, runner, mailbox):
    publish(app)
    abandoned, data = make_applicant(app)
    worker, _ = make_applicant(app)  # old too, but submitted an application: kept
    make_submitted(app, worker)
    recent, _ = make_applicant(app)
    staff = make_staff(app, "Verifikator")
    old = [abandoned.id, worker.id, staff.id]
    _age(User, old, "created_on", LONG_AGO)
    _age(User, old, "last_login", LONG_AGO)
    email = abandoned.email
    mailbox.clear()

    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0 and "1 akun terbengkalai" in result.output, result.output
    db.session.expire_all()
    assert not db.session.get(User, abandoned.id).active
    assert db.session.get(User, abandoned.id).email != email
    for kept in (worker, recent, staff):
        assert db.session.get(User, kept.id).active
    record = db.session.scalar(select(PrivacyRequest))
    assert record.kind == "retention" and record.status == "done"
    assert record.user_id == abandoned.id and record.summary["removed"]["account"] == 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.kind == "privacy.erased"))
    assert entry.actor_name == "Retensi data" and data["nik"] not in entry.summary
    deliver(app)
    body = mailbox.to(email)[-1].get_payload(decode=True).decode()
    assert "lebih dari 365 hari" in body and data["nik"] not in body
    # a second run finds nothing more to do
    assert "0 akun" in runner.invoke(args=["privacy", "purge"]).output


def test_purge_removes_old_sent_messages_and_keeps_waiting_ones(app, runner):
    old_sent = OutboxMessage(recipient="a@contoh.id", idempotency_key="k1", status="sent")
    old_pending = OutboxMessage(recipient="b@contoh.id", idempotency_key="k2")
    new_sent = OutboxMessage(recipient="c@contoh.id", idempotency_key="k3", status="sent")
    db.session.add_all([old_sent, old_pending, new_sent])
    db.session.commit()
    _age(OutboxMessage, [old_sent.id, old_pending.id], "created_at", timedelta(days=40))
    assert "1 pesan keluar" in runner.invoke(args=["privacy", "purge"]).output
    left = set(db.session.scalars(select(OutboxMessage.idempotency_key)))
    assert left == {"k2", "k3"}


def test_zero_switches_a_rule_off(app, runner):
    publish(app)
    person, _ = make_applicant(app)
    draft = fill_draft(app, person, "SIP-DOKTER")
    _age(Application, [draft.id], "updated_at", LONG_AGO)
    _age(User, [person.id], "created_on", LONG_AGO)
    app.config.update(RETENTION_DRAFT_DAYS=0, RETENTION_ABANDONED_ACCOUNT_DAYS=0)
    assert "0 draf" in runner.invoke(args=["privacy", "purge"]).output
    db.session.expire_all()
    assert db.session.get(Application, draft.id) is not None
    assert db.session.get(User, person.id).active


def test_the_outbox_worker_runs_the_purge(app):
    from app.notify import worker

    publish(app)
    person, _ = make_applicant(app)
    _age(User, [person.id], "last_login", timedelta(days=1))
    draft = fill_draft(app, person, "SIP-DOKTER")
    _age(Application, [draft.id], "updated_at", timedelta(days=200))
    last_run: dict[str, float] = {}
    worker._housekeeping(last_run)
    assert "retention" in last_run
    db.session.expire_all()
    assert db.session.get(Application, draft.id) is None
