"""Two browsers on one address: another browser's failed logins (fewer than any limit) do not
stop a person logging in correctly on theirs. A tester once saw the second client's staff login
answered 400 (form session / CSRF): two plain `app.test_client()`s inside the test's app context
shared Flask's `g`, where Flask-WTF keeps the request's CSRF token, so the second client was
handed the first one's token. The `app` fixture now gives every test client its own request
context, as two browsers against a server have (tests/conftest.py, IsolatedClient).
A login page whose form session really ended is shown again with the reason and what was
typed (app/security/form_expiry.py), not answered with a bare error page."""

from __future__ import annotations

import re

from tests.backoffice_helpers import page_text, sign_in_staff
from tests.helpers import (
    CAPTCHA,
    PASSWORD,
    csrf_from,
    get_form,
    login,
    make_applicant,
    make_staff,
)

WRONG = "Salah-Tebak-1x"


def _fails(client, url: str, captcha_key: str, identity: str) -> str:
    token = get_form(client, url, captcha_key)
    answer = client.post(url, data={"csrf_token": token, "identity": identity,
                                    "password": WRONG, "captcha": CAPTCHA})
    assert answer.status_code == 200
    return page_text(answer)


def test_a_staff_login_succeeds_after_another_browsers_failed_tries(app):
    first, second = app.test_client(), app.test_client()
    email = "petugas.dua@contoh.id"
    make_staff(app, email=email)
    for _ in range(3):
        assert "Email atau password salah." in _fails(first, "/staff/login", "staff", email)
    sign_in_staff(second, email)  # the login form, then TOTP enrolment, lands on /admin/
    assert second.get("/admin/").status_code == 200


def test_an_applicant_login_succeeds_after_another_browsers_failed_tries(app):
    first, second = app.test_client(), app.test_client()
    _user, data = make_applicant(app)
    for _ in range(3):
        shown = _fails(first, "/masuk", "login", data["nik"])
        assert "NIK/NPWP/Email atau password salah." in shown
    answer = login(second, data["nik"])
    assert answer.status_code == 302 and answer.location == "/dashboard"


def _box(html: str, name: str) -> str:
    """The value a text box of the page shows (empty when it has none)."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html).group(0)
    found = re.search(r'\bvalue="([^"]*)"', tag)
    return found.group(1) if found else ""


def test_a_staff_login_page_left_open_past_its_session_is_shown_again(app):
    """The browser was restarted (its session cookie gone) while the login tab stayed open:
    the post is refused (400, nothing done) on the login page itself, which says why and
    keeps the e-mail; the person then logs in from it."""
    browser = app.test_client()
    email = "petugas.tiga@contoh.id"
    make_staff(app, email=email)
    stale = get_form(browser, "/staff/login", "staff")
    browser.delete_cookie(app.config["SESSION_COOKIE_NAME"])
    refused = browser.post("/staff/login", data={"csrf_token": stale, "identity": email,
                                                  "password": PASSWORD, "captcha": CAPTCHA})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Sesi halaman login sudah berakhir" in page_text(refused)
    assert _box(html, "identity") == email and _box(html, "password") == ""
    assert browser.get("/captcha/staff.png").status_code == 200
    again = browser.post("/staff/login", data={"csrf_token": csrf_from(html), "identity": email,
                                                "password": PASSWORD, "captcha": CAPTCHA})
    assert again.status_code == 302 and again.location == "/staff/totp"


def test_an_applicant_login_page_made_stale_by_another_tab_is_shown_again(app):
    """A login and a logout in another tab gave the browser a new session: the first tab's
    login post is refused on the login page itself, with the NIK kept."""
    browser = app.test_client()
    _user, data = make_applicant(app)
    stale = get_form(browser, "/masuk", "login")
    assert login(browser, data["nik"]).status_code == 302  # the other tab
    browser.post("/keluar", data={"csrf_token": csrf_from(browser.get("/dashboard")
                                                          .get_data(as_text=True))})
    refused = browser.post("/masuk", data={"csrf_token": stale, "identity": data["nik"],
                                           "password": PASSWORD, "captcha": CAPTCHA})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Sesi halaman login sudah berakhir" in page_text(refused)
    assert _box(html, "identity") == data["nik"]
    assert browser.get("/captcha/login.png").status_code == 200
    again = browser.post("/masuk", data={"csrf_token": csrf_from(html), "identity": data["nik"],
                                         "password": PASSWORD, "captcha": CAPTCHA})
    assert again.status_code == 302 and again.location == "/dashboard"
