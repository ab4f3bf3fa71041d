"""What an integrator meets at the edges of the REST API: OPTIONS answered as an API (the
methods in `Allow`, no HTML page), and a list filter with a code that names nothing refused
with the codes that would have worked, instead of an empty list read as "there is none"."""

from __future__ import annotations

import pytest

from app.api import filters
from app.api.base import Refused
from tests.api_helpers import api_get, applicant_with_token

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


def test_the_api_documentation_says_how_options_and_filters_answer(client):
    description = client.get("/api/v1/_openapi").get_json()["info"]["description"]
    assert "`OPTIONS`" in description and "`Allow`" in description
    listing = client.get("/api/v1/_openapi").get_json()["paths"]["/api/v1/katalog/izin"]
    assert "errors.instansi" in listing["get"]["description"]


# unknown filter codes -----------------------------------------------------------------------
def test_an_unknown_agency_code_is_refused_with_the_known_ones(client):
    response = client.get("/api/v1/katalog/izin?instansi=NOPE")
    assert response.status_code == 400
    body = response.get_json()
    assert body["message"] == "Kode instansi 'NOPE' tidak dikenal."
    refused, known = body["errors"]["instansi"]
    assert refused == body["message"]
    assert known.startswith("Nilai yang dikenal: ") and "DINKES" in known and "DPMPTSP" in known
    # a known code in any case still filters
    found = client.get("/api/v1/katalog/izin?instansi=dinkes").get_json()
    assert found["count"] == 3


def test_an_unknown_sector_code_is_refused_with_the_known_ones(client):
    response = client.get("/api/v1/katalog/izin?bidang=KESEHATN")
    assert response.status_code == 400
    refused, known = response.get_json()["errors"]["bidang"]
    assert refused == "Kode bidang 'KESEHATN' tidak dikenal." and "KESEHATAN" in known
    assert client.get("/api/v1/katalog/izin?bidang=kesehatan").get_json()["count"] >= 1


def test_an_unknown_status_is_refused_with_the_statuses_a_list_may_ask_for(app, client):
    _user, token = applicant_with_token(app)
    response = api_get(client, "/api/v1/saya/permohonan?status=selesai", token)
    assert response.status_code == 400
    refused, known = response.get_json()["errors"]["status"]
    assert refused == "Status 'selesai' tidak dikenal."
    assert known == ("Nilai yang dikenal: in_process, revision, rejected, issued, "
                     "cancelled, expired.")
    assert api_get(client, "/api/v1/saya/permohonan?status=issued", token).status_code == 200


def test_a_long_list_of_codes_is_pointed_at_not_written_out():
    """Another office's catalogue may hold dozens of agencies: the refusal names the
    endpoint that lists them rather than a paragraph of codes."""
    codes = [f"DINAS{n}" for n in range(filters.LIST_MAX + 1)]
    with pytest.raises(Refused) as refused:
        filters.known("instansi", "NOPE", codes, "Kode instansi", "/api/v1/katalog/instansi")
    assert refused.value.status == 400
    assert refused.value.errors["instansi"][1] == (
        "Nilai yang dikenal tercantum di /api/v1/katalog/instansi.")
    assert filters.known("instansi", "DINAS3", codes, "Kode instansi") == "DINAS3"
