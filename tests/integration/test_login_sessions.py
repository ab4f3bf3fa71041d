"""Logging in and staying logged in: one generic failure, growing delays (no lock a stranger
can trigger), rotation, idle expiry and the absolute session lifetime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import UserSession, utcnow
from tests.helpers import CAPTCHA, PASSWORD, get_form, login, make_applicant

GENERIC = "NIK/NPWP/Email atau password salah."


@pytest.fixture
def applicant(app):
    user, data = make_applicant(app, email="budi@contoh.id")
    return user, data


@pytest.mark.parametrize("identity_key", ["nik", "email"])
def test_login_with_nik_or_email(client, applicant, identity_key):
    _user, data = applicant
    response = login(client, data[identity_key])
    assert response.status_code == 302 and response.location.endswith("/dashboard")
    assert "Siti Aminah" in client.get("/dashboard").get_data(as_text=True)


def test_wrong_password_and_unknown_user_get_the_same_message(client, applicant):
    _user, data = applicant
    wrong_password = login(client, data["nik"], "Salah-Sekali-1").get_data(as_text=True)
    unknown_user = login(client, "6472011505909999", PASSWORD).get_data(as_text=True)
    assert GENERIC in wrong_password and GENERIC in unknown_user
    assert "tidak terdaftar" not in unknown_user


def test_wrong_captcha_blocks_even_the_right_password(client, applicant):
    _user, data = applicant
    token = get_form(client, "/masuk", "login")
    response = client.post("/masuk", data={"csrf_token": token, "identity": data["nik"],
                                           "password": PASSWORD, "captcha": "XXXXX"})
    assert "Kode captcha salah." in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


DELAYED = "Terlalu banyak percobaan login yang gagal"


def client_at(app, address: str):
    """Another browser, at another network address."""
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = address
    return other


def time_passes(seconds: float) -> None:
    """Move every recorded failure `seconds` into the past."""
    from app.models import AuthThrottle

    for row in db.session.scalars(select(AuthThrottle)):
        row.last_failure_at -= timedelta(seconds=seconds)
    db.session.commit()


def test_failures_bring_growing_delays_not_a_lock(client, applicant):
    _user, data = applicant
    for _ in range(5):  # LOGIN_FREE_FAILURES
        assert GENERIC in login(client, data["nik"], "Salah-Sekali-1").get_data(as_text=True)
    waiting = login(client, data["nik"], PASSWORD).get_data(as_text=True)
    assert DELAYED in waiting and "2 detik" in waiting  # refused unseen: not counted either
    assert client.get("/dashboard").status_code == 302
    time_passes(3)
    assert GENERIC in login(client, data["nik"], "Salah-Sekali-1").get_data(as_text=True)
    assert "4 detik" in login(client, data["nik"], PASSWORD).get_data(as_text=True)  # doubled
    time_passes(5)
    response = login(client, data["nik"], PASSWORD)  # no lock: the owner gets in after the wait
    assert response.status_code == 302 and response.location.endswith("/dashboard")


def test_the_delay_grows_to_its_ceiling_and_no_further(app, client, applicant):
    _user, data = applicant
    # time passes here for the account's delays only; the address limit would stop 21 tries
    app.config["LOGIN_ADDRESS_FAILURE_LIMIT"] = "100 per 10 minutes"
    for _ in range(20):
        login(client, data["nik"], "Salah-Sekali-1")
        time_passes(app.config["LOGIN_DELAY_MAX_SECONDS"])
    login(client, data["nik"], "Salah-Sekali-1")
    assert "5 menit" in login(client, data["nik"], PASSWORD).get_data(as_text=True)


def test_a_stranger_elsewhere_cannot_delay_the_owner(app, client, applicant):
    _user, data = applicant
    stranger = client_at(app, "203.0.113.9")
    for _ in range(8):
        login(stranger, data["nik"], "Salah-Sekali-1")
    assert DELAYED in login(stranger, data["nik"], PASSWORD).get_data(as_text=True)
    response = login(client, data["nik"], PASSWORD)  # the owner, at their own address
    assert response.status_code == 302 and response.location.endswith("/dashboard")


def test_an_unknown_identity_is_delayed_exactly_like_a_real_one(app, client, applicant):
    """No enumeration through the delays: what a guesser sees is the same either way."""
    _user, data = applicant
    pages = {}
    for identity in (data["nik"], "6472011505909999"):
        guesser = client_at(app, "198.51.100.7")
        answers = [login(guesser, identity, "Salah-Sekali-1").get_data(as_text=True)
                   for _ in range(6)]
        pages[identity] = [(GENERIC in a, DELAYED in a, "2 detik" in a) for a in answers]
    assert pages[data["nik"]] == pages["6472011505909999"]
    assert pages[data["nik"]][-1] == (False, True, True)


def test_guessing_from_many_addresses_delays_the_account_everywhere(app, client, applicant):
    _user, data = applicant
    app.config["LOGIN_ACCOUNT_FAILURES_PER_HOUR"] = 3
    # a first delay far longer than a login takes on a busy machine (2 s was not)
    app.config["LOGIN_DELAY_SECONDS"] = 60
    for n in range(3):
        login(client_at(app, f"192.0.2.{n + 1}"), data["nik"], "Salah-Sekali-1")
    fresh = client_at(app, "192.0.2.200")
    assert DELAYED in login(fresh, data["nik"], PASSWORD).get_data(as_text=True)
    time_passes(61)
    assert login(fresh, data["nik"], PASSWORD).status_code == 302


def test_the_throttle_table_keeps_no_identity_or_address(app, client, applicant):
    from app.models import AuthThrottle

    _user, data = applicant
    login(client_at(app, "203.0.113.77"), data["nik"], "Salah-Sekali-1")
    login(client_at(app, "203.0.113.77"), "6472011505909999", "Salah-Sekali-1")
    rows = db.session.scalars(select(AuthThrottle)).all()
    assert len(rows) == 4  # per account+address and per account, for both identities
    stored = " ".join(f"{r.key} {r.scope}" for r in rows)
    assert data["nik"] not in stored and "6472011505909999" not in stored
    assert "203.0.113.77" not in stored


def test_session_ends_after_its_absolute_lifetime_however_busy(app, client, applicant):
    _user, data = applicant
    login(client, data["nik"])
    row = db.session.scalar(select(UserSession).where(UserSession.revoked_at.is_(None)))
    row.created_at = utcnow() - timedelta(hours=11, minutes=59)
    db.session.commit()
    assert client.get("/dashboard").status_code == 200  # busy all along: still in
    row = db.session.get(UserSession, row.id)
    row.created_at = utcnow() - timedelta(hours=12, minutes=1)
    row.last_seen_at = utcnow()
    db.session.commit()
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/masuk" in response.location


def test_login_rotates_the_session_and_logout_revokes_it(app, client, applicant):
    _user, data = applicant
    get_form(client, "/masuk", "login")
    before = client.get_cookie("session").value
    login(client, data["nik"])
    after = client.get_cookie("session").value
    assert before != after
    token = get_form(client, "/dashboard")
    stolen_cookie = after
    client.post("/keluar", data={"csrf_token": token})
    assert client.get("/dashboard").status_code == 302
    # replaying the cookie captured before logout does not log anyone in
    client.set_cookie("session", stolen_cookie)
    assert client.get("/dashboard").status_code == 302


def test_idle_session_expires_after_30_minutes(app, client, applicant):
    _user, data = applicant
    login(client, data["nik"])
    assert client.get("/dashboard").status_code == 200
    row = db.session.scalar(select(UserSession).where(UserSession.revoked_at.is_(None)))
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    db.session.commit()
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/masuk" in response.location


def minutes_pass(app, client, minutes: int) -> None:
    """`minutes` of wall time pass for the login: its session row was created and last seen
    that much earlier, and the browser's session cookie was signed that much earlier (the
    server refuses a signature older than the cookie's lifetime)."""
    for row in db.session.scalars(select(UserSession)):
        row.created_at -= timedelta(minutes=minutes)
        row.last_seen_at -= timedelta(minutes=minutes)
    db.session.commit()
    serializer = app.session_interface.get_signing_serializer(app)
    data, signed_at = serializer.loads(client.get_cookie("session").value,
                                       return_timestamp=True)

    class SignedEarlier(serializer.signer):
        def get_timestamp(self) -> int:
            return int(signed_at.timestamp()) - minutes * 60

    serializer.signer = SignedEarlier
    client.set_cookie("session", serializer.dumps(data))


