"""Logging in and staying logged in: one generic failure, throttling, rotation, idle expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import UserSession, utcnow
from tests.helpers import CAPTCHA, PASSWORD, get_form, login, make_applicant

GENERIC = "NIK/NPWP/Email atau password salah."


@pytest.fixture
def applicant(app):
    user, data = make_applicant(app, email="budi@contoh.id")
    return user, data


@pytest.mark.parametrize("identity_key", ["nik", "email"])
def test_login_with_nik_or_email(client, applicant, identity_key):
    _user, data = applicant
    response = login(client, data[identity_key])
    assert response.status_code == 302 and response.location.endswith("/dashboard")
    assert "Siti Aminah" in client.get("/dashboard").get_data(as_text=True)


def test_wrong_password_and_unknown_user_get_the_same_message(client, applicant):
    _user, data = applicant
    wrong_password = login(client, data["nik"], "Salah-Sekali-1").get_data(as_text=True)
    unknown_user = login(client, "6472011505909999", PASSWORD).get_data(as_text=True)
    assert GENERIC in wrong_password and GENERIC in unknown_user
    assert "tidak terdaftar" not in unknown_user


def test_wrong_captcha_blocks_even_the_right_password(client, applicant):
    _user, data = applicant
    token = get_form(client, "/masuk", "login")
    response = client.post("/masuk", data={"csrf_token": token, "identity": data["nik"],
                                           "password": PASSWORD, "captcha": "XXXXX"})
    assert "Captcha Invalid" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_five_failures_lock_the_account_even_for_the_right_password(client, applicant):
    _user, data = applicant
    for _ in range(4):
        assert GENERIC in login(client, data["nik"], "Salah-Sekali-1").get_data(as_text=True)
    fifth = login(client, data["nik"], "Salah-Sekali-1").get_data(as_text=True)
    assert "Akun dikunci sementara" in fifth
    locked = login(client, data["nik"], PASSWORD).get_data(as_text=True)
    assert "Akun dikunci sementara" in locked
    assert client.get("/dashboard").status_code == 302


def test_login_rotates_the_session_and_logout_revokes_it(app, client, applicant):
    _user, data = applicant
    get_form(client, "/masuk", "login")
    before = client.get_cookie("session").value
    login(client, data["nik"])
    after = client.get_cookie("session").value
    assert before != after
    token = get_form(client, "/dashboard")
    stolen_cookie = after
    client.post("/keluar", data={"csrf_token": token})
    assert client.get("/dashboard").status_code == 302
    # replaying the cookie captured before logout does not log anyone in
    client.set_cookie("session", stolen_cookie)
    assert client.get("/dashboard").status_code == 302


def test_idle_session_expires_after_30_minutes(app, client, applicant):
    _user, data = applicant
    login(client, data["nik"])
    assert client.get("/dashboard").status_code == 200
    row = db.session.scalar(select(UserSession).where(UserSession.revoked_at.is_(None)))
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    db.session.commit()
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/masuk" in response.location


def test_logout_is_post_only(client, applicant):
    _user, data = applicant
    login(client, data["nik"])
    assert client.get("/keluar").status_code == 405
    assert client.get("/dashboard").status_code == 200


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/akun/profil", "/akun/profil"),
        ("https://evil.example/phish", "/dashboard"),
        ("//evil.example/phish", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
    ],
)
def test_next_only_redirects_to_our_own_paths(client, applicant, next_url, lands_on):
    _user, data = applicant
    response = login(client, data["nik"], next_url=next_url)
    assert response.status_code == 302
    assert response.location == lands_on


def test_protected_page_sends_to_login_and_back(client, applicant):
    _user, data = applicant
    response = client.get("/akun/profil")
    assert response.status_code == 302 and "next=/akun/profil" in response.location
    html = client.get(response.location).get_data(as_text=True)
    assert 'value="/akun/profil"' in html
    token = get_form(client, "/masuk", "login")
    response = client.post("/masuk", data={"csrf_token": token, "identity": data["email"],
                                           "password": PASSWORD, "captcha": CAPTCHA,
                                           "next": "/akun/profil"})
    assert response.location == "/akun/profil"


@pytest.mark.parametrize("path", ["/masuk", "/daftar/perorangan", "/lupa-password",
                                  "/staff/login"])
def test_disabled_captcha_is_not_shown(app, client, path):
    shown = client.get(path).get_data(as_text=True)
    assert 'name="captcha"' in shown and "/captcha/" in shown
    app.config["CAPTCHA_ENABLED"] = False
    hidden = client.get(path).get_data(as_text=True)
    assert 'name="captcha"' not in hidden and "/captcha/" not in hidden


def test_with_captcha_off_an_applicant_logs_in_without_one(app, client):
    _user, data = make_applicant(app)
    app.config["CAPTCHA_ENABLED"] = False
    token = get_form(client, "/masuk")
    response = client.post("/masuk", data={"csrf_token": token, "identity": data["nik"],
                                           "password": PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/dashboard")
