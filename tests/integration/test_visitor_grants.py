"""What an anonymous visitor proved in this browser (a complaint's ticket, a chat they
started) lapses after SESSION_IDLE_MINUTES without use, like a login, although the session
cookie itself now lives SESSION_MAX_HOURS: the next person at a shared computer must not open
someone's complaint or chat hours later. Using a grant renews it.

Time is moved by ageing the grant's clock in the signed session, as the browser would hold it
after that many idle minutes."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Complaint
from tests.chat_helpers import visitor_chat
from tests.complaint_helpers import seed_categories
from tests.helpers import CAPTCHA, get_form


def _age(client, key: str, minutes: float) -> None:
    """The browser's grants under `key` as if last used `minutes` ago."""
    with client.session_transaction() as stored:
        stored[key] = [[value, used - minutes * 60] for value, used in stored[key]]


def _file_complaint(client) -> str:
    token = get_form(client, "/pengaduan/baru", "complaint")
    response = client.post("/pengaduan/baru", data={
        "csrf_token": token, "name": "Budi Tamu", "email": "tamu@contoh.id",
        "phone": "0812 9876 5432", "category": "teknis",
        "body": "Unggah berkas gagal terus sejak pagi.", "captcha": CAPTCHA},
        content_type="multipart/form-data")
    assert response.status_code == 302
    return response.location


def test_a_complaint_grant_lapses_when_idle_and_a_use_renews_it(app, client):
    seed_categories(app)
    ticket_page = _file_complaint(client)
    idle = app.config["SESSION_IDLE_MINUTES"]
    assert client.get(ticket_page).status_code == 200

    _age(client, "complaint_tickets", idle - 5)  # in use: opening it renews the clock
    assert client.get(ticket_page).status_code == 200
    _age(client, "complaint_tickets", idle - 5)  # idle - 5 after that use, not 2 x
    assert client.get(ticket_page).status_code == 200

    _age(client, "complaint_tickets", idle + 1)  # left alone past the idle time
    page = client.get(ticket_page)
    assert page.status_code == 404
    ticket = db.session.scalar(db.select(Complaint.ticket))
    assert ticket not in page.get_data(as_text=True) and "Budi" not in page.get_data(
        as_text=True)
    with client.session_transaction() as stored:
        assert stored["complaint_tickets"] == []  # the lapsed grant is forgotten


def test_a_grant_kept_before_grants_had_a_clock_does_not_open_the_complaint(app, client):
    seed_categories(app)
    ticket_page = _file_complaint(client)
    ticket = db.session.scalar(db.select(Complaint.ticket))
    with client.session_transaction() as stored:
        stored["complaint_tickets"] = [ticket]  # how grants were kept before
    assert client.get(ticket_page).status_code == 404


@pytest.mark.usefixtures("always_open")
def test_a_visitors_chat_lapses_when_idle(app):
    visitor, conversation, _page = visitor_chat(app)
    messages = f"/chat/percakapan/{conversation}/pesan?after=0"
    assert visitor.get(messages).status_code == 200

    _age(visitor, "chat_tokens", app.config["SESSION_IDLE_MINUTES"] - 5)
    assert visitor.get(messages).status_code == 200  # polling is use

    _age(visitor, "chat_tokens", app.config["SESSION_IDLE_MINUTES"] + 1)
    assert visitor.get(messages).status_code == 404
    assert visitor.get("/bantuan/chat/percakapan").location == "/bantuan/chat"

