"""Chat with the helpdesk through the web: an applicant and the helpdesk exchange messages in
order, with read receipts; nobody reaches another person's conversation; attachments follow
the one upload rule; posting is rate limited."""

from __future__ import annotations

import io
import re

import pytest

from app.extensions import db
from tests.backoffice_helpers import page_text, staff_client
from tests.chat_helpers import applicant_chat, bodies, poll, send, staff_page_csrf
from tests.helpers import csrf_from, login, make_applicant

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"




def _id_of(token: str) -> int:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import ChatConversation

    return db.session.scalar(select(ChatConversation.id).where(ChatConversation.token == token))


def test_applicant_and_helpdesk_exchange_messages_in_order_with_read_receipts(
        app, client, always_open):
    _user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    for text in ("Halo, saya mau bertanya", "tentang izin praktik dokter"):
        assert send(client, base, csrf, text).status_code == 201

    helpdesk, _staff = staff_client(app, "Helpdesk", name="Hana")
    listing = page_text(helpdesk.get("/admin/chat/"))
    assert "Menunggu petugas 1" in listing
    cid = _id_of(token)
    staff_base = f"/admin/chat/{cid}"
    staff_csrf = staff_page_csrf(helpdesk, cid)
    seen = poll(helpdesk, staff_base)
    assert bodies(seen) == ["Halo, saya mau bertanya", "tentang izin praktik dokter"]
    assert seen["applicant_read"] == 0 and seen["staff_read"] == 0
    last_applicant = seen["messages"][-1]["id"]

    reply = send(helpdesk, staff_base, staff_csrf, "Baik, silakan.")
    assert reply.status_code == 201
    helpdesk.post(f"{staff_base}/dibaca", data={"csrf_token": staff_csrf, "upto": reply.json["id"]})

    answer = poll(client, base, after=last_applicant)
    assert [(m["sender"], m["body"]) for m in answer["messages"] if m["sender"] != "sistem"] \
        == [("petugas", "Baik, silakan.")]
    assert answer["staff_read"] >= last_applicant  # the applicant sees "Dibaca" on both
    assert all(m["author"] is None for m in answer["messages"])  # staff names stay inside
    client.post(f"{base}/dibaca", data={"csrf_token": csrf, "upto": reply.json["id"]})
    assert poll(helpdesk, staff_base, after=reply.json["id"])["applicant_read"] == reply.json["id"]
    assert "Percakapan saya 1" in page_text(helpdesk.get("/admin/chat/"))


def test_nobody_reaches_another_persons_conversation(app, client, always_open):
    from tests.conftest import IsolatedClient

    _user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    send(client, base, csrf, "rahasia saya")
    other = IsolatedClient(app)
    _u, data = make_applicant(app)
    login(other, data["email"])
    assert other.get(f"{base}/pesan?after=0").status_code == 404
    other_csrf = csrf_from(other.get("/chat").get_data(as_text=True))
    assert send(other, base, other_csrf, "menyusup").status_code == 404
    visitor = IsolatedClient(app)
    assert visitor.get(f"{base}/pesan?after=0").status_code == 404
    verifier, _staff = staff_client(app, "Verifikator")
    assert verifier.get(f"/admin/chat/{_id_of(token)}/pesan?after=0").status_code == 404
    assert bodies(poll(client, base)) == ["rahasia saya"]


