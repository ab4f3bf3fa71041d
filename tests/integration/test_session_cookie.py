"""Only an answer that changed the session sends the session cookie.

A browser has several requests under way at once (a page's scripts and styles, images, region
lists, autosave, polls). When every answer re-sent the session cookie as its request had found
it, an answer to a request that left before a change (the language switch, logging out) and
came back after it put the old session back in the browser: the Monitoring page stayed
Indonesian after choosing English. A "late" request here is one sent with the cookie from
before the change; its answer is stored by the browser like any other.
"""

from __future__ import annotations

import pytest

from tests.helpers import get_form, login_new_applicant

SWITCHED = "Search by receipt code"  # Monitoring Izin's search label in English
# answers that change nothing in the session: a static file, the liveness probe, the region
# list of the address dropdowns and a page (the logout form's token is already in the session)
LATE = ["/static/js/confirm-submit.js", "/healthz", "/wilayah", "/dashboard"]


def session_cookies(response) -> list[str]:
    return [value for value in response.headers.getlist("Set-Cookie")
            if value.startswith("session=")]


def late_answer(app, old_cookie: str, path: str, browser):
    """`path` requested with the cookie from before a change, its answer arriving now in
    `browser` (a Set-Cookie in it replaces the browser's cookie, as a real browser does)."""
    late = app.test_client()
    late.set_cookie("session", old_cookie)
    with late.get(path) as answer:
        assert answer.status_code < 500, (path, answer.status_code)
    for header in session_cookies(answer):
        browser.set_cookie("session", header.split(";", 1)[0].removeprefix("session="))
    return answer


@pytest.mark.parametrize("path", LATE)
def test_a_late_answer_does_not_undo_the_language_switch(app, client, path):
    login_new_applicant(app, client)
    client.get("/dashboard")
    before = client.get_cookie("session").value
    switch = client.get("/bahasa/en", headers={"Referer": "http://localhost/dashboard"})
    assert session_cookies(switch), "the switch itself must store the language"
    assert SWITCHED in client.get("/monitoring").get_data(as_text=True)
    answer = late_answer(app, before, path, browser=client)
    assert answer.status_code == 200
    assert session_cookies(answer) == []
    assert SWITCHED in client.get("/monitoring").get_data(as_text=True)


@pytest.mark.parametrize("path", LATE)
def test_a_late_answer_does_not_give_back_the_logged_out_cookie(app, client, path):
    login_new_applicant(app, client)
    token = get_form(client, "/dashboard")
    before = client.get_cookie("session").value
    logout = client.post("/keluar", data={"csrf_token": token})
    assert session_cookies(logout), "logging out must replace the cookie"
    logged_out = client.get_cookie("session").value
    answer = late_answer(app, before, path, browser=client)
    assert session_cookies(answer) == []
    assert client.get_cookie("session").value == logged_out
    assert client.get("/dashboard").status_code == 302


def test_the_first_pages_after_login_and_logout_leave_the_session_as_it_is(app, client):
    """Logging in and out gives the new session its form token at once: the first page
    after it does not have to write one, so it sends no cookie that a second tab's answer
    (or the page's own) could overwrite, and its forms keep working."""
    login_new_applicant(app, client)
    first = client.get("/dashboard")
    assert first.status_code == 200 and session_cookies(first) == []
    token = get_form(client, "/dashboard")
    other_tab = client.get("/file-saya")  # another page of the same moment
    assert session_cookies(other_tab) == []
    logout = client.post("/keluar", data={"csrf_token": token})
    assert logout.status_code == 302, "the first page's form token was refused"
    with client.session_transaction() as stored:
        secret = stored.get("csrf_token")
    assert secret, "logging out gives the new session its form token"
    # the login page takes the "Anda telah keluar." flash (that changes the session) but
    # keeps the form token the logout answer set
    assert "Anda telah keluar." in client.get("/masuk").get_data(as_text=True)
    with client.session_transaction() as stored:
        assert stored.get("csrf_token") == secret
