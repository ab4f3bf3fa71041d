"""The REST API for applicants: their own applications through their own token, nobody
else's."""

from __future__ import annotations

from app.services import resi as resi_codes
from tests.api_helpers import api_get, applicant_with_token, staff_with_token
from tests.helpers import make_submitted


def test_an_applicant_reads_only_their_own_applications(app, client, catalogue):
    siti, siti_token = applicant_with_token(app)
    budi, budi_token = applicant_with_token(app)
    first = make_submitted(app, siti, "SIP-DOKTER")
    second = make_submitted(app, siti, "IZIN-PENELITIAN")
    theirs = make_submitted(app, budi, "SIP-DOKTER")

    listing = api_get(client, "/api/v1/saya/permohonan", siti_token).get_json()
    assert listing["count"] == 2
    assert {a["uid"] for a in listing["result"]} == {first.uid, second.uid}
    row = next(a for a in listing["result"] if a["uid"] == first.uid)
    assert row["status"] == "in_process" and row["status_label"] == "Dalam Proses"
    assert row["step"] == "verifikasi" and row["step_name"] == "Verifikasi Berkas"
    assert row["estimated_completion"] == first.estimated_completion.isoformat()
    assert row["resi"] == resi_codes.display(first.resi)

    by_resi = api_get(client, f"/api/v1/saya/permohonan?q={row['resi'].lower()}",
                      siti_token).get_json()
    assert [a["uid"] for a in by_resi["result"]] == [first.uid]
    assert api_get(client, "/api/v1/saya/permohonan?status=issued",
                   siti_token).get_json()["count"] == 0
    bad = api_get(client, "/api/v1/saya/permohonan?status=draft", siti_token)
    assert bad.status_code == 400 and "status" in bad.get_json()["errors"]

    one = api_get(client, f"/api/v1/saya/permohonan/{first.uid}", siti_token).get_json()
    assert one["history"][0]["title"] == "Permohonan dikirim"
    assert [s["state"] for s in one["stages"]] == ["current", "todo", "todo"]
    assert one["stages"][0]["waiting_for"] == ["DPMPTSP"] and one["permit"] is None

    for uid in (theirs.uid, "tidak-ada"):
        response = api_get(client, f"/api/v1/saya/permohonan/{uid}", siti_token)
        assert response.status_code == 404
        assert response.get_json() == {"message": "Permohonan tidak ditemukan."}
    assert api_get(client, f"/api/v1/saya/permohonan/{theirs.uid}",
                   budi_token).status_code == 200
    _staff, staff_token = staff_with_token(app)
    response = api_get(client, "/api/v1/saya/permohonan", staff_token)
    assert response.status_code == 403
    assert response.get_json()["message"] == "Layanan ini hanya untuk token milik pemohon."
