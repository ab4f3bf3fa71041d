"""Staff: password + captcha, then TOTP; roles decide screens; applicants never get in."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import StaffProfile
from tests.helpers import CAPTCHA, PASSWORD, get_form, login, make_applicant, make_staff


def staff_password_step(client, email, password=PASSWORD):
    token = get_form(client, "/staff/login", "staff")
    return client.post("/staff/login", data={"csrf_token": token, "identity": email,
                                              "password": password, "captcha": CAPTCHA})


def totp_step(client, code):
    token = get_form(client, "/staff/totp")
    return client.post("/staff/totp", data={"csrf_token": token, "code": code})


def enrol(client, email):
    assert staff_password_step(client, email).location == "/staff/totp"
    html = client.get("/staff/totp").get_data(as_text=True)
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', html).group(1)
    assert "<svg" in html  # the QR code to scan
    client.totp_code_used = pyotp.TOTP(secret).now()
    response = totp_step(client, client.totp_code_used)
    return secret, response


def test_first_login_enrols_totp_by_qr_then_opens_the_console(app, client):
    make_staff(app, "Verifikator", "DPMPTSP", email="veri@contoh.id")
    _secret, response = enrol(client, "veri@contoh.id")
    assert response.status_code == 302 and response.location == "/admin/"
    html = client.get("/admin/").get_data(as_text=True)
    assert "Verifikator" in html and "DPMPTSP" in html
    profile = db.session.scalar(select(StaffProfile))
    assert profile.totp_confirmed_at is not None


def test_password_alone_does_not_open_the_console(app, client):
    make_staff(app, email="veri@contoh.id")
    staff_password_step(client, "veri@contoh.id")
    response = client.get("/admin/")
    assert response.status_code == 302 and "/staff/login" in response.location


def test_wrong_or_replayed_totp_code_is_refused(app, client):
    make_staff(app, email="veri@contoh.id")
    secret, _ = enrol(client, "veri@contoh.id")
    client.post("/staff/logout", data={"csrf_token": get_form(client, "/logout/")})
    staff_password_step(client, "veri@contoh.id")
    html = totp_step(client, "000000").get_data(as_text=True)
    assert "Kode autentikator salah atau sudah dipakai." in html
    # the code used at enrolment cannot be used again (the very code: computing it anew
    # could cross into the next 30-second window and give a fresh one)
    html = totp_step(client, client.totp_code_used).get_data(as_text=True)
    assert "Kode autentikator salah atau sudah dipakai." in html


def test_applicant_cannot_log_in_as_staff_nor_reach_staff_screens(app, client):
    _user, data = make_applicant(app, email="warga@contoh.id")
    html = staff_password_step(client, "warga@contoh.id").get_data(as_text=True)
    assert "Email atau password salah" in html
    login(client, data["nik"])
    for url in ("/admin/", "/admin/outbox/", "/users/list/", "/roles/list/", "/fab/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "/staff/login" in response.location or "/admin" in response.location, url
    assert "Konsol Staf" not in client.get("/dashboard").get_data(as_text=True)


def test_staff_cannot_log_in_on_the_applicant_page(app, client):
    make_staff(app, email="veri@contoh.id")
    html = login(client, "veri@contoh.id").get_data(as_text=True)
    assert "atau password salah" in html


@pytest.mark.parametrize(("role", "outbox_status"), [("Verifikator", 302), ("Super Admin", 200)])
def test_screens_follow_fab_permissions(app, client, role, outbox_status):
    make_staff(app, role, email="s@contoh.id")
    enrol(client, "s@contoh.id")
    response = client.get("/admin/outbox/")
    assert response.status_code in (outbox_status, 404 if outbox_status == 302 else 200)
    users = client.get("/users/list/")
    assert (users.status_code == 200) == (role == "Super Admin")


def test_cli_creates_staff_with_role_and_agency(app, runner):
    result = runner.invoke(args=["users", "create", "--role", "Tim Teknis", "--agency", "dinkes",
                                 "--email", "tekni@contoh.id", "--name", "Tim Dinkes"])
    assert result.exit_code == 0, result.output
    assert "Password awal:" in result.output
    profile = db.session.scalar(select(StaffProfile))
    assert profile.agency_code == "DINKES"
    bad = runner.invoke(args=["users", "create", "--role", "Raja", "--agency", "X",
                              "--email", "r@contoh.id"])
    assert bad.exit_code != 0 and "tidak dikenal: Raja" in bad.output


def test_user_made_on_fabs_screen_gets_an_agency_and_can_enrol(app, client, runner):
    sm = app.appbuilder.sm
    sm.add_user("helpdesk2", "Hana", "Dua", "hana@contoh.id", sm.find_role("Helpdesk"),
                password=PASSWORD)
    _secret, response = enrol(client, "hana@contoh.id")
    assert response.location == "/admin/"
    result = runner.invoke(args=["users", "set-agency", "--email", "hana@contoh.id",
                                 "--agency", "dishub"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(StaffProfile.agency_code)) == "DISHUB"


def test_wrong_totp_codes_bring_growing_delays_for_the_account(app, client):
    """Per account, whatever the address or the login: only someone holding the password
    gets to the code step, so a lock there cannot be a stranger's prank."""
    from app.models import AuthThrottle

    make_staff(app, email="veri@contoh.id")
    secret, _ = enrol(client, "veri@contoh.id")
    client.post("/staff/logout", data={"csrf_token": get_form(client, "/logout/")})
    staff_password_step(client, "veri@contoh.id")
    for _ in range(5):  # TOTP_FREE_FAILURES
        assert "Kode autentikator salah" in totp_step(client, "000000").get_data(as_text=True)
    right = pyotp.TOTP(secret).at(int(time.time()) + 30)  # the next step: never used yet
    html = totp_step(client, right).get_data(as_text=True)
    assert "Terlalu banyak kode autentikator yang salah" in html and "30 detik" in html
    elsewhere = app.test_client()  # a new login from another address changes nothing
    elsewhere.environ_base["REMOTE_ADDR"] = "203.0.113.5"
    assert staff_password_step(elsewhere, "veri@contoh.id").location == "/staff/totp"
    assert "Terlalu banyak kode" in totp_step(elsewhere, right).get_data(as_text=True)
    for row in db.session.scalars(select(AuthThrottle)):  # 31 seconds pass
        row.last_failure_at -= timedelta(seconds=31)
    db.session.commit()
    assert totp_step(elsewhere, right).location == "/admin/"