def test_a_visitor_starts_with_name_contact_and_captcha_and_keeps_the_token_in_session(
        app, always_open):
    from tests.conftest import IsolatedClient
    from tests.helpers import CAPTCHA, get_form

    visitor = IsolatedClient(app)
    token = get_form(visitor, "/bantuan/chat", "chat")
    wrong = visitor.post("/bantuan/chat", data={"csrf_token": token, "name": "Budi",
                                                "contact": "budi@contoh.id", "captcha": "XXXXX"})
    assert wrong.status_code == 200 and "Kode captcha salah." in page_text(wrong)
    token = get_form(visitor, "/bantuan/chat", "chat")
    started = visitor.post("/bantuan/chat", data={"csrf_token": token, "name": "Budi",
                                                  "contact": "budi@contoh.id",
                                                  "captcha": CAPTCHA})
    assert started.location == "/bantuan/chat/percakapan"  # no token, no name in the URL
    page = visitor.get(started.location).get_data(as_text=True)
    conv_token = page.split('data-messages-url="/chat/percakapan/')[1].split("/")[0]
    base = f"/chat/percakapan/{conv_token}"
    assert send(visitor, base, csrf_from(page), "Bagaimana cara daftar?").status_code == 201
    assert IsolatedClient(app).get(f"{base}/pesan?after=0").status_code == 404
    helpdesk, _staff = staff_client(app, "Helpdesk")
    assert "Budi" in page_text(helpdesk.get("/admin/chat/"))


def test_attachments_are_checked_by_content_and_only_the_owner_downloads_them(
        app, client, always_open):
    from tests.conftest import IsolatedClient

    _user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    fake = send(client, base, csrf, "", file=(io.BytesIO(b"MZ\x90\x00 not a pdf"), "surat.pdf"))
    assert fake.status_code == 400 and "bukan PDF" in fake.json["error"]
    # a message carries what its reader opens in the browser, as the panel's hint says
    assert 'accept=".pdf,.jpg,.jpeg,.png"' in client.get("/chat").get_data(as_text=True)
    drawing = send(client, base, csrf, "", file=(io.BytesIO(b"AC1032" + bytes(64)), "a.dwg"))
    assert drawing.status_code == 400
    assert drawing.json["error"] == "Format berkas .dwg tidak diterima. Gunakan: PDF, JPG, PNG."
    good = send(client, base, csrf, "KTP saya", file=(io.BytesIO(PDF), "ktp.pdf"))
    assert good.status_code == 201
    message = poll(client, base)["messages"][0]
    assert message["attachment"]["name"] == "ktp.pdf"
    download = client.get(message["attachment"]["url"])
    assert download.status_code == 200 and download.data == PDF
    assert "attachment" in download.headers["Content-Disposition"]
    other = IsolatedClient(app)
    _u, data = make_applicant(app)
    login(other, data["email"])
    assert other.get(message["attachment"]["url"]).status_code == 404
    helpdesk, _staff = staff_client(app, "Helpdesk")
    cid = _id_of(token)
    staff_message = poll(helpdesk, f"/admin/chat/{cid}")["messages"][0]
    assert helpdesk.get(staff_message["attachment"]["url"]).data == PDF


def test_posting_is_rate_limited_per_conversation(app, client, always_open):
    _user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    codes = [send(client, base, csrf, f"pesan {n}").status_code for n in range(31)]
    assert codes[:30] == [201] * 30 and codes[30] == 429
    assert len(poll(client, base)["messages"]) == 30


def test_take_transfer_and_close(app, client, always_open):
    _user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    send(client, base, csrf, "tolong")
    cid = _id_of(token)
    first, _a = staff_client(app, "Helpdesk", name="Ani")
    second, b = staff_client(app, "Helpdesk", name="Bayu")
    first_csrf = staff_page_csrf(first, cid)
    first.post(f"/admin/chat/{cid}/ambil", data={"csrf_token": first_csrf})
    refused = send(second, f"/admin/chat/{cid}", staff_page_csrf(second, cid), "saya jawab")
    assert refused.status_code == 409
    first.post(f"/admin/chat/{cid}/alihkan", data={"csrf_token": first_csrf, "to": b.id})
    assert "Percakapan saya 1" in page_text(second.get("/admin/chat/"))
    assert send(second, f"/admin/chat/{cid}", staff_page_csrf(second, cid), "siap").status_code \
        == 201
    second.post(f"/admin/chat/{cid}/tutup", data={"csrf_token": staff_page_csrf(second, cid)})
    answer = poll(client, base)
    assert answer["status"] == "selesai"
    notes = [m["body"] for m in answer["messages"] if m["sender"] == "sistem"]
    assert notes == ["Petugas helpdesk bergabung dalam percakapan.",  # no staff names
                     "Percakapan dialihkan kepada petugas helpdesk lain.",
                     "Percakapan ditutup oleh petugas."]
    closed = send(client, base, csrf, "masih ada?")
    assert closed.status_code == 400 and "ditutup" in closed.json["error"]
    client.post("/chat/mulai", data={"csrf_token": csrf})
    assert "Riwayat percakapan" in page_text(client.get("/chat"))


