"""The REST API: token lifecycle (service, CLI, account page), the public catalogue, an
applicant's own applications, the staff queue and actions through the same services and
rules as the grid, and JSON errors everywhere under /api/."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import casework
from app.extensions import db
from app.models import ApiToken, Application, ApplicationEvent, IssuedPermit, utcnow
from app.services import api_tokens, review, workflow
from app.services import resi as resi_codes
from tests.api_helpers import (
    act,
    api_get,
    applicant_with_token,
    bearer,
    detail,
    staff_with_token,
    token_for,
)
from tests.helpers import (
    CAPTCHA,
    PASSWORD,
    csrf_from,
    get_form,
    login,
    make_applicant,
    make_staff,
    make_submitted,
)
from tests.helpers import publish_catalogue as publish


@pytest.fixture
def catalogue(app):
    return publish(app)


# tokens -------------------------------------------------------------------------------------
def test_a_token_is_shown_once_stored_hashed_and_acts_as_its_owner(app, client):
    user, _ = make_applicant(app, email="pemilik@contoh.id")
    created = api_tokens.create(user, "  Sistem   HRD ", 30)
    assert created.secret.startswith("eptsp_") and len(created.secret) > 40
    row = db.session.scalar(select(ApiToken))
    assert row.name == "Sistem HRD"
    assert row.token_hash == hashlib.sha256(created.secret.encode()).hexdigest()
    assert created.secret not in {row.name, row.token_hash}
    assert timedelta(days=29) < row.expires_at - row.created_at <= timedelta(days=30)
    assert row.last_used_at is None

    response = api_get(client, "/api/v1/akun", created.secret)
    assert response.status_code == 200
    assert response.get_json() == {"kind": "pemohon", "name": "Siti Aminah, S.E.",
                                   "email": "pemilik@contoh.id", "roles": ["Pemohon"],
                                   "agency": None}
    assert response.headers["Cache-Control"] == "no-store"
    db.session.refresh(row)
    first_use = row.last_used_at
    assert first_use is not None
    assert api_get(client, "/api/v1/akun", created.secret).status_code == 200
    db.session.refresh(row)
    assert row.last_used_at == first_use  # touched sparingly, not on every request


def test_expired_revoked_wrong_and_missing_tokens_are_refused(app, client):
    user, _ = make_applicant(app)
    expired, revoked, good = (token_for(user, n, 1) for n in ("lama", "dicabut", "baik"))
    db.session.execute(ApiToken.__table__.update().where(ApiToken.name == "lama")
                       .values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    api_tokens.revoke(user.id, db.session.scalar(select(ApiToken.id)
                                                 .where(ApiToken.name == "dicabut")))
    for token in (expired, revoked, good + "x", "eptsp_" + "A" * 43):
        response = api_get(client, "/api/v1/akun", token)
        assert response.status_code == 401, token
        assert response.get_json() == {
            "message": "Token API tidak valid, sudah kedaluwarsa atau sudah dicabut."}
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    response = client.get("/api/v1/akun")
    assert response.status_code == 401 and "Bearer" in response.get_json()["message"]
    assert client.get("/api/v1/akun", headers={"Authorization": f"Basic {good}"}
                      ).status_code == 401
    assert api_get(client, "/api/v1/akun", good).status_code == 200
    # a deactivated account's tokens stop working with it
    user.active = False
    db.session.commit()
    assert api_get(client, "/api/v1/akun", good).status_code == 401


def test_token_rules_names_lifetimes_and_a_cap_per_account(app):
    user, _ = make_applicant(app)
    for name, days, message in (("", 30, "Nama token wajib diisi"),
                                ("x" * 101, 30, "paling panjang 100"),
                                ("ok", 400, "antara 1 dan 365"),
                                ("ok", "lama", "jumlah hari")):
        with pytest.raises(api_tokens.DomainError, match=message):
            api_tokens.create(user, name, days)
    for n in range(api_tokens.MAX_ACTIVE):
        api_tokens.create(user, f"t{n}", 30)
    with pytest.raises(api_tokens.DomainError, match="Paling banyak 10 token aktif"):
        api_tokens.create(user, "satu lagi", 30)
    other, _ = make_applicant(app)
    victim = db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == user.id))
    with pytest.raises(api_tokens.TokenNotFound):
        api_tokens.revoke(other.id, victim)  # someone else's token is "not found"
    assert db.session.get(ApiToken, victim).revoked_at is None


def test_wrong_tokens_are_rate_limited_per_address(app, client):
    app.config["API_TOKEN_FAILURE_LIMIT"] = "3 per minute"
    user, _ = make_applicant(app)
    good = token_for(user)
    statuses = [api_get(client, "/api/v1/akun", f"eptsp_salah{n}").status_code
                for n in range(4)]
    assert statuses == [401, 401, 401, 429]
    response = api_get(client, "/api/v1/akun", good)  # even a good token waits now
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.get_json()["message"]
    assert 0 < int(response.headers["Retry-After"]) <= 60


def test_cli_creates_lists_and_revokes_tokens(app, client, runner):
    staff = make_staff(app, "Verifikator", "DPMPTSP", email="vera@contoh.id")
    result = runner.invoke(args=["api-token", "create", "--email", "VERA@contoh.id",
                                 "--name", "Integrasi SIMPEG", "--days", "7"])
    assert result.exit_code == 0, result.output
    secret = next(line for line in result.output.splitlines() if line.startswith("eptsp_"))
    assert "tidak akan ditampilkan lagi" in result.output
    response = api_get(client, "/api/v1/akun", secret)
    assert response.get_json()["kind"] == "petugas"
    assert response.get_json()["roles"] == ["Verifikator"]
    assert response.get_json()["agency"] == "DPMPTSP"

    listing = runner.invoke(args=["api-token", "list", "--email", "vera@contoh.id"])
    assert "Integrasi SIMPEG" in listing.output and "aktif" in listing.output
    assert secret not in listing.output
    revoked = runner.invoke(args=["api-token", "revoke", "--email", "vera@contoh.id",
                                  "--name", "Integrasi SIMPEG"])
    assert revoked.exit_code == 0 and "Token dicabut: 1" in revoked.output
    assert api_get(client, "/api/v1/akun", secret).status_code == 401
    assert staff.id == db.session.scalar(select(ApiToken.user_id))

    unknown = runner.invoke(args=["api-token", "create", "--email", "siapa@contoh.id",
                                  "--name", "x"])
    assert unknown.exit_code != 0 and "tidak ditemukan" in unknown.output
    too_long = runner.invoke(args=["api-token", "create", "--email", "vera@contoh.id",
                                   "--name", "x", "--days", "9999"])
    assert too_long.exit_code != 0 and "antara 1 dan 365" in too_long.output


def test_the_account_page_makes_shows_once_and_revokes(app, client):
    user, data = make_applicant(app)
    login(client, data["nik"])
    assert 'id="nav-api-tokens"' in client.get("/dashboard").get_data(as_text=True)
    page = client.get("/akun/token-api")
    assert page.status_code == 200 and "Belum ada token" in page.get_data(as_text=True)
    # without the form's CSRF token nothing is made
    assert client.post("/akun/token-api", data={"name": "x", "days": "30"}).status_code == 400
    assert db.session.scalar(select(func.count(ApiToken.id))) == 0

    response = client.post("/akun/token-api", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "name": "Aplikasi Kantor",
        "days": "30"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    row = db.session.scalar(select(ApiToken))
    secret = next(word for word in html.replace('"', " ").split()
                  if word.startswith("eptsp_") and len(word) > 40)
    assert hashlib.sha256(secret.encode()).hexdigest() == row.token_hash
    assert "hanya ditampilkan sekali" in html
    assert api_get(client, "/api/v1/akun", secret).status_code == 200

    again = client.get("/akun/token-api").get_data(as_text=True)
    assert "Aplikasi Kantor" in again and secret not in again  # never shown again

    response = client.post(f"/akun/token-api/{row.id}/cabut",
                           data={"csrf_token": csrf_from(again)})
    assert response.status_code == 302
    assert api_get(client, "/api/v1/akun", secret).status_code == 401
    assert "dicabut" in client.get("/akun/token-api").get_data(as_text=True)

    empty = client.post("/akun/token-api", data={
        "csrf_token": csrf_from(again), "name": "  ", "days": "30"})
    assert empty.status_code == 422 and "Nama token wajib diisi" in empty.get_data(as_text=True)
    # the page is the applicant's: anonymous visitors are sent to the login page
    client.post("/keluar", data={"csrf_token": csrf_from(again)})
    assert client.get("/akun/token-api").status_code == 302


def staff_session(app, role: str, agency: str):
    """A browser with a staff member logged in (password + captcha, then TOTP)."""
    import re

    import pyotp

    from tests.conftest import IsolatedClient

    app.test_client_class = IsolatedClient
    browser = app.test_client()
    user = make_staff(app, role, agency)
    token = get_form(browser, "/staff/login", "staff")
    response = browser.post("/staff/login", data={"csrf_token": token, "identity": user.email,
                                                  "password": PASSWORD, "captcha": CAPTCHA})
    assert response.location == "/staff/totp"
    page = browser.get("/staff/totp").get_data(as_text=True)
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page).group(1)
    response = browser.post("/staff/totp", data={"csrf_token": get_form(browser, "/staff/totp"),
                                                  "code": pyotp.TOTP(secret).now()})
    assert response.location == "/admin/"
    return browser


def test_a_session_cookie_without_a_token_is_not_accepted(app, client, catalogue):
    user, data = make_applicant(app)
    application = make_submitted(app, user)
    login(client, data["nik"])
    assert client.get("/dashboard").status_code == 200  # the cookie is a live login
    response = client.get("/api/v1/saya/permohonan")
    assert response.status_code == 401
    assert client.get(f"/api/v1/saya/permohonan/{application.uid}").status_code == 401

    staff = staff_session(app, "Verifikator", "DPMPTSP")
    assert staff.get("/admin/").status_code == 200  # a live staff login
    version = application.lock_version
    response = staff.post(f"/api/v1/permohonan/{application.uid}/tindakan", json={
        "action": "lanjut", "note": "", "documents": {}, "lock_version": version})
    assert response.status_code == 401
    db.session.refresh(application)
    assert application.current_step == "verifikasi" and application.lock_version == version


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
    assert "izin_lama" in groups["perpanjangan"] and "izin_lama" not in groups["baru"]
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


# applicants ---------------------------------------------------------------------------------
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


# staff --------------------------------------------------------------------------------------
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
        "valid": ["Harus true atau false."], "warna": ["Isian tidak dikenal."]}
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
