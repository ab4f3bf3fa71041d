"""A permit document whose certificate template is always too heavy for the limits: it is
tried again less and less often, not on every worker pass and every click; after
DOCUMENT_FAILURES_BEFORE_NOTICE failures the catalogue admins are told once (audit log and
e-mail, the reason in their language, no personal data); the applicant keeps reading that
the document is being prepared; once the limits allow it, the next due try produces it."""

from __future__ import annotations

import logging

from sqlalchemy import select

from app import storage
from app.extensions import db
from app.models import AuditEntry, OutboxMessage
from app.services import issuance
from tests.helpers import (
    document_retries_wait_over,
    login,
    make_applicant,
    make_finished,
    make_staff,
)
from tests.integration.test_certificate_bounds import (
    HEAVY_LAYOUT,
    LOW_SECONDS,
    RAISED_SECONDS,
    publish_research_permit_printing,
)

PREPARING = "Dokumen izin sedang disiapkan. Coba lagi beberapa saat lagi."


def tries(caplog) -> int:
    """Renders that failed: each one logs an error (with the reason, never the holder)."""
    return sum(1 for record in caplog.records if record.levelno >= logging.ERROR)


def notices() -> tuple[list[AuditEntry], list[OutboxMessage]]:
    db.session.expire_all()
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.kind == "application.document_failed")).all()
    mails = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.subject == "Dokumen izin tidak dapat dibuat")).all()
    return list(entries), list(mails)


def download(client, application):
    return client.get(f"/permohonan/{application.uid}/izin.pdf")


def test_a_template_too_heavy_is_retried_with_backoff_told_once_and_printed_when_fixed(
        app, client, monkeypatch, caplog):
    publish_research_permit_printing(HEAVY_LAYOUT)
    admin = make_staff(app, "Admin Katalog")
    make_staff(app, "Verifikator")  # cannot fix a template: not told
    user, data = make_applicant(app)
    monkeypatch.setitem(app.config, "TEMPLATE_MAX_SECONDS", LOW_SECONDS)
    monkeypatch.setitem(app.config, "DOCUMENT_FAILURES_BEFORE_NOTICE", 3)
    with caplog.at_level(logging.ERROR):
        application = make_finished(app, user)  # the try right after issuing: failure 1
        issued = application.permit
        assert tries(caplog) == 1

        # the worker's passes and the applicant's clicks while the wait runs: no render
        login(client, data["nik"])
        for _ in range(3):
            assert issuance.produce_pending() == 0
            answer = download(client, application)
            assert answer.status_code == 302
            assert PREPARING in client.get(answer.location).get_data(as_text=True)
        assert tries(caplog) == 1
        # whoever scans its QR code meanwhile reads the same, not that a file was lost
        said = client.get(f"/verifikasi/{issued.token}").get_data(as_text=True)
        assert PREPARING in said and "tidak ditemukan" not in said and tries(caplog) == 1

        document_retries_wait_over(app.config["DOCUMENT_RETRY_SECONDS"] + 1)
        assert issuance.produce_pending() == 0 and tries(caplog) == 2  # due, failed again
        document_retries_wait_over(app.config["DOCUMENT_RETRY_SECONDS"] + 1)
        assert issuance.produce_pending() == 0 and tries(caplog) == 2  # now waits twice as long
        assert notices() == ([], [])

        document_retries_wait_over()
        issuance.produce_pending()  # failure 3: the office is told
        document_retries_wait_over()
        issuance.produce_pending()  # failure 4: not told again
        assert tries(caplog) == 4

    entries, mails = notices()
    assert len(entries) == 1 and [m.recipient for m in mails] == [admin.email]
    said = entries[0].summary + mails[0].body
    assert issued.number in entries[0].summary and issued.number in mails[0].body
    assert "Templat terlalu berat diproses" in entries[0].summary
    assert "Sebab: Templat terlalu berat diproses" in mails[0].body
    for personal in (issued.holder_name, issued.holder_identity, data["nik"]):
        assert personal not in said
    db.session.expire_all()
    assert application.status == "issued" and application.permit.storage_key is None

    monkeypatch.setitem(app.config, "TEMPLATE_MAX_SECONDS", RAISED_SECONDS)
    assert issuance.produce_pending() == 0  # still waiting out the last failure
    document_retries_wait_over()
    assert issuance.produce_pending() == 1
    answer = download(client, application)
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    db.session.expire_all()
    assert storage.current().read_bytes(application.permit.storage_key) == answer.data
    assert len(notices()[0]) == 1
