"""Chat system notes (joined, handed over, closed) are stored as what happened and written in
the reader's language when the page's script polls for them; notes stored as Indonesian
sentences before still show as stored."""

from __future__ import annotations

from app.extensions import db
from app.models import ChatMessage
from app.models.chat import SYSTEM
from tests.backoffice_helpers import staff_client
from tests.chat_helpers import poll, staff_page_csrf, visitor_chat
from tests.integration.test_chat import _id_of


def notes(answer) -> list[str]:
    return [m["body"] for m in answer["messages"] if m["sender"] == "sistem"]


def handed_over(app):
    """A visitor's conversation taken by Ani, handed to Bayu and closed by him, through the
    helpdesk's console; returns (visitor, token, conversation id, Bayu's client)."""
    visitor, token, _page = visitor_chat(app)
    cid = _id_of(token)
    ani, _ = staff_client(app, "Helpdesk", name="Ani")
    bayu, bayu_user = staff_client(app, "Helpdesk", name="Bayu")
    ani.post(f"/admin/chat/{cid}/ambil", data={"csrf_token": staff_page_csrf(ani, cid)})
    ani.post(f"/admin/chat/{cid}/alihkan",
             data={"csrf_token": staff_page_csrf(ani, cid), "to": bayu_user.id})
    bayu.post(f"/admin/chat/{cid}/tutup", data={"csrf_token": staff_page_csrf(bayu, cid)})
    return visitor, token, cid, bayu


# the helpdesk reads its members' names; the person reads the role (as on every chat page)
ENGLISH = ["Ani joined the conversation.",
           "The conversation was handed over by Ani to Bayu.",
           "The conversation was closed by the helpdesk."]
INDONESIAN = ["Ani bergabung dalam percakapan.",
              "Percakapan dialihkan oleh Ani kepada Bayu.",
              "Percakapan ditutup oleh petugas."]
ENGLISH_TO_PERSON = ["Someone from the helpdesk joined the conversation.",
                     "The conversation was handed over to another member of the helpdesk.",
                     "The conversation was closed by the helpdesk."]
INDONESIAN_TO_PERSON = ["Petugas helpdesk bergabung dalam percakapan.",
                        "Percakapan dialihkan kepada petugas helpdesk lain.",
                        "Percakapan ditutup oleh petugas."]


def test_an_english_visitor_reads_the_notes_in_english(app):
    visitor, token, _cid, _bayu = handed_over(app)
    visitor.get("/bahasa/en")
    assert notes(poll(visitor, f"/chat/percakapan/{token}")) == ENGLISH_TO_PERSON


def test_an_indonesian_visitor_reads_the_same_notes_in_indonesian(app):
    visitor, token, _cid, _bayu = handed_over(app)
    assert notes(poll(visitor, f"/chat/percakapan/{token}")) == INDONESIAN_TO_PERSON


def test_the_helpdesk_page_polls_the_notes_in_its_readers_language(app):
    _visitor, _token, cid, bayu = handed_over(app)
    assert notes(poll(bayu, f"/admin/chat/{cid}")) == INDONESIAN
    assert notes(poll(bayu, f"/admin/chat/{cid}", _l_="en")) == ENGLISH


def test_a_note_arriving_while_the_english_visitor_waits_is_in_english(app):
    """A live note: the visitor's page has polled already and the next poll (after the last
    id it saw) brings the helpdesk's joining, in English."""
    visitor, token, _page = visitor_chat(app)
    visitor.get("/bahasa/en")
    base = f"/chat/percakapan/{token}"
    seen = poll(visitor, base)["messages"]
    after = seen[-1]["id"] if seen else 0
    hana, _ = staff_client(app, "Helpdesk", name="Hana")
    cid = _id_of(token)
    hana.post(f"/admin/chat/{cid}/ambil", data={"csrf_token": staff_page_csrf(hana, cid)})
    assert notes(poll(visitor, base, after=after)) == [
        "Someone from the helpdesk joined the conversation."]  # the visitor is not told "Hana"


def test_a_note_stored_as_a_sentence_before_still_shows_as_stored(app):
    visitor, token, _page = visitor_chat(app)
    visitor.get("/bahasa/en")
    cid = _id_of(token)
    db.session.add(ChatMessage(conversation_id=cid, sender=SYSTEM,
                               body="Rudi bergabung dalam percakapan."))
    db.session.commit()
    assert notes(poll(visitor, f"/chat/percakapan/{token}")) == [
        "Rudi bergabung dalam percakapan."]