def test_a_busy_session_outlives_the_idle_time_and_an_idle_one_ends(app, client, applicant):
    """Pages that change nothing in the session do not renew its cookie, so the cookie must
    last as long as the session may (SESSION_MAX_HOURS): an applicant at work for longer than
    SESSION_IDLE_MINUTES stays logged in; the idle limit still ends a login left alone."""
    _user, data = applicant
    login(client, data["nik"])
    kept_until = client.get_cookie("session").expires
    lifetime = timedelta(hours=app.config["SESSION_MAX_HOURS"])
    assert kept_until >= datetime.now(UTC) + lifetime - timedelta(minutes=1)
    assert client.get("/dashboard").status_code == 200
    for _ in range(4):  # 80 minutes of work, a page every 20 (idle limit: 30)
        minutes_pass(app, client, 20)
        assert client.get("/dashboard").status_code == 200
    minutes_pass(app, client, 31)
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/masuk" in response.location


def test_logout_is_post_only(client, applicant):
    _user, data = applicant
    login(client, data["nik"])
    assert client.get("/keluar").status_code == 405
    assert client.get("/dashboard").status_code == 200


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/akun/profil", "/akun/profil"),
        ("https://evil.example/phish", "/dashboard"),
        ("//evil.example/phish", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
    ],
)
def test_next_only_redirects_to_our_own_paths(client, applicant, next_url, lands_on):
    _user, data = applicant
    response = login(client, data["nik"], next_url=next_url)
    assert response.status_code == 302
    assert response.location == lands_on


