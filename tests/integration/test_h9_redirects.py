"""Redirects that go "back": a refusal (DomainError) and the language switch send the browser to
the page it came from only when that page is ours; the Referer another site's page sends is
never a redirect target. `next=` keeps to our own paths (safe_next)."""

from __future__ import annotations

import pytest

from app.services.errors import DomainError

EVIL = "https://evil.example/masuk-palsu"


def _refused(app, referer: str | None):
    """A refusal raised in a request, answered by the app's own handler as a page would be."""
    headers = {"Referer": referer} if referer else {}
    with app.test_request_context("/permohonan/x/batal", method="POST", headers=headers):
        return app.handle_user_exception(DomainError("Permohonan tidak dapat dibatalkan."))


def test_a_refusal_does_not_send_the_browser_to_another_sites_referer(app):
    assert _refused(app, EVIL).location == "/"
    assert _refused(app, "http://localhost.evil.example/").location == "/"
    assert _refused(app, "http://localhost//evil.example/x").location == "/"


def test_a_refusal_goes_back_to_our_own_page(app):
    back = "http://localhost/permohonan-saya?hal=2"
    assert _refused(app, back).location == back
    assert _refused(app, None).location == "/"


@pytest.mark.parametrize("referer", [EVIL, "http://localhost//evil.example/x",
                                     "http://localhost/\\evil.example"])
def test_the_language_switch_stays_on_our_site(client, referer):
    assert client.get("/bahasa/en", headers={"Referer": referer}).location == "/"


def test_the_language_switch_goes_back_to_the_page(client):
    response = client.get("/bahasa/en", headers={"Referer": "http://localhost/persyaratan"})
    assert response.location == "http://localhost/persyaratan"


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example",
                                    " //evil.example", "/\t/evil.example", "\\\\evil.example"])
def test_login_keeps_next_to_our_own_paths(client, target):
    page = client.get("/masuk", query_string={"next": target}).get_data(as_text=True)
    assert "evil.example" not in page


@pytest.mark.parametrize("target", ["/admin/katalog/\r\nSet-Cookie: x=1", "/admin/\\\\evil.example",
                                    "https://evil.example/admin/"])
def test_starting_a_catalogue_draft_goes_back_only_to_a_console_path(app, target):
    from tests.backoffice_helpers import staff_client
    from tests.helpers import csrf_from, publish_catalogue

    publish_catalogue(app)
    admin, _ = staff_client(app, "Admin Katalog")
    token = csrf_from(admin.get("/admin/katalog/draf/").get_data(as_text=True))
    response = admin.post("/admin/katalog/draf/mulai", data={"csrf_token": token, "next": target})
    assert response.status_code == 302 and response.location == "/admin/katalog/draf/"
    assert "Set-Cookie: x" not in str(response.headers)
