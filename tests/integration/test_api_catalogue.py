"""The REST API's public side: the catalogue for anyone, JSON errors everywhere under /api/,
and the OpenAPI document with Swagger UI."""

from __future__ import annotations

from app.services import review
from tests.api_helpers import bearer, staff_with_token
from tests.helpers import make_applicant, make_submitted
from tests.helpers import publish_catalogue as publish


# catalogue ----------------------------------------------------------------------------------
def test_catalogue_endpoints_are_public(app, client):
    assert client.get("/api/v1/katalog").get_json() == {
        "message": "Katalog perizinan belum diterbitkan."}
    version = publish(app)
    info = client.get("/api/v1/katalog").get_json()
    assert info["version"] == version.number and info["digest"] == version.digest
    assert info["permits"] == 15 and info["published_at"].endswith("+00:00")

    listing = client.get("/api/v1/katalog/izin?per_page=5").get_json()
    assert (listing["count"], listing["pages"], len(listing["result"])) == (15, 3, 5)
    found = client.get("/api/v1/katalog/izin?q=dokter").get_json()["result"]
    assert [p["code"] for p in found] == ["SIP-DOKTER"]
    doctor = found[0]
    assert doctor["agency"]["code"] == "DINKES" and doctor["fee_text"] == "Gratis"
    assert doctor["validity"] == {"years": 5} and doctor["validity_text"] == "5 tahun"
    assert [t["code"] for t in doctor["application_types"]] == [
        "baru", "perpanjangan", "perubahan", "pencabutan"]
    dinkes = client.get("/api/v1/katalog/izin?instansi=dinkes").get_json()["result"]
    assert {p["agency"]["code"] for p in dinkes} == {"DINKES"} and len(dinkes) == 3

    one = client.get("/api/v1/katalog/izin/sip-dokter").get_json()
    assert one["code"] == "SIP-DOKTER" and one["version"] == version.number
    groups = {g["application_type"]: [r["key"] for r in g["requirements"]]
              for g in one["requirements"]}
    assert "ijazah" in groups["baru"] and "ijazah" not in groups["perpanjangan"]
    assert one["form"]["sections"][0]["fields"][0]["key"] == "doctor_nik"
    steps = one["routing"]["steps"]
    assert [s["key"] for s in steps] == ["verifikasi", "rekomendasi", "tte"]
    assert steps[1]["agencies"] == ["@permit"] and "Dinas Kesehatan" in steps[1]["who"]

    missing = client.get("/api/v1/katalog/izin/TIDAK-ADA")
    assert missing.status_code == 404
    assert missing.get_json()["message"] == "Jenis izin tidak ditemukan pada katalog yang berlaku."
    agencies = client.get("/api/v1/katalog/instansi").get_json()["result"]
    assert {"code": "DINKES", "permits": 3} == {k: next(
        a for a in agencies if a["code"] == "DINKES")[k] for k in ("code", "permits")}
    routings = client.get("/api/v1/katalog/alur").get_json()["result"]
    parallel = next(r for r in routings if r["code"] == "rekomendasi-paralel")
    assert parallel["steps"][1]["parallel"] is True

    bad = client.get("/api/v1/katalog/izin?per_page=0&page=x")
    assert bad.status_code == 400
    assert set(bad.get_json()["errors"]) == {"per_page", "page"}
    assert bad.get_json()["errors"]["page"] == ["Harus berupa bilangan bulat."]
    # the API says a mistake in the words the forms use for it (forms_schema.messages)
    assert bad.get_json()["errors"]["per_page"] == ["Nilai minimal 1."]
    too_many = client.get("/api/v1/katalog/izin?per_page=101&q=" + "x" * 101).get_json()
    assert too_many["errors"] == {"per_page": ["Nilai maksimal 100."],
                                  "q": ["Maksimal 100 karakter."]}


# JSON errors --------------------------------------------------------------------------------
def test_errors_under_api_are_json_never_html(app, client, catalogue, monkeypatch):
    _s, token = staff_with_token(app)
    missing = client.get("/api/v1/tidak-ada")
    assert missing.status_code == 404 and missing.is_json
    assert missing.get_json() == {"message": "Data tidak ditemukan."}
    wrong_method = client.delete("/api/v1/katalog")
    assert wrong_method.status_code == 405 and wrong_method.is_json
    assert "GET" in wrong_method.headers["Allow"]
    assert client.get("/api/v1/permohonan/x/tindakan").status_code == 405

    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    url = f"/api/v1/permohonan/{application.uid}/tindakan"
    not_json = client.post(url, headers=bearer(token), data="action=lanjut")
    assert not_json.status_code == 415 and not_json.is_json
    broken = client.post(url, headers={**bearer(token), "Content-Type": "application/json"},
                         data="{rusak")
    assert broken.status_code == 400 and broken.get_json()["message"].startswith("Isi permintaan")
    missing_fields = client.post(url, headers=bearer(token), json={"note": "x"})
    assert missing_fields.status_code == 400
    assert missing_fields.get_json()["errors"] == {"action": ["Wajib diisi."],
                                                   "lock_version": ["Wajib diisi."]}

    app.config["MAX_CONTENT_LENGTH"] = 200
    too_big = client.post(url, headers=bearer(token), json={"note": "x" * 500})
    assert too_big.status_code == 413 and too_big.is_json, too_big.get_data(as_text=True)[:300]

    def boom():
        raise RuntimeError("rahasia-internal")

    monkeypatch.setattr("app.services.catalogue_store.current_version", boom)
    crashed = client.get("/api/v1/katalog")
    assert crashed.status_code == 500 and crashed.is_json
    assert "rahasia" not in crashed.get_data(as_text=True)
    assert crashed.get_json()["message"].startswith("Maaf, terjadi kesalahan")
    # the web keeps its HTML pages
    assert "text/html" in client.get("/tidak-ada").content_type


def test_the_openapi_document_is_served(app, client):
    response = client.get("/api/v1/_openapi")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.0")
    assert {"/api/v1/katalog", "/api/v1/katalog/izin/{code}", "/api/v1/saya/permohonan",
            "/api/v1/antrian", "/api/v1/permohonan/{uid}/tindakan"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    action = spec["components"]["schemas"]["ActionRequest"]["properties"]
    assert (action["action"]["minLength"], action["action"]["maxLength"]) == (1, 64)
    assert action["note"]["maxLength"] == review.NOTE_MAX  # the limit the API checks, documented
    act_op = spec["paths"]["/api/v1/permohonan/{uid}/tindakan"]["post"]
    assert act_op["security"] == [{"bearerAuth": []}]
    assert "security" not in spec["paths"]["/api/v1/katalog"]["get"]
    assert "/api/v1/menu/" not in spec["paths"]  # FAB's cookie-authenticated menu API is off
    assert client.get("/api/v1/menu/").status_code == 404
    # and for people, Swagger UI from FAB's bundled copy (no CDN)
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/_openapi" in page and "/static/appbuilder/js/swagger-ui-bundle.js" in page
    bundle = client.get("/static/appbuilder/js/swagger-ui-bundle.js")
    bundle.close()
    assert bundle.status_code == 200
    assert "/api/v1/docs" not in spec["paths"]
