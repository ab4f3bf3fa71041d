"""The REST API says when a permit was replaced by a renewal or an amendment: which permit
now counts, since when and why, and the OpenAPI document describes it."""

from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from app.services import calendar
from tests.api_helpers import api_get, applicant_with_token
from tests.helpers import approve_all, make_submitted

PERMIT = "SIP-DOKTER"


def test_an_old_permit_names_its_successor(app, client, catalogue):
    person, token = applicant_with_token(app)
    first = make_submitted(app, person, PERMIT, "baru")
    approve_all(app, first)
    url = f"/api/v1/saya/permohonan/{first.uid}"
    assert api_get(client, url, token).get_json()["permit"]["replaced_by"] is None

    first.permit.valid_until = calendar.today() + timedelta(days=30)
    db.session.commit()
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first.permit)
    approve_all(app, renewal)
    old = api_get(client, url, token).get_json()["permit"]
    assert old["revoked"] is False
    successor = old["replaced_by"]
    assert successor["number"] == renewal.permit.number and successor["kind"] == "renewal"
    assert successor["replaced_at"].startswith(calendar.today().isoformat()[:4])
    assert successor["replaced_at"].endswith("+00:00")
    assert successor["verification_url"].endswith(f"/verifikasi/{renewal.permit.token}")
    assert api_get(client, f"/api/v1/saya/permohonan/{renewal.uid}", token).get_json()[
        "permit"]["replaced_by"] is None


def test_the_openapi_document_describes_the_successor(client):
    spec = client.get("/api/v1/_openapi").get_json()
    schemas = spec["components"]["schemas"]
    field = schemas["IssuedPermit"]["properties"]["replaced_by"]
    assert "perpanjangan atau perubahan" in str(field)
    assert set(schemas["PermitReplacement"]["properties"]) == {
        "number", "replaced_at", "kind", "verification_url"}
