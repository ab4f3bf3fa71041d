"""The REST API's tokens: shown once and stored hashed, refused when expired, revoked, wrong or
missing, rate limited; made and revoked from the service, the CLI and the account page; and a
session cookie is never taken for one."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ApiToken, utcnow
from app.services import api_tokens
from tests.api_helpers import api_get, token_for
from tests.backoffice_helpers import staff_client
from tests.helpers import csrf_from, login, make_applicant, make_staff, make_submitted


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


def test_a_session_cookie_without_a_token_is_not_accepted(app, client, catalogue):
    user, data = make_applicant(app)
    application = make_submitted(app, user)
    login(client, data["nik"])
    assert client.get("/dashboard").status_code == 200  # the cookie is a live login
    response = client.get("/api/v1/saya/permohonan")
    assert response.status_code == 401
    assert client.get(f"/api/v1/saya/permohonan/{application.uid}").status_code == 401

    staff, _user = staff_client(app, "Verifikator", "DPMPTSP")
    assert staff.get("/admin/").status_code == 200  # a live staff login
    version = application.lock_version
    response = staff.post(f"/api/v1/permohonan/{application.uid}/tindakan", json={
        "action": "lanjut", "note": "", "documents": {}, "lock_version": version})
    assert response.status_code == 401
    db.session.refresh(application)
    assert application.current_step == "verifikasi" and application.lock_version == version
