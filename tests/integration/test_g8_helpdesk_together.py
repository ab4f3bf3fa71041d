"""Two helpdesk members on one complaint at once: a page older than the complaint's last
change may not reply, reassign or close it unknowingly; the refusal names the colleague and
what they did, and the reply typed in vain is still on the page."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Complaint, ComplaintMessage
from app.services import resi as resi_codes
from tests.backoffice_helpers import page_text, staff_client
from tests.complaint_helpers import file_visitor, seed_categories
from tests.helpers import csrf_from


@pytest.fixture(autouse=True)
def _categories(app):
    seed_categories(app)


def _open(client, ticket: str) -> dict:
    """The complaint's page as a helpdesk member loaded it: the form's hidden fields."""
    page = client.get(f"/admin/pengaduan/{ticket}").get_data(as_text=True)
    seen = re.search(r'name="terakhir" value="(\d+)"', page)
    return {"csrf_token": csrf_from(page), "terakhir": seen.group(1)}


def _both_open(app):
    """A visitor's complaint, and Hana and Rudi of the helpdesk each with its page open:
    (complaint, its address, (client, user, form) of Hana, the same of Rudi)."""
    complaint = file_visitor(app)
    members = []
    for name in ("Hana", "Rudi"):
        client, user = staff_client(app, "Helpdesk", name=name)
        members.append((client, user, _open(client, complaint.ticket)))
    return complaint, f"/admin/pengaduan/{complaint.ticket}", *members


def _replies(complaint) -> list[str]:
    db.session.expire_all()
    return [m.body for m in db.session.scalars(db.select(ComplaintMessage).where(
        ComplaintMessage.complaint_id == complaint.id, ComplaintMessage.kind == "reply"))]


def test_a_second_reply_on_a_stale_page_is_refused_and_the_text_kept(app):
    complaint, base, (hana, _, hana_form), (rudi, _, rudi_form) = _both_open(app)

    hana.post(f"{base}/balas", data=hana_form | {"text": "Sudah kami perbaiki.",
                                                  "status": "diproses"})
    late = rudi.post(f"{base}/balas", data=rudi_form | {
        "text": "Mohon kirim tangkapan layar galatnya.", "status": "diproses"})

    assert late.status_code == 409
    text = page_text(late)
    assert "baru saja diubah oleh Hana (Dibalas)" in text
    assert "Sudah kami perbaiki." in text  # the colleague's answer is on the page now
    assert re.search(r'id="reply-text"[^>]*>Mohon kirim tangkapan layar galatnya\.</textarea>',
                     late.get_data(as_text=True))
    assert _replies(complaint) == ["Sudah kami perbaiki."]  # the citizen got one answer

    again = _open(rudi, complaint.ticket)  # having read it, Rudi may send his
    rudi.post(f"{base}/balas", data=again | {"text": "Mohon kirim tangkapan layar.",
                                              "status": "menunggu"})
    assert _replies(complaint) == ["Sudah kami perbaiki.", "Mohon kirim tangkapan layar."]


def test_a_reply_to_a_complaint_a_colleague_closed_is_shown_back_unsent(app):
    complaint, base, (hana, _, hana_form), (rudi, _, rudi_form) = _both_open(app)
    hana.post(f"{base}/selesai", data=hana_form)
    late = rudi.post(f"{base}/balas", data=rudi_form | {"text": "Jawaban panjang Rudi.",
                                                         "status": "diproses"})
    assert "baru saja diubah oleh Hana (Diselesaikan)" in page_text(late)
    assert re.search(r'id="reply-draft"[^>]*>Jawaban panjang Rudi\.</textarea>',
                     late.get_data(as_text=True))


def test_an_assignment_on_a_stale_page_does_not_overwrite_a_colleagues(app):
    complaint, base, (hana, hana_user, hana_form), (rudi, rudi_user, rudi_form) = \
        _both_open(app)
    hana.post(f"{base}/tugaskan", data=hana_form | {"petugas": hana_user.id})
    rudi.post(f"{base}/tugaskan", data=rudi_form | {"petugas": rudi_user.id})
    page = page_text(rudi.get(base))
    assert "baru saja diubah oleh Hana (Ditugaskan)" in page
    db.session.expire_all()
    assert db.session.get(Complaint, complaint.id).assignee_id == hana_user.id


def test_the_refusal_reads_in_english_on_an_english_page(app):
    complaint, base, (hana, _, hana_form), (rudi, _, rudi_form) = _both_open(app)
    hana.post(f"{base}/selesai", data=hana_form)
    rudi.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    late = rudi.post(f"{base}/balas", data=rudi_form | {"text": "x", "status": "diproses"})
    assert "This complaint was just changed by Hana (Closed)." in page_text(late)


def test_the_queue_finds_a_complaint_by_resi_email_and_phone(app):
    from tests.complaint_helpers import file_applicant
    from tests.helpers import make_applicant, make_submitted, publish_catalogue

    publish_catalogue(app)
    user, _data = make_applicant(app, email="siti@contoh.id")
    application = make_submitted(app, user)
    about_resi = file_applicant(app, user, resi=application.resi)
    visitor = file_visitor(app, email="tamu@contoh.id", phone="081298765432")
    desk, _ = staff_client(app, "Helpdesk", name="Hana")
    displayed = resi_codes.display(application.resi)

    def found(query: str) -> str:
        return desk.get("/admin/pengaduan/", query_string={"q": query}).get_data(as_text=True)

    assert about_resi.ticket in found(displayed.lower())  # as read out on the phone
    assert visitor.ticket not in found(displayed)
    assert visitor.ticket in found("TAMU@contoh.id")
    assert visitor.ticket in found("98765432")
    assert about_resi.ticket not in found("98765432")


def test_assigning_to_the_one_who_holds_it_adds_nothing_to_the_history(app):
    complaint = file_visitor(app)
    hana, hana_user = staff_client(app, "Helpdesk", name="Hana")
    base = f"/admin/pengaduan/{complaint.ticket}"
    hana.post(f"{base}/tugaskan", data=_open(hana, complaint.ticket) | {"petugas": hana_user.id})
    again = hana.post(f"{base}/tugaskan", data=_open(hana, complaint.ticket) | {
        "petugas": hana_user.id}, follow_redirects=True)
    text = page_text(again)
    assert "Pengaduan ini sudah ditangani Hana." in text
    assert text.count("Ditugaskan (Hana)") == 1
