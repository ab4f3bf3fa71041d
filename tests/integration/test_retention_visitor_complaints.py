"""Retention of a visitor's complaint: RETENTION_VISITOR_COMPLAINT_DAYS after it was closed,
it no longer names or reaches the person (name, e-mail, phone) and its attachments are gone;
the ticket, its category, texts and dates stay as the office's record (the complaint report
counts them). Open complaints, recent ones and applicants' complaints are left alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app import storage
from app.complaints import service
from app.extensions import db
from app.models import AuditEntry, Complaint, ComplaintAttachment, utcnow
from app.privacy.erasure import PLACEHOLDER_NAME
from tests.complaint_helpers import attachment, file_applicant, helpdesk, seed_categories
from tests.helpers import make_applicant


@pytest.fixture
def app_overrides():
    return {"RETENTION_VISITOR_COMPLAINT_DAYS": 730}


def _closed(complaint, who, days_ago: int | None) -> int:
    service.close(complaint, who)
    if days_ago is not None:
        db.session.execute(update(Complaint).where(Complaint.id == complaint.id)
                           .values(closed_at=utcnow() - timedelta(days=days_ago)))
    db.session.commit()
    return complaint.id


def test_old_closed_visitor_complaints_lose_their_contact_and_attachments(app, runner):
    seed_categories(app)
    _user, who = helpdesk(app)
    old = service.file_complaint(category_code="teknis", body="Unggah gagal.", name="Budi Tamu",
                                 email="budi@contoh.id", phone="081298765432",
                                 upload=attachment("pdf", "ktp"))
    key = db.session.scalar(select(ComplaintAttachment.storage_key).where(
        ComplaintAttachment.complaint_id == old.id))
    old_id = _closed(old, who, 800)
    recent_id = _closed(service.file_complaint(
        category_code="teknis", body="Loket?", name="Ani Tamu", email="ani@contoh.id"), who, 30)
    still_open = service.file_complaint(category_code="teknis", body="Masih menunggu.",
                                        name="Citra Tamu", email="citra@contoh.id")
    person, _ = make_applicant(app)
    own_id = _closed(file_applicant(app, person), who, 800)

    output = runner.invoke(args=["privacy", "purge"]).output
    assert "1 pengaduan pengunjung dianonimkan" in output
    db.session.expire_all()
    gone = db.session.get(Complaint, old_id)
    assert (gone.name, gone.email, gone.phone) == (PLACEHOLDER_NAME, "", "")
    assert gone.body == "Unggah gagal." and gone.ticket and gone.closed_at  # the record stays
    assert db.session.scalars(select(ComplaintAttachment).where(
        ComplaintAttachment.complaint_id == old_id)).all() == []
    with pytest.raises(storage.ObjectMissing):
        list(storage.current().iter_chunks(key))
    assert db.session.get(Complaint, recent_id).email == "ani@contoh.id"
    assert db.session.get(Complaint, still_open.id).name == "Citra Tamu"
    assert db.session.get(Complaint, own_id).user_id == person.id
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.kind == "privacy.purged")).all()[-1]
    assert "Pengaduan 1" in entry.summary
    again = runner.invoke(args=["privacy", "purge"]).output  # nothing left to anonymise
    assert "0 pengaduan pengunjung dianonimkan" in again


def test_privacy_page_states_how_long_visitor_complaint_contacts_are_kept(app, client):
    from tests.backoffice_helpers import page_text

    text = page_text(client.get("/privasi"))
    assert "Nama, email, telepon dan lampiran pengaduan pengunjung tanpa akun" in text
