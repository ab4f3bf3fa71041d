"""The note written on an application whose permit a later application renewed or revoked
("Oleh permohonan ...: izin baru nomor ...") is a marked text: English pages read it in
English, on the applicant's history and the staff's audit trail, rows written before alike."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import ApplicationEvent
from app.services import calendar
from tests.backoffice_helpers import detail, page_text, staff_client
from tests.helpers import (
    approve_all,
    login,
    make_applicant,
    make_submitted,
)

PERMIT = "SIP-DOKTER"


def test_the_note_on_the_renewed_permits_application_reads_in_the_readers_language(
        app, client, catalogue):
    person, _ = make_applicant(app)
    first = make_submitted(app, person, PERMIT, "baru")
    approve_all(app, first)
    first.permit.valid_until = calendar.today() + timedelta(days=30)
    db.session.commit()
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first.permit)
    approve_all(app, renewal)
    registration, number = renewal.registration_number, renewal.permit.number
    indonesian = f"Oleh permohonan {registration}: izin baru nomor {number}."
    english = f"By application {registration}: new permit number {number}."

    assert login(client, person.email).status_code == 302
    assert indonesian in page_text(client.get(f"/permohonan/{first.uid}"))
    shown = page_text(client.get(f"/permohonan/{first.uid}?_l_=en"))
    assert english in shown and "Oleh permohonan" not in shown
    office, _staff = staff_client(app, "Penandatangan")
    audit = page_text(office.get(f"/admin/antrian/{first.uid}?_l_=en"))
    assert english in audit and "Oleh permohonan" not in audit
    assert indonesian in page_text(detail(office, first.uid))

    # a row written before the note was marked (same words), and a holder's revocation
    old_row = ApplicationEvent(
        application_id=first.id, kind="revoked", note=f"Oleh permohonan {registration}.",
        details={"effect": "revocation", "subject_permit": number, "permit_number": None},
        actor_name="Kepala DPMPTSP", to_status=first.status)
    db.session.add(old_row)
    db.session.commit()
    shown = page_text(client.get(f"/permohonan/{first.uid}?_l_=en"))
    assert f"By application {registration}." in shown
    stored = db.session.scalars(select(ApplicationEvent.note).where(
        ApplicationEvent.application_id == first.id, ApplicationEvent.kind == "replaced")).all()
    assert stored == [indonesian], "stored as before: the API and old readers keep it"
