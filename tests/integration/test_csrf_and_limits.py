"""CSRF on every form, and rate limits on login, registration, codes and reset."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from tests.helpers import CAPTCHA, PASSWORD, get_form, login, make_applicant


def sample_url(rule: str) -> str:
    """A URL the rule matches: "1" for a number part (an <int:...> converter refuses "x1",
    which would answer 404 before the CSRF check runs), "x1" for any other part."""
    rule = re.sub(r"<int:[^>]+>", "1", rule)
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", "x1", rule)


def post_rules(app):
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()) and not rule.rule.startswith("/static"):
            yield sample_url(rule.rule)


ORIGIN_GUARDED = {"/lacak", "/survey-kepuasan/cari"}


def test_every_post_endpoint_refuses_a_request_without_csrf_token(app, client):
    user, data = make_applicant(app, email="csrf@contoh.id")
    login(client, data["nik"])
    urls = sorted(set(post_rules(app)))
    assert {"/masuk", "/keluar", "/daftar/x1", "/daftar/kirim-kode", "/lupa-password",
            "/akun/profil", "/akun/password", "/akun/foto", "/staff/login",
            "/staff/logout"} <= set(urls)
    for url in urls:
        if url in ORIGIN_GUARDED:
            # a public lookup box carries no token (a visitor has no session): the page of
            # another site that posts it is refused by its origin (app/portal/resi_lookup.py)
            response = client.post(url, data={"resi": "x"},
                                   headers={"Origin": "https://situs-lain.example"})
            assert response.status_code == 400, url
            continue
        response = client.post(url, data={"email": "a@contoh.id", "name": "x"})
        if url.startswith("/api/"):
            # the API takes no cookies, so it needs no CSRF token: a logged-in browser
            # session without a Bearer token is simply not authenticated there
            assert response.status_code == 401, url
        else:
            assert response.status_code == 400, url
    # and nothing happened: still logged in, no new account
    assert client.get("/dashboard").status_code == 200
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_login_attempts_are_rate_limited_per_ip(app, client):
    responses = []
    for _ in range(31):
        token = get_form(client, "/masuk", "login")
        responses.append(client.post("/masuk", data={
            "csrf_token": token, "identity": "6472011505900001", "password": "x",
            "captcha": CAPTCHA}))
    assert [r.status_code for r in responses[:30]] == [200] * 30
    assert responses[30].status_code == 429
    assert "Terlalu banyak permintaan" in responses[30].get_data(as_text=True)


def test_registration_posts_are_rate_limited(app, client):
    statuses = []
    for _ in range(21):
        token = get_form(client, "/daftar/perorangan", "register")
        statuses.append(client.post("/daftar/perorangan", data={
            "csrf_token": token, "captcha": CAPTCHA}).status_code)
    assert statuses[-1] == 429 and statuses[:20] == [200] * 20


def test_forgot_password_is_rate_limited(app, client):
    statuses = []
    for _ in range(11):
        token = get_form(client, "/lupa-password", "forgot")
        statuses.append(client.post("/lupa-password", data={
            "csrf_token": token, "identity": "1", "phone": "1", "email": "a@contoh.id",
            "captcha": CAPTCHA}).status_code)
    assert statuses[-1] == 429 and statuses[:10] == [200] * 10


def test_rate_limit_does_not_lock_out_other_addresses(app, client):
    _user, data = make_applicant(app, email="lain@contoh.id")
    for _ in range(30):
        token = get_form(client, "/masuk", "login")
        client.post("/masuk", data={"csrf_token": token, "identity": "x", "password": "x",
                                    "captcha": CAPTCHA})
    other = app.test_client()
    token = get_form(other, "/masuk", "login")
    response = other.post("/masuk", data={"csrf_token": token, "identity": data["nik"],
                                           "password": PASSWORD, "captcha": CAPTCHA},
                          environ_base={"REMOTE_ADDR": "127.0.0.9"})
    assert response.status_code == 302


def fail_logins(client, times: int, forwarded_for: str) -> list[int]:
    headers = {"X-Forwarded-For": forwarded_for}
    statuses = []
    for _ in range(times):
        token = get_form(client, "/masuk", "login")
        statuses.append(client.post("/masuk", headers=headers, data={
            "csrf_token": token, "identity": "x", "password": "x", "captcha": CAPTCHA},
            environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code)
    return statuses


def test_a_forged_forwarded_for_does_not_dodge_the_limit_without_a_trusted_proxy(app, client):
    assert fail_logins(client, 30, "203.0.113.5") == [200] * 30
    assert fail_logins(client, 1, "203.0.113.6") == [429]


def test_behind_a_trusted_proxy_each_visitor_has_own_limit(app, another_app, database_url,
                                                           tmp_path):
    """TRUSTED_PROXIES=1: all requests come from the proxy (10.0.0.2), the limit follows the
    visitor address it forwards."""
    proxied = another_app(SQLALCHEMY_DATABASE_URI=database_url,
                          UPLOAD_DIR=str(tmp_path / "uploads"), SECRET_KEY="test-secret-key",
                          TRUSTED_PROXIES=1)
    first, second = proxied.test_client(), proxied.test_client()
    assert fail_logins(first, 31, "203.0.113.5")[-1] == 429
    assert fail_logins(second, 1, "203.0.113.6") == [200]