def test_the_helpdesk_console_home_shows_waiting_conversations(app, client, always_open):
    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "halo")
    helpdesk, _staff = staff_client(app, "Helpdesk")
    home = helpdesk.get("/admin/").get_data(as_text=True)
    assert 'id="home-chat-waiting"' in home
    assert page_text(helpdesk.get("/admin/")).count("Chat Helpdesk 1") == 1


def test_the_console_names_a_visitor_as_visitor_and_refuses_an_empty_message_in_english(
        app, client, always_open):
    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "tolong")
    applicant_cid = _id_of(token)
    from tests.conftest import IsolatedClient
    from tests.helpers import CAPTCHA, get_form

    visitor = IsolatedClient(app)
    started = visitor.post("/bantuan/chat", data={
        "csrf_token": get_form(visitor, "/bantuan/chat", "chat"), "name": "Budi",
        "contact": "budi@contoh.id", "captcha": CAPTCHA})
    page = visitor.get(started.location).get_data(as_text=True)
    visitor_token = page.split('data-messages-url="/chat/percakapan/')[1].split("/")[0]
    send(visitor, f"/chat/percakapan/{visitor_token}", csrf_from(page), "halo")

    helpdesk, _staff = staff_client(app, "Helpdesk")
    helpdesk.get("/bahasa/en", headers={"Referer": "http://localhost/"})

    def other_party(cid: int) -> str:
        html = helpdesk.get(f"/admin/chat/{cid}").get_data(as_text=True)
        return html.split('data-label-applicant="')[1].split('"')[0]

    assert other_party(_id_of(visitor_token)) == "Visitor"
    assert other_party(applicant_cid) == "Applicant"
    cid = _id_of(visitor_token)
    empty = send(helpdesk, f"/admin/chat/{cid}", staff_page_csrf(helpdesk, cid), "")
    assert empty.status_code == 400
    assert empty.json["error"] == "Write a message or attach a file."


@pytest.mark.parametrize(("contact", "message"), [
    ("bukan kontak", "Nomor HP tidak valid"),
    ("budi@", "Alamat email tidak valid."),
    ("", "Email atau No. Telepon wajib diisi."),
])
def test_a_visitor_must_leave_a_contact_the_helpdesk_can_reach(app, always_open, contact,
                                                               message):
    """The complaint form's e-mail and phone rules; the reason next to the input and what
    was typed kept; no conversation starts."""
    from app.models import ChatConversation
    from tests.conftest import IsolatedClient
    from tests.helpers import CAPTCHA, get_form

    visitor = IsolatedClient(app)
    refused = visitor.post("/bantuan/chat", data={
        "csrf_token": get_form(visitor, "/bantuan/chat", "chat"), "name": "Budi Tamu",
        "contact": contact, "captcha": CAPTCHA})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert re.search(rf'data-error-for="contact">[^<]*{re.escape(message)}', html)
    assert 'value="Budi Tamu"' in html and (not contact or f'value="{contact}"' in html)
    assert db.session.query(ChatConversation).count() == 0


def test_a_visitors_phone_is_kept_in_the_form_complaints_find_it_by(app, always_open):
    from app.models import ChatConversation
    from tests.conftest import IsolatedClient
    from tests.helpers import CAPTCHA, get_form

    visitor = IsolatedClient(app)
    visitor.post("/bantuan/chat", data={
        "csrf_token": get_form(visitor, "/bantuan/chat", "chat"), "name": "Budi",
        "contact": "+62 812-9876-5432", "captcha": CAPTCHA})
    assert db.session.scalar(db.select(ChatConversation)).visitor_contact == "081298765432"
