"""Mail goes through the transactional outbox and a worker, to a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import OutboxMessage, utcnow
from app.notify import enqueue_email
from app.notify.worker import process_due
from tests.conftest import free_port


def test_message_exists_only_if_its_transaction_commits(app, mailbox):
    enqueue_email("a@contoh.id", "Batal", "mail/welcome.txt", name="A", login_id="1")
    db.session.rollback()
    enqueue_email("b@contoh.id", "Jadi", "mail/welcome.txt", name="B", login_id="2")
    db.session.commit()
    assert process_due() == 1
    assert [m["Subject"] for m in mailbox.messages] == ["Jadi"]


def test_failed_delivery_is_retried_with_backoff_then_sent(app, mailbox):
    good_url = app.config["SMTP_URL"]
    enqueue_email("c@contoh.id", "Coba lagi", "mail/welcome.txt", name="C", login_id="3")
    db.session.commit()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"  # nobody listens there
    assert process_due() == 0
    message = db.session.scalar(select(OutboxMessage))
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.next_attempt_at > utcnow() + timedelta(seconds=20)
    assert "ConnectionRefused" in message.last_error
    app.config["SMTP_URL"] = good_url
    assert process_due() == 0  # not due yet
    message.next_attempt_at = utcnow()
    db.session.commit()
    assert process_due() == 1
    assert mailbox.to("c@contoh.id")[0]["Subject"] == "Coba lagi"


def test_gives_up_after_max_attempts(app):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"
    enqueue_email("d@contoh.id", "Gagal", "mail/welcome.txt", name="D", login_id="4")
    db.session.commit()
    for _ in range(2):
        process_due()
        db.session.execute(OutboxMessage.__table__.update().values(next_attempt_at=utcnow()))
        db.session.commit()
    assert db.session.scalar(select(OutboxMessage.status)) == "failed"


def test_a_claim_left_by_a_dead_worker_is_taken_over_with_the_same_message_id(app, mailbox):
    message = enqueue_email("e@contoh.id", "Sekali", "mail/welcome.txt", name="E", login_id="5",
                            key="welcome-user-5")
    db.session.commit()
    # a worker claimed it and died before marking it sent
    message.status = "sending"
    message.claimed_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert process_due() == 1
    assert mailbox.to("e@contoh.id")[0]["Message-ID"] == "<welcome-user-5@eptsp>"
    assert process_due() == 0  # and never again


def test_live_claim_is_not_sent_twice(app, mailbox):
    message = enqueue_email("f@contoh.id", "Dipegang", "mail/welcome.txt", name="F", login_id="6")
    db.session.commit()
    message.status = "sending"
    message.claimed_until = utcnow() + timedelta(minutes=1)
    db.session.commit()
    assert process_due() == 0
    assert mailbox.to("f@contoh.id") == []


def test_worker_command_sends_once(app, runner, mailbox):
    enqueue_email("g@contoh.id", "CLI", "mail/welcome.txt", name="G", login_id="7")
    db.session.commit()
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0 and "Terkirim: 1" in result.output
    assert mailbox.to("g@contoh.id")


@pytest.mark.parametrize("smtp_url", [None])
def test_without_smtp_mail_is_logged(app, caplog, smtp_url):
    app.config["SMTP_URL"] = smtp_url
    enqueue_email("h@contoh.id", "Log", "mail/register_code.txt", code="123456", minutes=15)
    db.session.commit()
    with caplog.at_level("INFO", logger="eptsp.mail"):
        assert process_due() == 1
    assert "123456" in caplog.text and "h@contoh.id" in caplog.text
