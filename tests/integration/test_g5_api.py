"""The REST API as an integrator meets it (QA of December 2026, /work/notes/qa_F.md): a refused
action says in `errors` which field is wrong and which actions are there, a lock_version
never issued is a bad value (not "someone else processed it"), and the document says what a
page past the end answers."""

from __future__ import annotations

from app.extensions import db
from app.models import Application
from tests.api_helpers import act, api_get, detail, staff_with_token
from tests.helpers import make_applicant, make_submitted


def _submitted(app):
    person, _ = make_applicant(app)
    return make_submitted(app, person, "SIP-DOKTER")


def test_an_action_not_offered_names_the_field_and_the_actions_there_are(app, client,
                                                                          catalogue):
    application = _submitted(app)
    _v, verifier = staff_with_token(app, "Verifikator", "DPMPTSP")
    _s, signer = staff_with_token(app, "Penandatangan", "DPMPTSP")
    # "reject" is an option's kind, not its action (tolak)
    response = act(client, verifier, application.uid, "reject")
    assert response.status_code == 400
    body = response.get_json()
    assert body["message"] == "Anda tidak berwenang melakukan tindakan 'reject' pada tahap ini."
    assert body["errors"]["action"][-1] == \
        "Tindakan yang dapat Anda lakukan sekarang: lanjut, revisi, tolak."
    early = act(client, signer, application.uid, "terbitkan").get_json()
    assert early["errors"]["action"][-1] == \
        "Tidak ada tindakan yang dapat Anda lakukan pada tahap ini."
    db.session.expire_all()
    assert db.session.get(Application, application.id).current_step == "verifikasi"


def test_a_lock_version_never_issued_is_a_bad_value_not_a_conflict(app, client, catalogue):
    application = _submitted(app)
    _v, verifier = staff_with_token(app, "Verifikator", "DPMPTSP")
    seen = detail(client, verifier, application.uid)["lock_version"]
    response = act(client, verifier, application.uid, "lanjut", lock_version=seen + 5)
    assert response.status_code == 400
    assert response.get_json()["errors"] == {"lock_version": [
        "Lebih besar dari versi permohonan saat ini; pakai lock_version dari detail "
        "permohonan."]}
    db.session.expire_all()
    assert db.session.get(Application, application.id).current_step == "verifikasi"
    assert act(client, verifier, application.uid, "lanjut",
               lock_version=seen).status_code == 200



def test_the_document_says_what_a_page_past_the_end_answers(app, client, catalogue):
    spec = client.get("/api/v1/_openapi").get_json()
    page = spec["components"]["parameters"]["page"]
    assert "halaman terakhir" in page["description"]
    for path in ("/api/v1/antrian", "/api/v1/saya/permohonan", "/api/v1/katalog/izin"):
        names = spec["paths"][path]["get"]["parameters"]
        assert {"$ref": "#/components/parameters/page"} in names, path
    listing = api_get(client, "/api/v1/katalog/izin?per_page=10&page=99").get_json()
    assert listing["page"] == listing["pages"] == 2 and listing["result"]


def test_an_oversized_json_body_is_refused_unread_and_changes_nothing(app, client, catalogue):
    from tests.api_helpers import bearer
    application = _submitted(app)
    _v, verifier = staff_with_token(app, "Verifikator", "DPMPTSP")
    seen = detail(client, verifier, application.uid)
    body = {"action": "tolak", "note": "Tidak lengkap", "lock_version": seen["lock_version"],
            "documents": {}, "padding": "x" * (3 * 1024 * 1024)}
    response = client.post(f"/api/v1/permohonan/{application.uid}/tindakan",
                           headers=bearer(verifier), json=body)
    assert response.status_code == 413
    assert response.get_json()["message"] == "Isi permintaan terlalu besar."
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "in_process"
