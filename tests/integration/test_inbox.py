"""Inbox through the web: list, search, pagination, reading a message, the unread count in the
top bar, marking everything read and object-level access. Real database."""

from __future__ import annotations

import re
from datetime import timedelta

from app.extensions import db
from app.models import InboxMessage, utcnow
from tests.helpers import (
    csrf_from,
    make_applicant,
    make_submitted,
    publish_catalogue,
)

_AGE = iter(range(10_000, 0, -1))


def add_message(user, subject: str, body: str = "Isi pesan.", *, read: bool = False,
                application=None) -> InboxMessage:
    """A message as `notices.tell_applicant` leaves it; each one newer than the last."""
    message = InboxMessage(user_id=user.id, subject=subject, body=body,
                           application_id=application.id if application else None,
                           created_at=utcnow() - timedelta(minutes=next(_AGE)),
                           read_at=utcnow() if read else None)
    db.session.add(message)
    db.session.commit()
    return message


def _subjects(html: str) -> list[str]:
    return re.findall(r'message-subject">([^<]+)</a>', html)


def _top_bar_count(html: str) -> str | None:
    match = re.search(r'id="inbox-unread">([^<]+)<', html)
    return match.group(1) if match else None


def test_an_empty_inbox_says_so(app, client, user):
    page = client.get("/inbox").get_data(as_text=True)
    assert "Belum ada pesan" in page and _subjects(page) == []
    assert _top_bar_count(page) is None
    assert re.search(r'id="mark-all-read" disabled', page)


def test_list_newest_first_with_unread_in_bold(app, client, user):
    add_message(user, "Permohonan diterima", read=True)
    add_message(user, "Perlu revisi dokumen", "Scan KTP kurang jelas.\nUnggah ulang.")
    page = client.get("/inbox").get_data(as_text=True)
    assert _subjects(page) == ["Perlu revisi dokumen", "Permohonan diterima"]
    unread_row = page.split('class="inbox-unread"')[1].split("</tr>")[0]
    assert "fw-bold" in unread_row and ">Baru<" in unread_row
    assert "Perlu revisi dokumen" in unread_row and "Scan KTP kurang jelas. Unggah ulang." \
        in unread_row
    read_row = page.split('class="inbox-read"')[1].split("</tr>")[0]
    assert "fw-bold" not in read_row and ">Baru<" not in read_row
    assert "1 belum dibaca" in page


def test_search_matches_subject_and_body(app, client, user):
    add_message(user, "Permohonan diterima", "Nomor registrasi 1/SIP-D/11/2026.")
    add_message(user, "Perlu revisi", "Scan NPWP tidak terbaca.")
    add_message(user, "Izin terbit", "Izin Anda sudah ditandatangani.")
    by_subject = client.get("/inbox?q=REVISI").get_data(as_text=True)
    assert _subjects(by_subject) == ["Perlu revisi"]
    by_body = client.get("/inbox?q=npwp").get_data(as_text=True)
    assert _subjects(by_body) == ["Perlu revisi"]
    by_number = client.get("/inbox?q=1/SIP-D").get_data(as_text=True)
    assert _subjects(by_number) == ["Permohonan diterima"]
    none = client.get("/inbox?q=pengaduan").get_data(as_text=True).replace("&#34;", '"')
    assert _subjects(none) == [] and 'Tidak ada pesan yang cocok dengan "pengaduan".' in none


def test_pagination(app, client, user):
    for n in range(1, 13):
        add_message(user, f"Pesan {n:02d}")
    first = client.get("/inbox").get_data(as_text=True)
    assert "Hal 1 dari 2" in first and len(_subjects(first)) == 10
    assert _subjects(first)[0] == "Pesan 12"
    second = client.get("/inbox?hal=2").get_data(as_text=True)
    assert "Hal 2 dari 2" in second and _subjects(second) == ["Pesan 02", "Pesan 01"]


