"""Two helpdesk members press "Ambil" on the same waiting chat (the list refreshes every 15
seconds): the second is told a colleague has it, and the conversation stays with the first;
taking over deliberately ("Ambil alih" on the conversation's page) still works."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import ChatConversation, ChatMessage
from app.services import chat_notes
from tests.backoffice_helpers import page_text, staff_client
from tests.chat_helpers import visitor_chat


def _take_form(page: str, conversation_id: int) -> dict:
    """The hidden fields of the "Ambil" / "Ambil alih" form for this conversation."""
    form = re.search(rf'action="/admin/chat/{conversation_id}/ambil">(.*?)</form>', page, re.S)
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form.group(1)):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = value.group(1)
    return fields


def _conversation(token: str) -> ChatConversation:
    db.session.expire_all()
    return db.session.scalar(select(ChatConversation).where(ChatConversation.token == token))


def test_the_second_take_from_a_stale_waiting_list_is_refused(app):
    _visitor, token, _page = visitor_chat(app)
    cid = _conversation(token).id
    hana, hana_user = staff_client(app, "Helpdesk", name="Hana")
    rudi, _ = staff_client(app, "Helpdesk", name="Rudi")
    hana_list = _take_form(hana.get("/admin/chat/").get_data(as_text=True), cid)
    rudi_list = _take_form(rudi.get("/admin/chat/").get_data(as_text=True), cid)

    hana.post(f"/admin/chat/{cid}/ambil", data=hana_list)
    late = rudi.post(f"/admin/chat/{cid}/ambil", data=rudi_list, follow_redirects=True)

    assert "Percakapan ini baru saja diambil oleh Hana." in page_text(late)
    assert _conversation(token).assignee_id == hana_user.id
    notes = db.session.scalars(select(ChatMessage).where(
        ChatMessage.conversation_id == cid, ChatMessage.sender == "sistem")).all()
    joined = [chat_notes.text(n, "id", staff_view=True) for n in notes]
    assert joined == ["Hana bergabung dalam percakapan."]  # one helper joined, not two


def test_taking_over_on_purpose_from_the_conversation_page_still_works(app):
    _visitor, token, _page = visitor_chat(app)
    cid = _conversation(token).id
    hana, _ = staff_client(app, "Helpdesk", name="Hana")
    rudi, rudi_user = staff_client(app, "Helpdesk", name="Rudi")
    hana.post(f"/admin/chat/{cid}/ambil",
              data=_take_form(hana.get("/admin/chat/").get_data(as_text=True), cid))
    page = rudi.get(f"/admin/chat/{cid}").get_data(as_text=True)
    assert "Ambil alih" in page
    rudi.post(f"/admin/chat/{cid}/ambil", data=_take_form(page, cid))
    assert _conversation(token).assignee_id == rudi_user.id


def test_the_waiting_list_says_how_long_each_visitor_has_waited(app):
    from datetime import timedelta

    from app.models import utcnow

    _v1, early, _p1 = visitor_chat(app, name="Budi")
    _v2, late, _p2 = visitor_chat(app, contact="ani@contoh.id", name="Ani")
    for token, waited in ((early, timedelta(minutes=75)), (late, timedelta(minutes=3, seconds=10))):
        _conversation(token).created_at = utcnow() - waited
        db.session.commit()
    desk, _ = staff_client(app, "Helpdesk", name="Hana")
    text = page_text(desk.get("/admin/chat/"))
    assert "Budi Pengunjung menunggu 1 jam 15 menit" in text
    assert "Ani Pengunjung menunggu 3 menit" in text
    assert text.index("Budi Pengunjung") < text.index("Ani Pengunjung")  # longest wait first


def test_a_nik_typed_into_the_chat_is_masked_for_the_helpdesk_only(app, client):
    from tests.chat_helpers import applicant_chat, bodies, poll, send

    _user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    send(client, base, csrf, "NIK saya 3174012345670001, NPWP 09.254.294.3-407.000")
    cid = _conversation(token).id
    desk, _ = staff_client(app, "Helpdesk", name="Hana")
    seen_by_desk = " ".join(bodies(poll(desk, f"/admin/chat/{cid}")))
    assert "3174012345670001" not in seen_by_desk and "3174********0001" in seen_by_desk
    assert "09.254.294.3-407.000" not in seen_by_desk
    assert "NIK saya 3174012345670001" in " ".join(bodies(poll(client, base)))  # their own


def test_a_closed_chat_can_be_found_again_and_read(app):
    visitor, token, _page = visitor_chat(app, contact="081298765432", name="Budi")
    _other, other_token, _p = visitor_chat(app, contact="ani@contoh.id", name="Ani")
    desk, _ = staff_client(app, "Helpdesk", name="Hana")
    for conversation_token in (token, other_token):
        cid = _conversation(conversation_token).id
        page = desk.get(f"/admin/chat/{cid}").get_data(as_text=True)
        desk.post(f"/admin/chat/{cid}/tutup", data={"csrf_token": re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)})
    text = page_text(desk.get("/admin/chat/"))
    assert "Percakapan selesai" in text and "Budi Pengunjung" in text and "Ani" in text
    found = desk.get("/admin/chat/?cari=98765432").get_data(as_text=True)
    assert "Budi" in page_text(desk.get("/admin/chat/?cari=98765432"))
    link = re.search(r'id="chat-closed">.*?href="([^"]+)"', found, re.S).group(1)
    assert link == f"/admin/chat/{_conversation(token).id}"
    assert "Ani" not in page_text(desk.get("/admin/chat/?cari=98765432")).split(
        "Percakapan selesai")[1]
