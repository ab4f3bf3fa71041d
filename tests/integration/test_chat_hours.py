"""Office hours and the automatic reply are data: the seeded hours, the catalogue's holidays
and the reply text edited in the console decide what an applicant gets outside hours."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tests.backoffice_helpers import page_text, staff_client
from tests.chat_helpers import applicant_chat, poll, send, staff_page_csrf
from tests.helpers import csrf_from, publish_catalogue


def test_seeded_hours_and_the_catalogues_holidays_decide_when_the_helpdesk_is_open(app):
    from app.services import chat_hours

    assert chat_hours.seed_defaults() is True
    assert chat_hours.seed_defaults() is False  # an office's own edits are never overwritten
    publish_catalogue(app)
    holiday = min(d for d in holiday_set() if d.weekday() < 5)
    ordinary = holiday + timedelta(days=7)
    while ordinary in holiday_set() or ordinary.weekday() >= 5:
        ordinary += timedelta(days=1)
    at = lambda day, hour: datetime.combine(day, time(hour, 0))  # noqa: E731
    assert chat_hours.is_open(at(ordinary, 10)) is True
    assert chat_hours.is_open(at(ordinary, 7)) is False
    assert chat_hours.is_open(at(ordinary, 17)) is False
    saturday = ordinary + timedelta(days=(5 - ordinary.weekday()))
    assert chat_hours.is_open(at(saturday, 10)) is False
    assert chat_hours.is_open(at(holiday, 10)) is False


def holiday_set():
    from app.services import catalogue_store

    return catalogue_store.current().holiday_dates()


def _closed_today(app):
    """Hours on every weekday except today's, so now is outside office hours."""
    from app.extensions import db
    from app.models import ChatOfficeHours, ChatSetting
    from app.services import calendar, chat_hours

    today = calendar.local_now().weekday()
    db.session.add_all(ChatOfficeHours(weekday=d, opens=time(0, 0), closes=time(23, 59))
                       for d in range(7) if d != today)
    db.session.add(ChatSetting(key=chat_hours.AUTO_REPLY_KEY,
                               value="Kami sedang tutup; dibalas besok pagi."))
    db.session.commit()


def test_outside_hours_the_applicant_gets_the_automatic_reply_once_while_nobody_took_it(
        app, client):
    _closed_today(app)
    _user, token, csrf = applicant_chat(app, client)
    base = f"/chat/percakapan/{token}"
    assert "Di luar jam layanan" in page_text(client.get("/chat"))
    send(client, base, csrf, "halo?")
    send(client, base, csrf, "ada orang?")
    replies = [(m["sender"], m["body"]) for m in poll(client, base)["messages"]]
    assert replies == [("pemohon", "halo?"), ("sistem", "Kami sedang tutup; dibalas besok pagi."),
                       ("pemohon", "ada orang?")]
    from tests.integration.test_chat import _id_of

    cid = _id_of(token)
    helpdesk, _staff = staff_client(app, "Helpdesk", name="Hana")
    send(helpdesk, f"/admin/chat/{cid}", staff_page_csrf(helpdesk, cid), "Saya di sini.")
    send(client, base, csrf, "terima kasih")
    messages = poll(client, base)["messages"]
    assert [m["body"] for m in messages[-3:]] == [
        "Petugas helpdesk bergabung dalam percakapan.", "Saya di sini.",
        "terima kasih"]  # no second reply
    assert [m["body"] for m in messages].count("Kami sedang tutup; dibalas besok pagi.") == 1


def test_canned_replies_are_data_the_helpdesk_edits_in_the_console(app, client):
    from app.services import chat_hours

    chat_hours.seed_defaults()
    _user, token, csrf = applicant_chat(app, client)
    send(client, f"/chat/percakapan/{token}", csrf, "halo")
    helpdesk, _staff = staff_client(app, "Helpdesk")
    listing = page_text(helpdesk.get("/admin/chat-balasan/"))
    assert "Salam pembuka" in listing
    form_page = helpdesk.get("/admin/chat-balasan/new/").get_data(as_text=True)
    created = helpdesk.post("/admin/chat-balasan/new/", data={
        "csrf_token": csrf_from(form_page), "title": "Jam layanan",
        "body": "Kami melayani Senin-Jumat pukul 08.00-16.00.", "active": "y"})
    assert created.status_code == 302
    from tests.integration.test_chat import _id_of

    page = helpdesk.get(f"/admin/chat/{_id_of(token)}").get_data(as_text=True)
    assert 'data-body="Kami melayani Senin-Jumat pukul 08.00-16.00."' in page
    assert ">Salam pembuka</option>" in page
    assert staff_page_csrf(helpdesk, _id_of(token))
