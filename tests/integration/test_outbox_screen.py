"""Kotak Keluar in the console: Indonesian, the office's local time, message text for roles
allowed to read it (never a code or PIN), and a failed message sent again to a real SMTP
server."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, OutboxMessage
from app.notify import enqueue_email
from app.notify.worker import process_due
from app.security.roles import PERMISSION, SCREEN_CONSOLE, SCREEN_OUTBOX
from tests.backoffice_helpers import page_text, staff_client
from tests.conftest import free_port
from tests.helpers import csrf_from, make_applicant


def failed_message(app) -> OutboxMessage:
    good = app.config["SMTP_URL"]
    enqueue_email("gagal@contoh.id", "Selamat datang", "mail/welcome.txt", name="Gagal",
                  login_id="1")
    db.session.commit()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"  # nobody listens there
    app.config["OUTBOX_MAX_ATTEMPTS"] = 1
    process_due()
    app.config["SMTP_URL"] = good
    message = db.session.scalar(select(OutboxMessage))
    assert message.status == "failed"
    return message


def test_the_list_is_in_indonesian_with_local_times(app):
    message = failed_message(app)
    message.created_at = datetime(2026, 11, 23, 6, 5)  # 14.05 in Makassar (UTC+8)
    db.session.commit()
    client, _ = staff_client(app, "Super Admin")
    text = page_text(client.get("/admin/outbox/"))
    assert "Kotak Keluar" in text and "23 November 2026 14.05 WITA" in text
    assert "Gagal" in text and "Penerima" in text and "Percobaan" in text
    assert "failed" not in text and "Add Filter" not in text
    filtered = client.get("/admin/outbox/?status=sent").get_data(as_text=True)
    assert 'data-message=' not in filtered and 'id="empty-outbox"' in filtered


def test_message_text_is_shown_to_roles_allowed_to_read_it_and_codes_to_nobody(app):
    from app.services import registration

    registration.send_email_code("warga@contoh.id")  # the registration code, then welcome
    make_applicant(app, email="warga@contoh.id")
    code, welcome = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert code.confidential and not welcome.confidential
    admin, _ = staff_client(app, "Super Admin")
    html = admin.get(f"/admin/outbox/{welcome.id}").get_data(as_text=True)
    assert 'id="message-body"' in html and "warga@contoh.id" in html
    hidden = admin.get(f"/admin/outbox/{code.id}").get_data(as_text=True)
    assert 'id="message-body"' not in hidden and "kode rahasia" in hidden
    assert not re.search(r"\b\d{6}\b", page_text(admin.get(f"/admin/outbox/{code.id}")))

    sm = app.appbuilder.sm  # a role that may open the screen but not read the text
    role = sm.add_role("Pemantau Surat")
    for screen in (SCREEN_CONSOLE, SCREEN_OUTBOX):
        sm.add_permission_role(role, sm.add_permission_view_menu(PERMISSION, screen))
    watcher, _ = staff_client(app, "Pemantau Surat")
    html = watcher.get(f"/admin/outbox/{welcome.id}").get_data(as_text=True)
    assert 'id="message-body"' not in html and "tidak berhak membaca isi pesan" in html
    assert watcher.get("/admin/outbox/").status_code == 200


def test_a_failed_message_is_sent_again(app, mailbox):
    message = failed_message(app)
    client, _ = staff_client(app, "Helpdesk")
    page = client.get(f"/admin/outbox/{message.id}").get_data(as_text=True)
    assert 'id="resend"' in page and "ConnectionRefused" in page
    response = client.post(f"/admin/outbox/{message.id}/kirim-ulang",
                           data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    db.session.expire_all()
    assert (message.status, message.attempts) == ("pending", 0)
    assert process_due() == 1
    assert [m["Subject"] for m in mailbox.to("gagal@contoh.id")] == ["Selamat datang"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.kind == "config.outbox_resend"))
    assert entry is not None and "gagal@contoh.id" in entry.summary
    again = client.post(f"/admin/outbox/{message.id}/kirim-ulang",
                        data={"csrf_token": csrf_from(page)})
    assert "Hanya pesan yang gagal" in page_text(client.get(again.location))


def test_staff_without_the_screen_get_no_outbox(app):
    client, _ = staff_client(app, "Verifikator")
    assert client.get("/admin/outbox/").status_code == 404
    assert client.get("/admin/outbox/1").status_code == 404
