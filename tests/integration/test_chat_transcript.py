"""Keeping a helpdesk conversation: the helpdesk downloads any conversation as a PDF (masked
numbers, an audit entry, posted with the form's token), an applicant downloads their own closed
ones, and a visitor downloads theirs from the browser that holds the chat. Nothing is e-mailed:
a visitor's contact address is not verified."""

from __future__ import annotations

import re
import subprocess

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, ChatConversation, OutboxMessage
from app.privacy.masking import mask_identity
from tests.backoffice_helpers import page_text, staff_client
from tests.chat_helpers import applicant_chat, send, staff_page_csrf, visitor_chat
from tests.helpers import csrf_from, login, make_applicant, new_nik

pytestmark = pytest.mark.usefixtures("always_open")


def _pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data,
                          capture_output=True, check=True)
    return done.stdout.decode()


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _id_of(token: str) -> int:
    return db.session.scalar(select(ChatConversation.id).where(ChatConversation.token == token))


def _answered_and_closed(app, client, nik: str):
    """An applicant asks (quoting their NIK), Hana of the helpdesk answers and closes."""
    user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, f"NIK saya {nik}, izin saya di mana?")
    helpdesk, _hana = staff_client(app, "Helpdesk", name="Hana")
    cid = _id_of(token)
    send(helpdesk, f"/admin/chat/{cid}", staff_page_csrf(helpdesk, cid), "Sedang diverifikasi.")
    helpdesk.post(f"/admin/chat/{cid}/tutup",
                  data={"csrf_token": staff_page_csrf(helpdesk, cid)})
    return user, token, cid, helpdesk


def _download(staff, cid: int, csrf: str | None = None):
    """The console's "Unduh transkrip" button: a form posted with the page's token."""
    return staff.post(f"/admin/chat/{cid}/transkrip.pdf",
                      data={"csrf_token": csrf or staff_page_csrf(staff, cid)})


def test_helpdesk_downloads_a_masked_transcript_and_the_download_is_audited(app, client):
    nik = new_nik()
    _user, _token, cid, helpdesk = _answered_and_closed(app, client, nik)
    assert "Unduh transkrip" in page_text(helpdesk.get(f"/admin/chat/{cid}"))

    text = _pdf_text(_download(helpdesk, cid))
    assert f"CHAT-{cid:06d}" in text
    assert app.config["OFFICE_NAME"] in text
    assert "Siti Aminah" in text and "Hana" in text  # the person, the staff member by name
    assert "izin saya di mana?" in text and "Sedang diverifikasi." in text
    assert mask_identity(nik) in text and nik not in _digits(text)
    assert "Hana bergabung dalam percakapan." in text
    assert "Percakapan ditutup oleh petugas." in text
    assert "WITA" in text  # start and end in the office's time zone (Asia/Makassar)

    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.kind == "privacy.chat_transcript"))
    assert entry is not None and entry.actor_name == "Hana"
    assert f"CHAT-{cid:06d}" in entry.summary


def test_an_open_conversation_can_be_downloaded_by_the_helpdesk(app, client):
    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "halo")
    helpdesk, _staff = staff_client(app, "Helpdesk")
    text = _pdf_text(_download(helpdesk, _id_of(token)))
    assert "halo" in text and "Masih berlangsung" in text


def test_only_helpdesk_staff_download_a_transcript(app, client):
    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "rahasia")
    cid = _id_of(token)
    verifier, _staff = staff_client(app, "Verifikator")
    own_token = csrf_from(verifier.get("/admin/antrian/").get_data(as_text=True))
    assert _download(verifier, cid, own_token).status_code in (403, 404)
    assert client.post(f"/admin/chat/{cid}/transkrip.pdf",
                       data={"csrf_token": csrf}).status_code in (302, 403, 404)  # no console
    assert db.session.scalar(select(AuditEntry).where(
        AuditEntry.kind == "privacy.chat_transcript")) is None
    helpdesk, _staff = staff_client(app, "Helpdesk")
    assert "rahasia" in _pdf_text(_download(helpdesk, cid))  # the same address opens for them


def test_a_link_cannot_download_a_transcript_or_write_to_the_audit_log(app, client):
    """A GET (a link or an image on another site followed by a signed-in helpdesk member's
    browser) and a post without the page's token are both refused, and nothing is logged."""
    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "halo")
    helpdesk, _staff = staff_client(app, "Helpdesk")
    url = f"/admin/chat/{_id_of(token)}/transkrip.pdf"
    assert helpdesk.get(url).status_code == 405
    assert helpdesk.post(url, data={}).status_code == 400
    assert db.session.scalar(select(AuditEntry).where(
        AuditEntry.kind == "privacy.chat_transcript")) is None


def test_an_applicant_downloads_their_own_closed_conversation_only(app, client):
    nik = new_nik()
    _user, token, _cid, _helpdesk = _answered_and_closed(app, client, nik)
    url = f"/chat/percakapan/{token}/transkrip.pdf"
    page = client.get("/chat").get_data(as_text=True)
    assert url in page and "Unduh transkrip" in page

    text = _pdf_text(client.get(url))
    assert "izin saya di mana?" in text and "Sedang diverifikasi." in text
    assert mask_identity(nik) in text and nik not in _digits(text)
    assert "Petugas helpdesk" in text

    from tests.conftest import IsolatedClient

    other = IsolatedClient(app)
    _u, data = make_applicant(app)
    login(other, data["email"])
    assert other.get(url).status_code == 404


def test_an_open_conversation_has_no_applicant_transcript_yet(app, client):
    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "halo")
    answer = client.get(f"/chat/percakapan/{token}/transkrip.pdf")
    assert answer.status_code == 302
    assert "setelah percakapan ditutup" in page_text(client.get(answer.location))


def _close_as_visitor(visitor, token: str, page: str):
    closed = visitor.post(f"/chat/percakapan/{token}/tutup", data={"csrf_token": csrf_from(page)})
    return visitor.get(closed.location).get_data(as_text=True)


def test_a_visitor_downloads_their_closed_conversation_masked_and_nothing_is_emailed(app):
    nik = new_nik()
    visitor, token, page = visitor_chat(app, contact="budi@contoh.id")
    base = f"/chat/percakapan/{token}"
    send(visitor, base, csrf_from(page), f"NIK {nik} tidak bisa daftar")
    closed_page = _close_as_visitor(visitor, token, page)
    assert f"{base}/transkrip.pdf" in closed_page
    assert "Kirim transkrip ke e-mail saya" not in closed_page

    text = _pdf_text(visitor.get(f"{base}/transkrip.pdf"))
    assert "tidak bisa daftar" in text
    assert nik not in _digits(text) and mask_identity(nik) in text
    assert db.session.scalars(select(OutboxMessage)).all() == []  # no mail to the named address
    assert visitor.post(f"{base}/transkrip-email",
                        data={"csrf_token": csrf_from(closed_page)}).status_code in (404, 405)


def test_another_browser_cannot_download_a_visitors_transcript(app):
    visitor, token, page = visitor_chat(app, contact="budi@contoh.id")
    _close_as_visitor(visitor, token, page)
    stranger = app.test_client()
    assert stranger.get(f"/chat/percakapan/{token}/transkrip.pdf").status_code == 404
