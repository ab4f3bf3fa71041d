"""The helpdesk turns a chat conversation into a complaint from the console: the transcript
becomes the complaint's text, the person in the chat becomes the complainant and is told the
ticket code in the chat, and the complaint opens in the complaint desk."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.backoffice_helpers import page_text, staff_client
from tests.chat_helpers import applicant_chat, poll, send, staff_page_csrf, visitor_chat
from tests.complaint_helpers import seed_categories
from tests.helpers import csrf_from, deliver


@pytest.fixture
def open_desk(app):
    """Office hours covering the whole week (no automatic reply) and the sample categories."""
    from datetime import time

    from app.extensions import db
    from app.models import ChatOfficeHours

    db.session.add_all(ChatOfficeHours(weekday=d, opens=time(0, 0), closes=time(23, 59, 59))
                       for d in range(7))
    db.session.commit()
    seed_categories(app)


def _conversation_id(token: str) -> int:
    from app.extensions import db
    from app.models import ChatConversation

    return db.session.scalar(select(ChatConversation.id).where(ChatConversation.token == token))


def _complaint(ticket: str):
    from app.extensions import db
    from app.models import Complaint

    db.session.expire_all()
    return db.session.scalar(select(Complaint).where(Complaint.ticket == ticket))


def test_an_applicants_conversation_becomes_their_complaint(app, client, open_desk, mailbox):
    user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    send(client, base, csrf, "Berkas saya ditolak padahal sudah benar")
    cid = _conversation_id(token)
    helpdesk, _staff = staff_client(app, "Helpdesk", name="Hana")
    page = helpdesk.get(f"/admin/chat/{cid}").get_data(as_text=True)
    assert 'id="to-complaint"' in page and 'value="proses"' in page
    send(helpdesk, f"/admin/chat/{cid}", staff_page_csrf(helpdesk, cid), "Akan kami periksa")

    done = helpdesk.post(f"/admin/chat/{cid}/pengaduan",
                         data={"csrf_token": staff_page_csrf(helpdesk, cid),
                               "category": "proses"})
    ticket = done.location.rsplit("/", 1)[-1]
    assert done.status_code == 302 and done.location == f"/admin/pengaduan/{ticket}"
    complaint = _complaint(ticket)
    assert complaint.user_id == user.id and complaint.category.code == "proses"
    assert complaint.body == ("Pemohon: Berkas saya ditolak padahal sudah benar\n"
                              "Petugas helpdesk: Akan kami periksa")
    detail = page_text(helpdesk.get(done.location))
    assert f"Pengaduan {ticket} dibuat dari percakapan ini." in detail
    assert "Dibuat dari percakapan chat oleh Hana." in detail

    told = [m for m in poll(client, base)["messages"] if ticket in m["body"]]
    assert [m["sender"] for m in told] == ["sistem"]  # a note, not Hana's own words
    assert told[0]["body"] == (f"Percakapan ini dicatat sebagai pengaduan dengan kode tiket "
                               f"{ticket}. Dengan kode ini penyelesaiannya dapat diikuti di "
                               "menu Pengaduan.")
    client.get("/bahasa/en")
    assert [m["body"] for m in poll(client, base)["messages"] if ticket in m["body"]] == [
        f"This conversation was recorded as a complaint with ticket code {ticket}. Use the "
        "code to follow its resolution under Complaints."]
    assert ticket in page_text(client.get("/pengaduan"))  # in the applicant's own list
    deliver(app)
    about = [m for m in mailbox.to(user.email) if ticket in m.get_payload(decode=True).decode()]
    assert len(about) == 1 and about[0]["Subject"] == "Pengaduan diterima"


def test_a_visitor_who_left_a_phone_number_is_followed_up_by_phone(app, open_desk, mailbox):
    visitor, token, page = visitor_chat(app, contact="081298765432")
    send(visitor, f"/chat/percakapan/{token}", csrf_from(page), "Situs lambat sekali")
    cid = _conversation_id(token)
    helpdesk, _staff = staff_client(app, "Helpdesk")

    done = helpdesk.post(f"/admin/chat/{cid}/pengaduan",
                         data={"csrf_token": staff_page_csrf(helpdesk, cid),
                               "category": "teknis"})
    complaint = _complaint(done.location.rsplit("/", 1)[-1])
    assert (complaint.name, complaint.phone, complaint.email) == ("Budi", "081298765432", "")
    assert complaint.body == "Pengunjung: Situs lambat sekali"  # no account: not an applicant
    assert deliver(app) == 0  # no address, no e-mail (and no Inbox: a visitor has none)


def test_an_unknown_category_files_nothing_and_says_why(app, client, open_desk):
    from app.extensions import db
    from app.models import Complaint

    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "halo")
    cid = _conversation_id(token)
    helpdesk, _staff = staff_client(app, "Helpdesk")
    refused = helpdesk.post(f"/admin/chat/{cid}/pengaduan",
                            data={"csrf_token": staff_page_csrf(helpdesk, cid),
                                  "category": "tidak-ada"}, follow_redirects=True)
    assert "Kategori pengaduan tidak tersedia." in page_text(refused)
    assert db.session.scalar(select(Complaint.id)) is None
    without_token = helpdesk.post(f"/admin/chat/{cid}/pengaduan", data={"category": "proses"})
    assert without_token.status_code == 400 and db.session.scalar(select(Complaint.id)) is None
