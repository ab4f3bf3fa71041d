"""Security headers as a browser receives them (app/security/headers.py): every page carries
a strict Content-Security-Policy whose nonce is the one on the page's <script> elements, a
fresh one per request; files a person uploaded are sandboxed; HSTS only on a secure site and
only over HTTPS."""

from __future__ import annotations

import io
import re

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.backoffice_helpers import staff_client
from tests.helpers import csrf_from, login, make_applicant, make_file, publish_catalogue

JSON = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}
# a valid-looking PDF that is also an HTML page with a script: a browser sniffing the
# content, or one told it is HTML, would run it
POLYGLOT = (b"%PDF-1.4\n<html><body><script>document.title='pwned'</script></body></html>\n"
            b"1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def directives(response) -> dict[str, list[str]]:
    policy = response.headers.get("Content-Security-Policy", "")
    parts = (d.strip().split() for d in policy.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def page_nonce(response) -> str:
    """The nonce the policy allows for scripts, checking the rest of a page's policy."""
    csp = directives(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] in (["'none'"], ["'self'"])
    assert csp["frame-ancestors"] == ["'self'"]
    nonces = [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1, csp["script-src"]
    assert csp["style-src"] == ["'self'", nonces[0]]
    return nonces[0][len("'nonce-"):-1]


def scripts_carry(html: str, nonce: str) -> int:
    """Every <script> element of the page carries the nonce; returns how many there are."""
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "no script on the page"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), "inline event handler"
    return len(scripts)


@pytest.mark.parametrize("url", ["/", "/masuk", "/daftar/perorangan", "/staff/login",
                                 "/persyaratan"])
def test_public_pages_carry_the_policy_and_its_nonce_on_every_script(app, client, url):
    publish_catalogue(app)
    first = client.get(url)
    assert first.status_code == 200 and first.mimetype == "text/html"
    nonce = page_nonce(first)
    scripts_carry(first.get_data(as_text=True), nonce)
    again = client.get(url)
    assert page_nonce(again) != nonce, "the nonce must change with every response"


def test_applicant_and_staff_pages_carry_the_policy(app, client):
    publish_catalogue(app)
    _user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    for url in ("/dashboard", "/file-saya", "/permohonan/baru"):
        response = client.get(url)
        assert response.status_code == 200, url
        scripts_carry(response.get_data(as_text=True), page_nonce(response))
    staff, _staff_user = staff_client(app)
    console = staff.get("/admin/")
    assert console.status_code == 200
    scripts_carry(console.get_data(as_text=True), page_nonce(console))


def test_an_error_page_carries_the_policy_too(client):
    missing = client.get("/tidak-ada-halaman-ini")
    assert missing.status_code == 404
    page_nonce(missing)


def _sandboxed(response) -> None:
    csp = directives(response)
    assert "sandbox" in csp, response.headers.get("Content-Security-Policy")
    assert csp["default-src"] == ["'none'"]
    assert "script-src" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_persons_files_are_sandboxed(app, client):
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    for ext in ("pdf", "png"):
        stored = make_file(app, user, ext)
        for url in (f"/file-saya/{stored.uid}", f"/file-saya/{stored.uid}/unduh"):
            response = client.get(url)
            assert response.status_code == 200
            _sandboxed(response)


def test_a_pdf_html_polyglot_is_never_served_as_a_page(app, client):
    _user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    token = csrf_from(client.get("/file-saya").get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "name": "Polyglot",
                                       "file": FileStorage(io.BytesIO(POLYGLOT), "a.pdf")})
    answer = client.post("/file-saya/unggah", data=body, headers=JSON,
                         content_type=f"multipart/form-data; boundary={boundary}")
    # it starts like a PDF, so the content check takes it: the headers are what keep it inert
    assert answer.status_code == 200, answer.get_data(as_text=True)
    uid = answer.json["uid"]
    opened = client.get(f"/file-saya/{uid}")
    assert opened.data == POLYGLOT
    assert opened.mimetype == "application/pdf"  # never text/html, and no sniffing
    _sandboxed(opened)  # were it rendered as HTML anyway, its script would not run
    saved = client.get(f"/file-saya/{uid}/unduh")
    assert saved.headers["Content-Disposition"].startswith("attachment;")
    _sandboxed(saved)


@pytest.mark.fresh_app
def test_a_file_marked_as_a_users_is_sandboxed_even_as_html(app):
    """The mark, not the content type, decides: a user's file stored with an HTML type (a
    future format, a wrong guess) still gets the sandbox, not the page policy."""
    from flask import Response

    from app.security import headers

    @app.get("/_test/user-html")
    def _user_html():
        return headers.sandbox(Response("<script>1</script>", mimetype="text/html"))

    response = app.test_client().get("/_test/user-html")
    assert "sandbox" in directives(response)
    assert "script-src" not in directives(response)


@pytest.mark.parametrize(("secure", "https", "expected"), [
    (True, True, True), (True, False, False), (False, True, False), (False, False, False)])
def test_hsts_only_on_a_secure_site_over_https(app, another_app, secure, https, expected):
    other = another_app(**{**app.config, "SESSION_COOKIE_SECURE": secure})
    base = "https://localhost" if https else "http://localhost"
    response = other.test_client().get("/masuk", base_url=base)
    hsts = response.headers.get("Strict-Transport-Security")
    if expected:
        assert hsts == f"max-age={other.config['HSTS_SECONDS']}"
        assert other.config["HSTS_SECONDS"] >= 180 * 24 * 3600
    else:
        assert hsts is None


def test_hsts_can_be_switched_off(app, another_app):
    other = another_app(**{**app.config, "SESSION_COOKIE_SECURE": True, "HSTS_SECONDS": 0})
    response = other.test_client().get("/masuk", base_url="https://localhost")
    assert "Strict-Transport-Security" not in response.headers
