"""Staff in test clients and the verifier screens' forms, shared by the back-office tests."""

from __future__ import annotations

import html
import re
from itertools import count

import pyotp

from tests.helpers import CAPTCHA, PASSWORD, csrf_from, get_form, make_staff

SERIAL = count(1)


def staff_client(app, role: str = "Verifikator", agency: str = "DPMPTSP", *, name=None):
    """A fresh client with a staff member logged in (password + captcha, then TOTP)."""
    from tests.conftest import IsolatedClient

    app.test_client_class = IsolatedClient
    client = app.test_client()
    email = f"{role.lower().replace(' ', '')}{next(SERIAL)}@contoh.id"
    user = make_staff(app, role, agency, email=email)
    if name:
        from app.extensions import db

        user.first_name, user.last_name = name, ""
        db.session.commit()
    sign_in_staff(client, email)
    return client, user


def sign_in_staff(client, email: str) -> None:
    """Password + captcha, then TOTP enrolment with the secret the page shows, as staff do."""
    token = get_form(client, "/staff/login", "staff")
    response = client.post("/staff/login", data={"csrf_token": token, "identity": email,
                                                 "password": PASSWORD, "captcha": CAPTCHA})
    assert response.location == "/staff/totp", response.get_data(as_text=True)[:500]
    page = client.get("/staff/totp").get_data(as_text=True)
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page).group(1)
    token = get_form(client, "/staff/totp")
    response = client.post("/staff/totp", data={"csrf_token": token,
                                                "code": pyotp.TOTP(secret).now()})
    assert response.location == "/admin/"


def page_text(response) -> str:
    """The page as a person reads it: tags dropped, entities unescaped, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def detail(client, uid: str):
    response = client.get(f"/admin/antrian/{uid}")
    assert response.status_code == 200, response.status_code
    return response


def lock_version(page_html: str) -> str:
    return re.search(r'name="lock_version" value="(\d+)"', page_html).group(1)


def act(client, uid: str, action: str, note: str = "", docs: dict | None = None,
        version: str | None = None, **extra):
    """Press an action button on the detail screen as shown (its CSRF token and lock
    version); docs maps requirement key -> ("valid"|"invalid", note). Without docs, every
    document not yet judged in this round is marked valid first, as a verifier does before
    forwarding; `docs={}` presses the button with no verdict at all."""
    page = detail(client, uid).get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "lock_version": version or lock_version(page),
            "action": action, "note": note, **extra}
    if docs is None:  # the documents nobody has judged yet in this round
        docs = {key: ("valid", "") for key, judged in re.findall(
            r'name="doc-([\w-]+)" value="valid" id="[^"]*"( checked)?', page) if not judged}
    for key, (choice, doc_note) in (docs or {}).items():
        data[f"doc-{key}"] = choice
        data[f"docnote-{key}"] = doc_note
    return client.post(f"/admin/antrian/{uid}/tindakan", data=data)


def action_buttons(page_html: str) -> list[str]:
    return re.findall(r'name="action" value="([a-z_]+)"', page_html)


def search(client, grid_url: str, text: str, **filters):
    """Type `text` into the grid's search box and press Terapkan, as the page does (a POST),
    then open where it leads. The term never appears in that URL."""
    from urllib.parse import quote

    page = client.get(grid_url).get_data(as_text=True)
    response = client.post(grid_url.rstrip("/") + "/cari",
                           data={"csrf_token": csrf_from(page), "q": text, **filters})
    assert response.status_code == 302, response.status_code
    assert text not in response.location and quote(text) not in response.location
    return client.get(response.location)
