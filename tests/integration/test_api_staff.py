"""The REST API for staff: the queue and the actions, through the same services and rules as
the grid; an applicant's token is refused on every staff endpoint."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import Application, ApplicationEvent, IssuedPermit
from app.services import review, workflow
from tests.api_helpers import act, api_get, applicant_with_token, bearer, detail, staff_with_token
from tests.helpers import make_applicant, make_submitted


def queue_uids(client, token) -> list[str]:
    response = api_get(client, "/api/v1/antrian", token)
    assert response.status_code == 200, response.get_json()
    return [row["uid"] for row in response.get_json()["result"]]


def test_the_queue_holds_what_the_role_and_agency_can_act_on(app, client, catalogue):
    person, _ = make_applicant(app)
    doctor = make_submitted(app, person, "SIP-DOKTER")  # DINKES
    waste = make_submitted(app, person, "PERTEK-AIR-LIMBAH")  # DLH
    _v, verifikator = staff_with_token(app, "Verifikator", "DPMPTSP")
    _d, dinkes = staff_with_token(app, "Tim Teknis", "DINKES")
    _l, dlh = staff_with_token(app, "Tim Teknis", "DLH")
    _h, helpdesk = staff_with_token(app, "Helpdesk", "DPMPTSP")

    assert set(queue_uids(client, verifikator)) == {doctor.uid, waste.uid}
    row = api_get(client, "/api/v1/antrian", verifikator).get_json()["result"][0]
    assert row["role"] == "Verifikator" and row["step"] == "verifikasi"
    assert row["overdue"] is False and row["sla_left"] >= 0
    assert queue_uids(client, dinkes) == [] and queue_uids(client, dlh) == []

    assert act(client, verifikator, doctor.uid, "lanjut").status_code == 200
    assert queue_uids(client, verifikator) == [waste.uid]
    assert queue_uids(client, dinkes) == [doctor.uid]
    assert queue_uids(client, dlh) == []
    # another Dinas cannot open it, nor act on it
    assert api_get(client, f"/api/v1/permohonan/{doctor.uid}", dlh).status_code == 404
    refused = act(client, dlh, doctor.uid, "lanjut", lock_version=doctor.lock_version + 1)
    assert refused.status_code == 404
    # Helpdesk has no "Antrian" screen: the staff API is not theirs
    response = api_get(client, "/api/v1/antrian", helpdesk)
    assert response.status_code == 403 and "petugas" in response.get_json()["message"]


def test_the_whole_routing_through_the_api_matches_the_service(app, client, catalogue):
    person, person_token = applicant_with_token(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    _v, verifikator = staff_with_token(app, "Verifikator", "DPMPTSP", name="Vera Verifikator")
    _d, dinkes = staff_with_token(app, "Tim Teknis", "DINKES", name="Teguh Dinkes")
    _s, signer = staff_with_token(app, "Penandatangan", "DPMPTSP", name="Kepala DPMPTSP")

    seen = detail(client, verifikator, application.uid)
    assert [o["action"] for o in seen["options"]] == ["lanjut", "revisi", "tolak"]
    assert {d["requirement_key"] for d in seen["documents"]} >= {"ktp", "str"}
    assert detail(client, signer, application.uid)["options"] == []  # not their step yet
    wrong = act(client, signer, application.uid, "terbitkan")
    assert wrong.status_code == 400
    assert wrong.get_json()["message"] == (
        "Anda tidak berwenang melakukan tindakan 'terbitkan' pada tahap ini.")

    every = {d["requirement_key"]: {"valid": True} for d in seen["documents"]}
    response = act(client, verifikator, application.uid, "lanjut", documents={
        **every, "ktp": {"valid": True}, "str": {"valid": True, "note": "cocok"}})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["outcome"] == "moved"
    assert body["message"].endswith("diteruskan ke tahap Rekomendasi Teknis.")
    assert body["application"]["step"] == "rekomendasi"
    checks = {d["requirement_key"]: d["check"] for d in body["application"]["documents"]}
    assert checks["str"] == {"valid": True, "note": "cocok", "round": 0}

    assert act(client, dinkes, application.uid, "lanjut",
               note="Memenuhi syarat teknis").get_json()["outcome"] == "moved"
    response = act(client, signer, application.uid, "terbitkan")
    assert response.status_code == 200, response.get_json()
    permit = db.session.scalar(select(IssuedPermit))
    assert response.get_json()["message"] == f"Izin terbit dengan nomor {permit.number}."

    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.status == "issued" and permit.application_id == application.id
    events = db.session.scalars(select(ApplicationEvent).where(
        ApplicationEvent.application_id == application.id, ApplicationEvent.kind == "action")
        .order_by(ApplicationEvent.id)).all()
    assert [(e.actor_name, e.actor_role, e.action, e.details["outcome"]) for e in events] == [
        ("Vera Verifikator", "Verifikator", "lanjut", "moved"),
        ("Teguh Dinkes", "Tim Teknis", "lanjut", "moved"),
        ("Kepala DPMPTSP", "Penandatangan", "terbitkan", "issued")]
    # the applicant sees the same outcome through their own token
    mine = api_get(client, f"/api/v1/saya/permohonan/{application.uid}", person_token).json
    assert mine["status"] == "issued" and mine["permit"]["number"] == permit.number
    assert mine["permit"]["verification_url"].endswith(f"/verifikasi/{permit.token}")
    assert [s["state"] for s in mine["stages"]] == ["done", "done", "done"]
    final = detail(client, signer, application.uid)
    assert final["options"] == [] and final["permit"]["number"] == permit.number


def test_revision_with_an_invalid_document_and_the_services_refusals(app, client, catalogue):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    _v, verifikator = staff_with_token(app, "Verifikator", "DPMPTSP")

    empty = act(client, verifikator, application.uid, "revisi",
                documents={"ktp": {"valid": True}})
    assert empty.status_code == 400
    assert empty.get_json()["message"] == (
        "Tuliskan catatan revisi atau tandai dokumen yang tidak valid.")
    no_reason = act(client, verifikator, application.uid, "tolak", note="  ")
    assert no_reason.status_code == 400
    assert no_reason.get_json()["message"] == "Alasan penolakan wajib diisi."
    unknown = act(client, verifikator, application.uid, "revisi",
                  documents={"sertifikat_halal": {"valid": False}})
    assert unknown.status_code == 400 and "sertifikat_halal" in unknown.get_json()["message"]
    invalid_body = act(client, verifikator, application.uid, "revisi",
                       documents={"ktp": {"valid": "mungkin", "warna": "merah"}})
    assert invalid_body.status_code == 400
    assert invalid_body.get_json()["errors"]["documents"]["ktp"]["value"] == {
        "valid": ["Harus berupa ya/tidak (true/false)."], "warna": ["Isian tidak dikenal."]}
    db.session.refresh(application)
    assert application.status == "in_process"  # every refusal changed nothing

    response = act(client, verifikator, application.uid, "revisi",
                   documents={"ktp": {"valid": False, "note": "Foto KTP buram"},
                              "str": {"valid": True}})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["outcome"] == "revision"
    db.session.refresh(application)
    assert application.status == "revision" and application.revision_round == 1
    last = db.session.scalar(select(ApplicationEvent).order_by(ApplicationEvent.id.desc()))
    assert last.note == "- Scan KTP tidak valid: Foto KTP buram"
    assert response.get_json()["application"]["options"] == []
    # nothing more to do until the applicant revises
    after = act(client, verifikator, application.uid, "lanjut")
    assert after.status_code == 400
    assert after.get_json()["message"].startswith("Permohonan berstatus Perlu Revisi")


def test_a_stale_lock_version_is_a_409_and_changes_nothing(app, client, catalogue):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    _a, first = staff_with_token(app, "Verifikator", "DPMPTSP", name="Vera Verifikator")
    second_user, second = staff_with_token(app, "Verifikator", "DPMPTSP", name="Rudi")
    seen = detail(client, second, application.uid)["lock_version"]
    assert act(client, first, application.uid, "lanjut").status_code == 200

    response = act(client, second, application.uid, "tolak", note="Tidak lengkap",
                   lock_version=seen)
    assert response.status_code == 409
    assert response.get_json()["message"].startswith(
        "Permohonan ini sudah diproses oleh Vera Verifikator")
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.status == "in_process" and application.current_step == "rekomendasi"
    # the same refusal as the service gives the grid
    with pytest.raises(workflow.AlreadyProcessed, match="Vera Verifikator"):
        review.act(application, casework.actor_for(second_user), "tolak", note="x",
                   seen_version=seen)


STAFF_CALLS = [("get", "/api/v1/antrian"), ("get", "/api/v1/permohonan/{uid}"),
               ("post", "/api/v1/permohonan/{uid}/tindakan")]


@pytest.mark.parametrize(("method", "url"), STAFF_CALLS)
def test_an_applicant_token_is_refused_on_every_staff_endpoint(app, client, catalogue,
                                                               method, url):
    person, token = applicant_with_token(app)
    application = make_submitted(app, person, "SIP-DOKTER")  # even on their own
    response = getattr(client, method)(url.format(uid=application.uid), headers=bearer(token),
                                       json={"action": "lanjut", "lock_version": 1})
    assert response.status_code == 403
    assert response.get_json()["message"].startswith("Layanan ini hanya untuk token milik")
    db.session.refresh(application)
    assert application.current_step == "verifikasi"
