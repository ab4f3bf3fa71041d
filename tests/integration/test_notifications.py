"""Notifications at every transition: one Inbox message and one email (to a real SMTP server)
each, WhatsApp through a fake HTTP gateway on loopback with retries and backoff, and no
duplicate when a worker dies mid-send or a gateway hangs."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app import casework
from app.extensions import db
from app.models import ApplicationEvent, InboxMessage, OutboxMessage, utcnow
from app.notify import whatsapp
from app.notify.worker import _claim, _deliver, message_id, process_due
from app.services import resi as resi_codes
from app.services import review, workflow
from tests.fake_whatsapp import FakeWhatsApp
from tests.helpers import (
    all_documents_valid,
    make_applicant,
    make_staff,
    make_submitted,
)

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def gateway(app):
    fake = FakeWhatsApp().start()
    app.config.update(WHATSAPP_GATEWAY_URL=fake.url, WHATSAPP_TOKEN=fake.token,
                      WHATSAPP_TIMEOUT=0.5)
    yield fake
    fake.stop()


@pytest.fixture
def person(app, mailbox):
    user, _ = make_applicant(app, email="siti@contoh.id", phone="0812-3456-7890")
    process_due()  # the welcome mail of the registration
    mailbox.clear()
    return user


def actor(app, role: str, agency: str, name: str):
    user = make_staff(app, role, agency)
    user.first_name, user.last_name = name, ""
    db.session.commit()
    return casework.actor_for(user)


class Watch:
    """What the applicant has received since the last look: Inbox rows and delivered mail."""

    def __init__(self, user, mailbox):
        self.user, self.mailbox = user, mailbox
        self.inbox_seen = 0
        self.mail_seen = 0

    def new(self) -> tuple[list[str], list]:
        process_due()
        assert process_due() == 0  # a second worker pass sends nothing again
        inbox = db.session.scalars(select(InboxMessage).where(
            InboxMessage.user_id == self.user.id).order_by(InboxMessage.id)).all()
        mails = self.mailbox.to(self.user.email)
        new_inbox, new_mails = inbox[self.inbox_seen:], mails[self.mail_seen:]
        self.inbox_seen, self.mail_seen = len(inbox), len(mails)
        assert [m.subject for m in new_inbox] == [m["Subject"] for m in new_mails]
        return [m.subject for m in new_inbox], new_mails


def test_every_transition_sends_one_inbox_message_and_one_email(app, mailbox, person):
    verifikator = actor(app, "Verifikator", "DPMPTSP", "Vera")
    dinkes = actor(app, "Tim Teknis", "DINKES", "Teguh")
    signer = actor(app, "Penandatangan", "DPMPTSP", "Kepala")
    watch = Watch(person, mailbox)

    application = make_submitted(app, person, "SIP-DOKTER")
    subjects, mails = watch.new()
    assert subjects == ["Permohonan diterima"]
    body = mails[0].get_payload(decode=True).decode()
    assert resi_codes.display(application.resi) in body
    assert application.registration_number in body and "Yth. Siti Aminah" in body

    review.act(application, verifikator, "revisi", note="Lengkapi KTP yang terbaca")
    subjects, mails = watch.new()
    assert subjects == ["Permohonan perlu revisi"]
    assert "Lengkapi KTP yang terbaca" in mails[0].get_payload(decode=True).decode()

    workflow.resubmit(application, person)
    assert watch.new()[0] == ["Revisi diterima"]
    review.act(application, verifikator, "lanjut", verdicts=all_documents_valid(application))
    assert watch.new()[0] == ["Permohonan diproses"]
    review.act(application, dinkes, "lanjut", note="Memenuhi syarat")
    assert watch.new()[0] == ["Permohonan diproses"]
    review.act(application, signer, "terbitkan")
    subjects, mails = watch.new()
    assert subjects == ["Izin telah terbit"]
    assert application.permit.number in mails[0].get_payload(decode=True).decode()

    rejected = make_submitted(app, person, "IZIN-PENELITIAN")
    assert watch.new()[0] == ["Permohonan diterima"]
    review.act(rejected, verifikator, "tolak", note="Proposal tidak sesuai")
    subjects, mails = watch.new()
    assert subjects == ["Permohonan ditolak"]
    assert "Proposal tidak sesuai" in mails[0].get_payload(decode=True).decode()

    cancelled = make_submitted(app, person, "IZIN-PENELITIAN")
    assert watch.new()[0] == ["Permohonan diterima"]
    workflow.cancel(cancelled, person)
    assert watch.new()[0] == ["Permohonan dibatalkan"]

    # every email has its own, well-formed Message-ID, made from its event
    ids = [m["Message-ID"] for m in mailbox.to(person.email)]
    assert len(ids) == len(set(ids)) == 10
    event = db.session.scalar(select(ApplicationEvent).where(
        ApplicationEvent.application_id == cancelled.id).order_by(ApplicationEvent.id.desc()))
    assert ids[-1] == f"<app{cancelled.id}.event{event.id}.email@eptsp>"
    assert all(re.fullmatch(r"<[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*@eptsp>", i) for i in ids)


def test_a_refused_action_tells_nobody(app, mailbox, person):
    verifikator = actor(app, "Verifikator", "DPMPTSP", "Vera")
    watch = Watch(person, mailbox)
    application = make_submitted(app, person, "SIP-DOKTER")
    watch.new()
    with pytest.raises(review.DomainError):
        review.act(application, verifikator, "tolak", note="")
    assert watch.new() == ([], [])
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.status != "sent")) \
        is None


def test_each_notice_also_reaches_the_whatsapp_gateway(app, mailbox, person, gateway):
    verifikator = actor(app, "Verifikator", "DPMPTSP", "Vera")
    application = make_submitted(app, person, "SIP-DOKTER")
    assert process_due() == 2  # email and WhatsApp
    review.act(application, verifikator, "lanjut", verdicts=all_documents_valid(application))
    assert process_due() == 2

    events = db.session.scalars(select(ApplicationEvent.id).where(
        ApplicationEvent.application_id == application.id).order_by(ApplicationEvent.id)).all()
    assert [r.headers["Idempotency-Key"] for r in gateway.requests] == [
        f"app{application.id}:event{e}:wa" for e in events]
    first = gateway.requests[0]
    assert first.path == "/send"
    assert first.headers["Authorization"] == f"Bearer {gateway.token}"
    assert first.headers["Content-Type"] == "application/json"
    assert first.body["to"] == "6281234567890"
    assert first.body["message"].startswith("Permohonan diterima\n\nPermohonan ")
    assert application.registration_number in first.body["message"]
    assert gateway.requests[1].body["message"].startswith("Permohonan diproses")
    assert len(gateway.delivered) == 2 and len(mailbox.to(person.email)) == 2


def test_without_a_gateway_no_whatsapp_is_queued(app, mailbox, person):
    app.config["WHATSAPP_GATEWAY_URL"] = None
    make_submitted(app, person, "SIP-DOKTER")
    assert db.session.scalars(select(OutboxMessage.channel).where(
        OutboxMessage.status == "pending")).all() == ["email"]


@pytest.mark.parametrize(("phone", "expected"), [
    ("081234567890", "6281234567890"), ("0812-3456-7890", "6281234567890"),
    ("+62 812 3456 7890", "6281234567890"), ("6281234567890", "6281234567890"),
    ("81234567890", "6281234567890"), ("0062 812 3456 7890", "6281234567890"),
])
def test_phone_numbers_go_to_the_gateway_in_international_form(phone, expected):
    assert whatsapp.to_international(phone) == expected


def whatsapp_message() -> OutboxMessage:
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.channel == "whatsapp"))


def make_due(message: OutboxMessage) -> None:
    """Time passes: the backoff is over (instead of sleeping)."""
    message.next_attempt_at = utcnow()
    db.session.commit()


def test_gateway_errors_are_retried_with_growing_backoff_then_sent_once(app, person, gateway):
    gateway.fail_next = 2
    make_submitted(app, person, "SIP-DOKTER")
    delays = []
    for attempt in (1, 2):
        started = utcnow()
        process_due()
        message = whatsapp_message()
        db.session.refresh(message)
        assert (message.status, message.attempts) == ("pending", attempt)
        assert "HTTP 500" in message.last_error
        delays.append(message.next_attempt_at - started)
        assert process_due() == 0  # not due yet: the gateway hears nothing new
        assert len(gateway.requests) == attempt
        make_due(message)
    assert timedelta(seconds=25) < delays[0] <= timedelta(seconds=31)
    assert delays[1] > delays[0] + timedelta(seconds=25)  # 30 s, then 60 s

    assert process_due() == 1
    db.session.refresh(message)
    assert (message.status, message.attempts) == ("sent", 3) and message.sent_at is not None
    keys = {r.headers["Idempotency-Key"] for r in gateway.requests}
    assert len(gateway.requests) == 3 and len(keys) == 1
    assert [r.answered for r in gateway.requests] == [500, 500, 200]
    assert len(gateway.delivered) == 1
    make_due(message)
    assert process_due() == 0 and len(gateway.requests) == 3


def test_a_hanging_gateway_times_out_and_the_retry_is_no_duplicate(app, person, gateway):
    gateway.hang_next, gateway.hang_seconds = 1, 1.5
    make_submitted(app, person, "SIP-DOKTER")
    process_due()
    message = whatsapp_message()
    db.session.refresh(message)
    assert (message.status, message.attempts) == ("pending", 1)
    assert "timed out" in message.last_error
    gateway.wait_idle()  # the slow gateway delivered it after all, late
    assert len(gateway.delivered) == 1

    make_due(message)
    assert process_due() == 1
    db.session.refresh(message)
    assert message.status == "sent"
    assert len(gateway.requests) == 2
    assert {r.headers["Idempotency-Key"] for r in gateway.requests} == {message.idempotency_key}
    assert len(gateway.delivered) == 1  # the key made the retry harmless


def die_while_sending(message_ids, *, sent_first: bool) -> None:
    """A worker claims the messages (maybe sends them), then dies before marking them sent;
    later its lease runs out."""
    from flask import current_app

    for claimed in message_ids:
        assert _claim(claimed)
        if sent_first:
            _deliver(db.session.get(OutboxMessage, claimed), current_app.config)
    db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(message_ids))
                       .values(claimed_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()


@pytest.mark.parametrize("sent_first", [False, True], ids=["died-before-send",
                                                          "died-after-send"])
def test_a_worker_that_died_mid_send_is_replaced_without_a_duplicate(
        app, mailbox, person, gateway, sent_first):
    application = make_submitted(app, person, "SIP-DOKTER")
    messages = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.status == "pending").order_by(OutboxMessage.id)).all()
    by_channel = {m.channel: m for m in messages}
    expected_key = by_channel["whatsapp"].idempotency_key
    expected_id = message_id(by_channel["email"].idempotency_key)
    assert expected_key.startswith(f"app{application.id}:event")
    die_while_sending([m.id for m in messages], sent_first=sent_first)

    assert process_due() == 2  # taken over
    for message in messages:
        db.session.refresh(message)
        assert message.status == "sent" and message.attempts == 1
    assert process_due() == 0
    # WhatsApp: the gateway delivered it once, whatever the dead worker had done
    assert len(gateway.delivered) == 1
    assert {r.headers["Idempotency-Key"] for r in gateway.requests} == {expected_key}
    assert len(gateway.requests) == (2 if sent_first else 1)
    # email: SMTP cannot take a mail back, but every copy is the same message to a reader
    mails = mailbox.to(person.email)
    assert len(mails) == (2 if sent_first else 1)
    assert {m["Message-ID"] for m in mails} == {expected_id}


def test_a_live_lease_is_not_stolen(app, mailbox, person, gateway):
    make_submitted(app, person, "SIP-DOKTER")
    ids = db.session.scalars(select(OutboxMessage.id).where(
        OutboxMessage.status == "pending")).all()
    assert len(ids) == 2
    for claimed in ids:
        assert _claim(claimed)  # a live worker holds them (lease not over)
    assert process_due() == 0
    assert not any(_claim(m) for m in ids)
    assert gateway.requests == [] and mailbox.to(person.email) == []
    assert set(db.session.scalars(select(OutboxMessage.status).where(
        OutboxMessage.id.in_(ids)))) == {"sending"}


def test_a_message_in_backoff_cannot_be_claimed_early(app, person, gateway):
    """A worker that listed a message before another worker failed it must not send it
    again before its backoff is over."""
    gateway.fail_next = 1
    make_submitted(app, person, "SIP-DOKTER")
    listed = whatsapp_message().id  # worker A lists it as due ...
    process_due()  # ... worker B tries, the gateway fails, a backoff is set
    message = whatsapp_message()
    db.session.refresh(message)
    assert message.status == "pending" and message.next_attempt_at > utcnow()
    assert not _claim(listed)  # worker A's claim now finds it not due
    assert len(gateway.requests) == 1


def test_concurrent_workers_send_each_message_exactly_once(app, gateway):
    """Two worker threads on one backlog: claims are conditional UPDATEs, so no message is
    sent twice and none is left behind."""
    people = [make_applicant(app, email=f"p{n}@contoh.id")[0] for n in range(3)]
    db.session.execute(update(OutboxMessage).values(status="sent"))  # welcome mails
    db.session.commit()
    for user in people:
        make_submitted(app, user, "IZIN-PENELITIAN")
    backlog = db.session.scalars(select(OutboxMessage.id).where(
        OutboxMessage.status == "pending")).all()
    assert len(backlog) == 6
    start = threading.Barrier(2)
    sent, errors = [], []

    def worker():
        try:
            with app.app_context():
                start.wait()
                sent.append(process_due())
                db.session.remove()
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == [] and sum(sent) == 6
    db.session.expire_all()
    assert set(db.session.scalars(select(OutboxMessage.status))) == {"sent"}
    assert len(gateway.requests) == len(gateway.delivered) == 3
