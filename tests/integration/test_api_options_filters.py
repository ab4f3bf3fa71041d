"""What an integrator meets at the edges of the REST API: OPTIONS answered as an API (the
methods in `Allow`, no HTML page), and a list filter with a code that names nothing refused
with the codes that would have worked, instead of an empty list read as "there is none"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("catalogue")


# OPTIONS ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "methods"), [
    ("/api/v1/katalog/izin", {"GET", "HEAD", "OPTIONS"}),
    ("/api/v1/saya/permohonan", {"GET", "HEAD", "OPTIONS"}),  # needs a token for GET
    ("/api/v1/permohonan/tidak-ada/tindakan", {"POST", "OPTIONS"}),
    ("/api/v1/_openapi", {"GET", "HEAD", "OPTIONS"}),
])
def test_options_answers_the_allowed_methods_without_a_page(client, url, methods):
    response = client.options(url)
    assert response.status_code == 204
    assert {m.strip() for m in response.headers["Allow"].split(",")} == methods
    assert response.data == b"" and "text/html" not in response.headers.get("Content-Type", "")
    assert response.headers["Cache-Control"] == "no-store"
    # the API's own headers, the same as on its JSON answers (no page policy, no CORS)
    assert response.headers["Content-Security-Policy"] == client.get(
        "/api/v1/katalog").headers["Content-Security-Policy"]
    assert not any(name.lower().startswith("access-control-") for name in response.headers.keys())


def test_options_on_an_unknown_api_address_is_the_json_404(client):
    response = client.options("/api/v1/tidak-ada")
    assert response.status_code == 404
    assert response.get_json() == {"message": "Data tidak ditemukan."}


def test_the_api_documentation_says_how_options_answers(client):
    description = client.get("/api/v1/_openapi").get_json()["info"]["description"]
    assert "`OPTIONS`" in description and "`Allow`" in description
