"""A visitor's complaint contact is only their word until they prove it: the office mails an
unverified address nothing but a short code (never what the visitor typed), and the usual
notices once the visitor types the code on the complaint's page; a wrong or expired code is
refused and the complaint stays. The helpdesk reopens a complaint closed by mistake with a
reason (history, audit log, complainant told); other staff may not; the form needs CSRF."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.complaints import service, status
from app.extensions import db
from app.models import AuditEntry, Complaint, EmailCode, InboxMessage, utcnow
from tests.backoffice_helpers import page_text, staff_client
from tests.complaint_helpers import file_applicant, helpdesk, seed_categories
from tests.helpers import CAPTCHA, csrf_from, deliver, get_form, make_applicant

VISITOR = "tamu@contoh.id"
BODY = "Klik http://contoh-iklan.example untuk hadiah, kata petugas."


@pytest.fixture(autouse=True)
def _categories(app):
    seed_categories(app)


def _file_as_visitor(client) -> Complaint:
    token = get_form(client, "/pengaduan/baru", "complaint")
    response = client.post("/pengaduan/baru", data={
        "csrf_token": token, "name": "Budi Penipu", "email": VISITOR, "phone": "",
        "category": "teknis", "body": BODY, "captcha": CAPTCHA},
        content_type="multipart/form-data")
    assert response.status_code == 302
    return db.session.scalar(db.select(Complaint))


def _bodies(mailbox) -> list[str]:
    return [m.get_payload(decode=True).decode() for m in mailbox.to(VISITOR)]


def _post_code(client, complaint: Complaint, code: str):
    base = f"/pengaduan/tiket/{complaint.ticket}"
    token = csrf_from(client.get(base).get_data(as_text=True))
    return client.post(f"{base}/verifikasi", data={"csrf_token": token, "code": code},
                       follow_redirects=True)


def test_an_unverified_address_gets_only_the_code_then_the_usual_notices(app, client,
                                                                         mailbox):
    complaint = _file_as_visitor(client)
    _staff_user, who = helpdesk(app)
    service.reply(complaint, "Balasan petugas: mohon kirim tangkapan layar.", who,
                  then=status.WAITING)
    deliver(app)
    (only,) = _bodies(mailbox)
    assert complaint.ticket in only and "Kode verifikasi" in only
    for typed in (BODY, "contoh-iklan", "Budi Penipu", "Balasan petugas"):
        assert typed not in only
    staff, _ = staff_client(app, "Helpdesk")
    desk = f"/admin/pengaduan/{complaint.ticket}"
    assert "belum diverifikasi" in page_text(staff.get(desk))

    page = client.get(f"/pengaduan/tiket/{complaint.ticket}").get_data(as_text=True)
    assert 'id="verify-form"' in page
    done = _post_code(client, complaint, mailbox.last_code(VISITOR))
    assert "Email Anda terverifikasi" in page_text(done)
    assert 'id="verify-form"' not in done.get_data(as_text=True)
    service.reply(db.session.get(Complaint, complaint.id), "Sudah kami perbaiki.", who,
                  then=status.DONE)
    deliver(app)
    later = _bodies(mailbox)[1:]
    assert len(later) == 2 and "telah kami terima" in later[0]
    assert "Sudah kami perbaiki." in later[1]
    assert "terverifikasi" in page_text(staff.get(desk))


def test_a_wrong_or_expired_code_is_refused_and_the_complaint_stays(app, client, mailbox):
    complaint = _file_as_visitor(client)
    deliver(app)
    code = mailbox.last_code(VISITOR)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    said = page_text(_post_code(client, complaint, wrong))
    assert "Kode verifikasi salah atau sudah kedaluwarsa" in said
    assert "Kode verifikasi berupa 6 digit angka." in page_text(_post_code(client, complaint,
                                                                            "12ab"))
    db.session.execute(db.update(EmailCode).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    refused = _post_code(client, complaint, code)
    assert "Kode verifikasi salah atau sudah kedaluwarsa" in page_text(refused)
    assert 'id="verify-form"' in refused.get_data(as_text=True)
    db.session.expire_all()
    kept = db.session.get(Complaint, complaint.id)
    assert kept.contact_verified_at is None and kept.body == BODY
    assert kept.status == status.NEW
    deliver(app)
    assert len(_bodies(mailbox)) == 1  # still only the code
    base = f"/pengaduan/tiket/{complaint.ticket}"
    for _ in range(2):  # a new code on request, within the shared per-address limit
        token = csrf_from(client.get(base).get_data(as_text=True))
        client.post(f"{base}/kirim-kode", data={"csrf_token": token})
    token = csrf_from(client.get(base).get_data(as_text=True))
    limited = client.post(f"{base}/kirim-kode", data={"csrf_token": token},
                          follow_redirects=True)
    assert "Kode sudah dikirim 3 kali" in page_text(limited)
    deliver(app)
    assert len(_bodies(mailbox)) == 3
    assert "Email Anda terverifikasi" in page_text(_post_code(client, complaint,
                                                              mailbox.last_code(VISITOR)))


def test_the_helpdesk_reopens_a_closed_complaint_with_a_reason(app, mailbox):
    user, _ = make_applicant(app)
    complaint = file_applicant(app, user)
    _closer, who = helpdesk(app)
    service.close(complaint, who)
    staff, staff_user = staff_client(app, "Helpdesk", name="Hana")
    base = f"/admin/pengaduan/{complaint.ticket}"
    token = csrf_from(staff.get(base).get_data(as_text=True))
    assert staff.post(f"{base}/buka-kembali", data={"text": "Tanpa token."}).status_code == 400
    empty = staff.post(f"{base}/buka-kembali", data={"csrf_token": token, "text": " "},
                       follow_redirects=True)
    assert "Alasan membuka kembali wajib diisi." in page_text(empty)
    other, _ = staff_client(app, "Verifikator")
    own_token = csrf_from(other.get("/admin/").get_data(as_text=True))
    assert other.post(f"{base}/buka-kembali", data={"csrf_token": own_token,
                                                    "text": "Coba."}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Complaint, complaint.id).status == status.DONE

    reason = "Ditutup keliru: balasan belum terkirim."
    response = staff.post(f"{base}/buka-kembali", data={"csrf_token": token, "text": reason})
    history = page_text(staff.get(response.location))
    assert "Pengaduan dibuka kembali" in history and f"({reason}) · Hana" in history
    db.session.expire_all()
    complaint = db.session.get(Complaint, complaint.id)
    assert complaint.status == status.IN_PROGRESS and complaint.events[-1].detail == reason
    assert reason in service.visible_thread(complaint, staff=False)[-1].body
    entry = db.session.scalar(db.select(AuditEntry).filter_by(kind="complaint.reopened"))
    assert entry.actor_id == staff_user.id and reason in entry.summary
    assert entry.subject == complaint.ticket
    inbox = db.session.scalars(db.select(InboxMessage.body).filter_by(user_id=user.id)).all()
    assert any(reason in body for body in inbox)
    deliver(app)
    assert any(reason in m.get_payload(decode=True).decode() for m in mailbox.to(user.email))


def test_after_a_reply_the_helpdesk_reads_how_it_reached_the_complainant(app, client, mailbox):
    """An unverified visitor gets no e-mail, so the helpdesk is not told one went out; an
    applicant's complaint reaches both their Inbox and their proven address."""
    visitor = _file_as_visitor(client)
    user, _data = make_applicant(app)
    applicant = file_applicant(app, user)
    desk, _ = staff_client(app, "Helpdesk")

    def reply(complaint) -> str:
        base = f"/admin/pengaduan/{complaint.ticket}"
        token = csrf_from(desk.get(base).get_data(as_text=True))
        return page_text(desk.post(f"{base}/balas", follow_redirects=True, data={
            "csrf_token": token, "text": "Sedang kami periksa.", "status": "diproses"}))

    deliver(app)
    mailbox.clear()
    told = reply(visitor)
    assert "(aplikasi dan email)" not in told
    assert "Balasan tersimpan; pelapor membacanya saat melacak pengaduan dengan kode " \
           "tiketnya. Email tidak dikirim: alamat email pelapor belum terverifikasi." in told
    deliver(app)
    assert mailbox.to(VISITOR) == []
    assert "Balasan terkirim ke pelapor (aplikasi dan email)." in reply(applicant)
    deliver(app)
    assert len(mailbox.to(user.email)) == 1
