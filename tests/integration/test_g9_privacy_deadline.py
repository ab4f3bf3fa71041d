"""The officer's privacy queue shows how long each request has waited against the office's
answer deadline (PRIVACY_RESPONSE_HOURS, 3 x 24 hours by default, UU PDP), and overdue
requests stand out; the privacy page states the same promise."""

from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from app.models import utcnow
from app.privacy import requests
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import deliver, login, make_applicant

CONSOLE = "/admin/data-pribadi"


def _ask(app, hours_ago: int):
    person, _data = make_applicant(app)
    request = requests.request_erasure(person, {"reason": "Tidak dipakai.", "confirm": True})
    request.requested_at = utcnow() - timedelta(hours=hours_ago, minutes=5)
    db.session.commit()
    return request


def test_queue_shows_waiting_hours_and_flags_the_overdue_request(app):
    late = _ask(app, 80)
    fresh = _ask(app, 5)
    staff, _officer = staff_client(app, "Super Admin")

    response = staff.get(f"{CONSOLE}/")
    html = response.get_data(as_text=True)
    text = page_text(response)
    assert "Jawab paling lambat 72 jam" in text
    assert "melewati batas jawaban 72 jam: 1" in text
    late_row = html.split(f'data-request="{late.id}"')[1].split("</tr>")[0]
    fresh_row = html.split(f'data-request="{fresh.id}"')[1].split("</tr>")[0]
    assert "80 jam" in late_row and "Lewat batas" in late_row
    assert "5 jam" in fresh_row and "Lewat batas" not in fresh_row

    detail = page_text(staff.get(f"{CONSOLE}/{late.id}"))
    assert "Batas jawaban" in detail
    assert "Sudah menunggu 80 jam — lewat batas" in detail


def test_answered_request_shows_how_long_the_answer_took(app):
    request = _ask(app, 10)
    requests.refuse(request, note="Masih ada izin aktif.")
    staff, _officer = staff_client(app, "Super Admin")
    detail = page_text(staff.get(f"{CONSOLE}/{request.id}"))
    assert "Dijawab setelah 10 jam" in detail
    assert "lewat batas" not in detail


def test_applicant_and_privacy_page_are_told_the_answer_time(app, client):
    person, data = make_applicant(app)
    assert "paling lambat 72 jam" in page_text(client.get("/privasi"))
    requests.request_erasure(person, {"reason": "Tidak dipakai.", "confirm": True})
    login(client, data["nik"])
    page = page_text(client.get("/akun/hapus-akun"))
    assert "Kami menjawab paling lambat" in page


def test_the_applicant_gets_a_receipt_with_the_answer_time(app, mailbox):
    person, _data = make_applicant(app)
    mailbox.clear()
    request = requests.request_erasure(person, {"reason": "Tidak dipakai.", "confirm": True})
    deliver(app)
    mails = [m for m in mailbox.to(person.email) if "diterima" in m["Subject"]]
    assert len(mails) == 1
    body = mails[0].get_payload(decode=True).decode()
    assert f"nomor {request.id}" in body and "paling lambat" in body
    assert "WITA" in body  # the office's local time, as people read a deadline


def test_a_withdrawn_request_is_never_marked_late(app):
    person, _data = make_applicant(app)
    request = requests.request_erasure(person, {"reason": "Tidak dipakai.", "confirm": True})
    request.requested_at = utcnow() - timedelta(hours=100)
    db.session.commit()
    requests.withdraw(person)
    staff, _officer = staff_client(app, "Super Admin")
    listing = staff.get(f"{CONSOLE}/?status=withdrawn").get_data(as_text=True)
    row = listing.split(f'data-request="{request.id}"')[1].split("</tr>")[0]
    assert "Lewat batas" not in row
    detail = page_text(staff.get(f"{CONSOLE}/{request.id}"))
    assert "lewat batas" not in detail and "Dijawab setelah" not in detail
