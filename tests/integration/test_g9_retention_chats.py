"""Retention also covers the helpdesk chats of portal visitors (name, contact, texts,
attachments): past RETENTION_VISITOR_CHAT_DAYS since the last message they are deleted with
their attachment bytes; recent ones and applicants' chats stay (those go with the account)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app import storage
from app.extensions import db
from app.models import AuditEntry, ChatConversation, ChatMessage, utcnow
from app.models.chat import APPLICANT
from app.services import chat
from tests.complaint_helpers import attachment
from tests.helpers import make_applicant


@pytest.fixture
def app_overrides():
    return {"RETENTION_VISITOR_CHAT_DAYS": 365}


def _age(conversation, days: int) -> None:
    db.session.execute(update(ChatConversation).where(ChatConversation.id == conversation.id)
                       .values(last_message_at=utcnow() - timedelta(days=days)))
    db.session.commit()


def test_purge_deletes_old_visitor_chats_with_their_attachments(app, runner):
    old = chat.start_for_visitor("Budi Tamu", "081298765432")
    chat.post(old, APPLICANT, None, "Nomor saya 081298765432, tolong telepon.",
              upload=attachment("pdf", "ktp"))
    key = db.session.scalar(select(ChatMessage.attachment_key).where(
        ChatMessage.conversation_id == old.id, ChatMessage.attachment_key.is_not(None)))
    recent = chat.start_for_visitor("Ani Tamu", "ani@contoh.id")
    chat.post(recent, APPLICANT, None, "Jam buka loket?")
    person, _data = make_applicant(app)
    own = chat.start_for_user(person.id)
    chat.post(own, APPLICANT, person.id, "Status permohonan saya?")
    old_id, recent_id, own_id = old.id, recent.id, own.id
    _age(old, 400)
    _age(recent, 10)
    _age(own, 400)

    output = runner.invoke(args=["privacy", "purge"]).output
    assert "1 chat pengunjung" in output
    db.session.expire_all()
    assert db.session.get(ChatConversation, old_id) is None
    assert db.session.scalars(select(ChatMessage).where(
        ChatMessage.conversation_id == old_id)).all() == []
    assert db.session.get(ChatConversation, recent_id) is not None
    assert db.session.get(ChatConversation, own_id) is not None
    with pytest.raises(storage.ObjectMissing):
        list(storage.current().iter_chunks(key))
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.kind == "privacy.purged")).all()[-1]
    assert "Percakapan chat 1" in entry.summary


def test_privacy_page_states_how_long_visitor_chats_are_kept(app, client):
    from tests.backoffice_helpers import page_text

    assert "Percakapan chat Helpdesk pengunjung tanpa akun" in page_text(client.get("/privasi"))
