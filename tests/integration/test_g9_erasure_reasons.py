"""An approved erasure also removes the applicant's words in their earlier, withdrawn or
refused requests: the console no longer shows them; dates, statuses and notes stay."""

from __future__ import annotations

from app.privacy import requests
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import make_applicant

FIRST = "Saya sedang bercerai dan pindah ke rumah orang tua."


def test_erasure_clears_the_reasons_of_earlier_requests(app):
    person, _data = make_applicant(app)
    first = requests.request_erasure(person, {"reason": FIRST, "confirm": True})
    requests.withdraw(person)
    second = requests.request_erasure(person, {"reason": "Tidak dipakai lagi.",
                                               "confirm": True})
    requests.approve(second, note="Dilaksanakan.")

    staff, _officer = staff_client(app, "Super Admin")
    earlier = page_text(staff.get(f"/admin/data-pribadi/{first.id}"))
    assert "Ditarik pemohon" in earlier
    assert "bercerai" not in earlier
    assert "Dilaksanakan." in page_text(staff.get(f"/admin/data-pribadi/{second.id}"))


def test_the_audit_log_names_the_request_and_the_handlers_note(app):
    from sqlalchemy import select

    from app.extensions import db
    from app.models import AuditEntry

    person, _data = make_applicant(app)
    request = requests.request_erasure(person, {"reason": "Tidak dipakai lagi.",
                                                "confirm": True})
    requests.approve(request, note="Identitas dicek lewat telepon.")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.kind == "privacy.erased"))
    assert f"Permintaan #{request.id}" in entry.summary
    assert "Identitas dicek lewat telepon." in entry.summary


def test_erasure_drops_whatsapp_messages_still_waiting_for_the_person(app):
    from sqlalchemy import select

    from app.extensions import db
    from app.models import OutboxMessage
    from tests.helpers import make_finished, publish_catalogue

    app.config.update(WHATSAPP_GATEWAY_URL="http://127.0.0.1:9/kirim")
    publish_catalogue(app)
    person, data = make_applicant(app, phone="081255501234")
    make_finished(app, person)
    waiting = select(OutboxMessage).where(OutboxMessage.channel == "whatsapp",
                                          OutboxMessage.recipient == data["phone"])
    assert db.session.scalars(waiting).all(), "the permit's WhatsApp notice was not queued"
    request = requests.request_erasure(person, {"reason": "Tidak dipakai lagi.",
                                                "confirm": True})
    requests.approve(request)
    assert db.session.scalars(waiting).all() == []