def test_reading_a_message_shows_all_of_it_and_marks_it_read(app, client, user):
    body = "Yth. Pemohon,\n\nDokumen berikut perlu diperbaiki:\n1. Scan KTP\n2. Akta <PT>"
    message = add_message(user, "Perlu revisi dokumen", body)
    add_message(user, "Lainnya")
    assert _top_bar_count(client.get("/dashboard").get_data(as_text=True)) == "2"
    page = client.get(f"/inbox/{message.id}").get_data(as_text=True)
    assert 'id="message-subject">Perlu revisi dokumen<' in page
    shown = re.search(r'id="message-body"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert shown == body.replace("<", "&lt;").replace(">", "&gt;")
    assert "white-space: pre-wrap" in page
    assert user.email in page
    db.session.refresh(message)
    first_read = message.read_at
    assert first_read is not None
    assert _top_bar_count(page) == "1"
    client.get(f"/inbox/{message.id}")
    db.session.refresh(message)
    assert message.read_at == first_read
    listing = client.get("/inbox").get_data(as_text=True)
    row = listing.split(f'data-message="{message.id}"')[1].split("</tr>")[0]
    assert ">Baru<" not in row


def test_a_message_about_an_application_links_to_it(app, client, user):
    publish_catalogue(app)
    application = make_submitted(app, user)
    page = client.get("/inbox").get_data(as_text=True)
    assert _subjects(page) == ["Permohonan diterima"]
    assert f'href="/permohonan/{application.uid}"' in page
    message = db.session.scalar(db.select(InboxMessage).where(InboxMessage.user_id == user.id))
    detail = client.get(f"/inbox/{message.id}").get_data(as_text=True)
    assert f'href="/permohonan/{application.uid}" id="message-application"' in detail
    assert application.permit_name in detail


def test_the_unread_count_is_in_the_top_bar_on_every_applicant_page(app, client, user):
    for n in range(3):
        add_message(user, f"Pesan {n}")
    for url in ("/dashboard", "/file-saya", "/permohonan", "/inbox"):
        page = client.get(url).get_data(as_text=True)
        assert _top_bar_count(page) == "3", url
        assert 'id="sidebar-inbox-unread">3<' in page


def test_a_large_unread_count_is_shortened(app, client, user):
    db.session.add_all(InboxMessage(user_id=user.id, subject=f"P{n}", body="x")
                       for n in range(100))
    db.session.commit()
    assert _top_bar_count(client.get("/dashboard").get_data(as_text=True)) == "99+"


def test_mark_all_read(app, client, user):
    for n in range(3):
        add_message(user, f"Pesan {n}")
    add_message(user, "Sudah dibaca", read=True)
    other, _ = make_applicant(app)
    theirs = add_message(other, "Milik orang lain")
    page = client.get("/inbox?hal=1").get_data(as_text=True)
    response = client.post("/inbox/tandai-dibaca",
                           data={"csrf_token": csrf_from(page), "back": "/inbox?hal=1"})
    assert response.status_code == 302 and response.location == "/inbox?hal=1"
    after = client.get("/inbox").get_data(as_text=True)
    assert "3 pesan ditandai sudah dibaca." in after
    assert _top_bar_count(after) is None and ">Baru<" not in after
    db.session.refresh(theirs)
    assert theirs.read_at is None
    again = client.post("/inbox/tandai-dibaca", data={"csrf_token": csrf_from(after)})
    assert again.status_code == 302
    assert "Tidak ada pesan yang belum dibaca." in client.get("/inbox").get_data(as_text=True)


def test_mark_all_needs_the_csrf_token(app, client, user):
    message = add_message(user, "Pesan")
    assert client.post("/inbox/tandai-dibaca", data={}).status_code == 400
    db.session.refresh(message)
    assert message.read_at is None


def test_another_applicants_message_is_404_and_stays_unread(app, client, user):
    other, _ = make_applicant(app)
    theirs = add_message(other, "Rahasia orang lain")
    response = client.get(f"/inbox/{theirs.id}")
    assert response.status_code == 404
    assert "Rahasia orang lain" not in response.get_data(as_text=True)
    db.session.refresh(theirs)
    assert theirs.read_at is None
    listing = client.get("/inbox").get_data(as_text=True)
    assert _subjects(listing) == [] and _top_bar_count(listing) is None
    assert client.get("/inbox?q=rahasia").get_data(as_text=True).count("Rahasia") == 0
    assert client.get("/inbox/999999").status_code == 404


def test_inbox_needs_a_logged_in_applicant(app, client):
    response = client.get("/inbox")
    assert response.status_code == 302 and "/masuk" in response.location