def test_protected_page_sends_to_login_and_back(client, applicant):
    _user, data = applicant
    response = client.get("/akun/profil")
    assert response.status_code == 302 and "next=/akun/profil" in response.location
    html = client.get(response.location).get_data(as_text=True)
    assert 'value="/akun/profil"' in html
    token = get_form(client, "/masuk", "login")
    response = client.post("/masuk", data={"csrf_token": token, "identity": data["email"],
                                           "password": PASSWORD, "captcha": CAPTCHA,
                                           "next": "/akun/profil"})
    assert response.location == "/akun/profil"


@pytest.mark.parametrize("path", ["/masuk", "/daftar/perorangan", "/lupa-password",
                                  "/staff/login"])
def test_disabled_captcha_is_not_shown(app, client, path):
    shown = client.get(path).get_data(as_text=True)
    assert 'name="captcha"' in shown and "/captcha/" in shown
    app.config["CAPTCHA_ENABLED"] = False
    hidden = client.get(path).get_data(as_text=True)
    assert 'name="captcha"' not in hidden and "/captcha/" not in hidden


def test_with_captcha_off_an_applicant_logs_in_without_one(app, client):
    _user, data = make_applicant(app)
    app.config["CAPTCHA_ENABLED"] = False
    token = get_form(client, "/masuk")
    response = client.post("/masuk", data={"csrf_token": token, "identity": data["nik"],
                                           "password": PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/dashboard")


def test_one_address_spraying_many_staff_accounts_is_stopped(app, client):
    """Password spraying: one password against many e-mails from one address. No account
    sees more than one failure, so only a count per address across accounts stops it."""
    from tests.helpers import make_staff

    staff = make_staff(app, "Verifikator", email="vera.semprot@contoh.id")
    sprayer = client_at(app, "203.0.113.50")

    def staff_login(browser, email, password):
        token = get_form(browser, "/staff/login", "staff")
        return browser.post("/staff/login", data={"csrf_token": token, "identity": email,
                                                  "password": password, "captcha": CAPTCHA})

    for n in range(20):
        page = staff_login(sprayer, f"orang{n}@contoh.id", "Musim-Hujan-2026")
        assert "Email atau password salah." in page.get_data(as_text=True)
    refused = staff_login(sprayer, staff.email, PASSWORD).get_data(as_text=True)
    assert "Terlalu banyak login gagal dari alamat jaringan Anda ke beberapa akun." in refused
    assert "coba lagi dalam" in refused
    elsewhere = staff_login(client, staff.email, PASSWORD)  # at another address
    assert elsewhere.status_code == 302  # on to the authenticator step
