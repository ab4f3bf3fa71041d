"""Chat in test clients: an applicant's conversation and the helpdesk's console, as the page's
script drives them (poll with ?after=, post with the page's CSRF token)."""

from __future__ import annotations

import re

from tests.helpers import csrf_from, login, make_applicant


def applicant_chat(app, client):
    """Logs a new applicant in, opens a conversation; returns (user, token, csrf)."""
    from tests.conftest import IsolatedClient

    app.test_client_class = IsolatedClient
    user, data = make_applicant(app)
    login(client, data["email"])
    page = client.get("/chat").get_data(as_text=True)
    client.post("/chat/mulai", data={"csrf_token": csrf_from(page)})
    page = client.get("/chat").get_data(as_text=True)
    token = re.search(r'data-messages-url="/chat/percakapan/([^/]+)/pesan"', page).group(1)
    return user, token, csrf_from(page)


def send(client, base: str, csrf: str, body: str = "", **extra):
    return client.post(f"{base}/kirim", data={"csrf_token": csrf, "body": body, **extra},
                       headers={"Accept": "application/json"})


def poll(client, base: str, after: int = 0, **args):
    query = "&".join(f"{k}={v}" for k, v in {"after": after, **args}.items())
    response = client.get(f"{base}/pesan?{query}")
    assert response.status_code == 200, response.status_code
    return response.get_json()


def bodies(answer) -> list[str]:
    return [m["body"] for m in answer["messages"]]


def staff_page_csrf(client, conversation_id: int) -> str:
    return csrf_from(client.get(f"/admin/chat/{conversation_id}").get_data(as_text=True))


def visitor_chat(app, contact: str = "budi@contoh.id", name: str = "Budi"):
    """A visitor without an account starts a chat (name, contact, captcha) in their own
    browser; returns (client, conversation token, the conversation page's HTML)."""
    from tests.conftest import IsolatedClient
    from tests.helpers import CAPTCHA, get_form

    visitor = IsolatedClient(app)
    form = get_form(visitor, "/bantuan/chat", "chat")
    started = visitor.post("/bantuan/chat", data={"csrf_token": form, "name": name,
                                                  "contact": contact, "captcha": CAPTCHA})
    page = visitor.get(started.location).get_data(as_text=True)
    token = page.split('data-messages-url="/chat/percakapan/')[1].split("/")[0]
    return visitor, token, page
