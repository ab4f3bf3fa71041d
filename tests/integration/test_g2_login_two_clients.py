"""Two browsers on one address: another browser's failed logins (fewer than any limit) do not
stop a person logging in correctly on theirs. A tester once saw the second client's staff login
answered 400 (form session / CSRF): two plain `app.test_client()`s inside the test's app context
shared Flask's `g`, where Flask-WTF keeps the request's CSRF token, so the second client was
handed the first one's token. The `app` fixture now gives every test client its own request
context, as two browsers against a server have (tests/conftest.py, IsolatedClient)."""

from __future__ import annotations

from tests.backoffice_helpers import page_text, sign_in_staff
from tests.helpers import (
    CAPTCHA,
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