@pytest.mark.parametrize(("password", "problem"), [
    ("a", "Gunakan minimal 12 karakter untuk Password"),
    ("Password1234", "Password terlalu umum, pilih yang lain"),
    ("tekni.dinkes.2026", "Password tidak boleh memuat NIK atau email Anda"),
])
def test_cli_applies_the_applicants_password_policy_to_staff(app, runner, password, problem):
    result = runner.invoke(args=["users", "create", "--role", "Tim Teknis", "--agency", "dinkes",
                                 "--email", "tekni.dinkes@contoh.id", "--password", password])
    assert result.exit_code != 0 and problem in result.output
    assert db.session.scalar(select(StaffProfile)) is None
    good = runner.invoke(args=["users", "create", "--role", "Tim Teknis", "--agency", "dinkes",
                               "--email", "tekni.dinkes@contoh.id",
                               "--password", "kuda lari di pantai"])
    assert good.exit_code == 0, good.output


def test_fab_user_screen_applies_the_same_password_policy(app):
    from tests.backoffice_helpers import staff_client

    admin, _user = staff_client(app, "Super Admin")
    page = admin.get("/users/add").get_data(as_text=True)
    assert 'name="password"' in page
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    role = app.appbuilder.sm.find_role("Helpdesk")
    response = admin.post("/users/add", data={
        "csrf_token": token, "first_name": "Hana", "last_name": "H", "username": "hana",
        "email": "hana@contoh.id", "active": "y", "roles": str(role.id),
        "password": "a", "conf_password": "a"})
    assert "Gunakan minimal 12 karakter untuk Password" in response.get_data(as_text=True)
    assert app.appbuilder.sm.find_user(email="hana@contoh.id") is None


@pytest.mark.usefixtures("catalogue")
def test_a_console_page_reads_who_is_asking_in_two_statements(app):
    """Who the staff member is (their login session, user, roles and groups) is one read,
    their profile another: the forced password change, the agency a verifier acts for and
    the permission checks of every menu entry all use those, not reads of their own."""
    from sqlalchemy import event

    from app.services.resi import display
    from tests.backoffice_helpers import staff_client
    from tests.helpers import make_submitted

    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    client, _user = staff_client(app, "Verifikator", "DPMPTSP")
    reads = []

    def seen(_conn, _cursor, statement, *_args):
        reads.append(" ".join(statement.split()))

    for path in ("/admin/antrian/", f"/admin/antrian/{application.uid}"):
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            page = client.get(path)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        assert page.status_code == 200 and display(application.resi) in page.get_data(
            as_text=True)
        identity = [r for r in reads if "FROM staff_profile" in r or "FROM user_session" in r
                    or r.startswith(("SELECT ab_role", "SELECT ab_group"))]
        assert len(identity) == 2, (path, identity)
        assert "ab_role" in identity[0] and "ab_group" in identity[0]  # with the session
        reads.clear()
