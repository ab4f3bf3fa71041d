"""Forgot password (seed 000 §2.3.3): identity + phone + email must match, then a PIN."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import PasswordReset, utcnow
from tests.helpers import CAPTCHA, PASSWORD, deliver, get_form, login, make_applicant

MISMATCH = "No KTP / NPWP, No.Telp dan Email Anda Harus Benar!"
NEW_PASSWORD = "Baru-Lagi-2027x"


@pytest.fixture
def applicant(app):
    return make_applicant(app, email="lupa@contoh.id", phone="081299998888")


def request_pin(client, identity, phone, email, captcha=CAPTCHA):
    token = get_form(client, "/lupa-password", "forgot")
    return client.post("/lupa-password", data={"csrf_token": token, "identity": identity,
                                                "phone": phone, "email": email,
                                                "captcha": captcha})


@pytest.mark.parametrize("wrong", ["identity", "phone", "email"])
def test_every_part_must_match(client, mailbox, applicant, wrong):
    _user, data = applicant
    values = {"identity": data["nik"], "phone": "0812-9999-8888", "email": "lupa@contoh.id"}
    values[wrong] = {"identity": "6472011505900999", "phone": "081200000000",
                     "email": "lain@contoh.id"}[wrong]
    response = request_pin(client, **values)
    assert MISMATCH in response.get_data(as_text=True)
    assert db.session.scalar(select(PasswordReset)) is None


def test_wrong_captcha(client, applicant):
    _user, data = applicant
    response = request_pin(client, data["nik"], "081299998888", "lupa@contoh.id", captcha="X")
    assert "Kode captcha salah." in response.get_data(as_text=True)


def test_full_reset_ends_other_sessions_and_changes_the_password(app, client, mailbox,
                                                                 applicant):
    user, data = applicant
    other_device = app.test_client()
    login(other_device, data["nik"])
    assert other_device.get("/dashboard").status_code == 200
    from app.services import api_tokens

    api_token = api_tokens.create(user, "skrip saya").secret
    bearer = {"Authorization": f"Bearer {api_token}"}
    assert app.test_client().get("/api/v1/saya/permohonan", headers=bearer).status_code == 200

    response = request_pin(client, data["nik"], "+62 812 9999 8888", "LUPA@contoh.id")
    assert response.status_code == 302
    reset_url = response.location
    deliver(app)
    pin = mailbox.last_code("lupa@contoh.id")
    token = get_form(client, reset_url)
    response = client.post(reset_url, data={"csrf_token": token, "pin": pin,
                                            "password": NEW_PASSWORD,
                                            "password_confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert "Password berhasil diubah" in client.get(response.location).get_data(as_text=True)

    assert other_device.get("/dashboard").status_code == 302  # logged out everywhere
    assert app.test_client().get("/api/v1/saya/permohonan", headers=bearer).status_code == 401
    assert "atau password salah" in login(client, data["nik"], PASSWORD).get_data(as_text=True)
    assert login(client, data["nik"], NEW_PASSWORD).location == "/dashboard"
    # the PIN was single use
    assert client.get(reset_url).status_code == 302


def test_five_wrong_pins_burn_the_reset(app, client, mailbox, applicant):
    _user, data = applicant
    reset_url = request_pin(client, data["nik"], "081299998888", "lupa@contoh.id").location
    deliver(app)
    pin = mailbox.last_code("lupa@contoh.id")
    wrong = "000000" if pin != "000000" else "111111"
    for _ in range(5):
        token = get_form(client, reset_url) if client.get(reset_url).status_code == 200 else ""
        client.post(reset_url, data={"csrf_token": token, "pin": wrong,
                                     "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    response = client.get(reset_url)
    assert response.status_code == 302 and response.location.endswith("/lupa-password")


def test_expired_pin_is_refused(app, client, mailbox, applicant):
    _user, data = applicant
    reset_url = request_pin(client, data["nik"], "081299998888", "lupa@contoh.id").location
    row = db.session.scalar(select(PasswordReset))
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(reset_url, follow_redirects=True)
    assert "PIN salah atau sudah tidak berlaku" in response.get_data(as_text=True)


def test_weak_new_password_is_explained_and_pin_stays_valid(app, client, mailbox, applicant):
    _user, data = applicant
    reset_url = request_pin(client, data["nik"], "081299998888", "lupa@contoh.id").location
    deliver(app)
    pin = mailbox.last_code("lupa@contoh.id")
    token = get_form(client, reset_url)
    html = client.post(reset_url, data={"csrf_token": token, "pin": pin, "password": "lemah",
                                        "password_confirm": "lemah"}).get_data(as_text=True)
    assert "Gunakan minimal 12 karakter" in html
    token = get_form(client, reset_url)
    response = client.post(reset_url, data={"csrf_token": token, "pin": pin,
                                            "password": NEW_PASSWORD,
                                            "password_confirm": NEW_PASSWORD})
    assert response.status_code == 302


def test_reset_mail_contains_pin_but_not_the_password(app, client, mailbox, applicant):
    _user, data = applicant
    request_pin(client, data["nik"], "081299998888", "lupa@contoh.id")
    deliver(app)
    body = mailbox.to("lupa@contoh.id")[-1].get_payload(decode=True).decode()
    assert re.search(r"\b\d{6}\b", body)
    assert PASSWORD not in body



def test_the_pin_page_spells_masukkan(client, applicant):
    """"Masukkan" (to enter) is the verb; "masukan" is a noun (input, feedback)."""
    _user, data = applicant
    response = request_pin(client, data["nik"], "081299998888", "lupa@contoh.id")
    html = client.get(response.location).get_data(as_text=True)
    assert "Lupa Password? - Masukkan PIN" in html and "Masukan PIN" not in html


def test_wrong_pins_from_two_tabs_at_once_all_count(app, client, mailbox, applicant):
    """Two tabs show the PIN form, then both post a wrong PIN, round after round; each has
    its own database session (the test's, and a request's of its own). Every guess counts,
    so RESET_PIN_MAX_TRIES guesses in all burn the reset and the right PIN is refused after
    them. Counting by reading the row and writing it back lost one tab's guess each round
    (the first tab wrote back the count it had read before the second tab's guess)."""
    from app.services import password_reset
    from app.services.errors import DomainError

    _user, data = applicant
    reset_url = request_pin(client, data["nik"], "081299998888", "lupa@contoh.id").location
    deliver(app)
    pin = mailbox.last_code("lupa@contoh.id")
    token = reset_url.rsplit("/", 1)[1]
    wrong = "000000" if pin != "000000" else "111111"
    guesses = app.config["RESET_PIN_MAX_TRIES"]
    while guesses:
        # the first tab's request has read the reset, then the second tab's posts
        first_tab_read = password_reset.live_reset(token)
        assert first_tab_read is not None
        with app.app_context(), pytest.raises(DomainError):
            password_reset.complete_reset(token, wrong, NEW_PASSWORD, NEW_PASSWORD)
        guesses -= 1
        if guesses:
            with pytest.raises(DomainError):  # then the first tab's guess is tried
                password_reset.complete_reset(token, wrong, NEW_PASSWORD, NEW_PASSWORD)
            guesses -= 1
    with app.app_context():  # a later request: burnt, the right PIN too
        assert password_reset.live_reset(token) is None
        with pytest.raises(DomainError):
            password_reset.complete_reset(token, pin, NEW_PASSWORD, NEW_PASSWORD)
    assert login(client, data["nik"], NEW_PASSWORD).location != "/dashboard"
