"""The language an account keeps also decides the site's language after login (applicants
and staff alike), without overriding a language the person picks on the site; staff keep
one on the console's Preferensi page, and their e-mails follow it."""

from __future__ import annotations

import re
import time

import pyotp
import pytest

from app.extensions import db
from app.models import StaffProfile
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import CAPTCHA, PASSWORD, csrf_from, get_form, login

pytestmark = pytest.mark.usefixtures("catalogue")


def page_language(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.get_data(as_text=True)).group(1)


def english_applicant(app):
    from tests.helpers import make_applicant

    with app.test_request_context("/?_l_=en"):  # registered on an English page
        return make_applicant(app, email="english@contoh.id")[1]["nik"]


def test_logging_in_on_another_device_shows_the_accounts_language(app):
    nik = english_applicant(app)
    device = app.test_client()
    assert page_language(device.get("/masuk")) == "id"  # a new device: the office's language
    assert login(device, nik).status_code == 302
    assert page_language(device.get("/dashboard")) == "en"

    # a language picked after login lasts for that session
    device.get("/bahasa/id")
    assert page_language(device.get("/dashboard")) == "id"
    assert page_language(device.get("/akun/profil")) == "id"

    # logging out keeps the page's language, but the next login follows the account again
    device.post("/keluar", data={"csrf_token": csrf_from(device.get("/dashboard")
                                                         .get_data(as_text=True))})
    assert page_language(device.get("/masuk")) == "id"
    assert login(device, nik).status_code == 302
    assert page_language(device.get("/dashboard")) == "en"


def test_a_language_picked_before_login_is_kept(app):
    nik = english_applicant(app)
    device = app.test_client()
    device.get("/bahasa/id")  # the person switched the login page to the language they read
    assert login(device, nik).status_code == 302
    assert page_language(device.get("/dashboard")) == "id"


def staff_login_again(app, email: str):
    """A second device: password + captcha, then a code of the enrolled authenticator."""
    device = app.test_client()
    token = get_form(device, "/staff/login", "staff")
    device.post("/staff/login", data={"csrf_token": token, "identity": email,
                                      "password": PASSWORD, "captcha": CAPTCHA})
    secret = db.session.scalar(db.select(StaffProfile.totp_secret).join(
        StaffProfile.user).where(StaffProfile.user.has(email=email)))
    code = pyotp.TOTP(secret).at(time.time() + 30)  # the first device used this step's
    answer = device.post("/staff/totp", data={"csrf_token": get_form(device, "/staff/totp"),
                                              "code": code})
    assert answer.location == "/admin/"
    return device


def test_staff_choose_the_language_of_their_account(app):
    client, user = staff_client(app, "Pimpinan")
    home = client.get("/admin/")
    assert page_language(home) == "id" and 'href="/staff/preferensi"' in \
        home.get_data(as_text=True)
    form = client.get("/staff/preferensi").get_data(as_text=True)
    assert "Bahasa akun" in form
    saved = client.post("/staff/preferensi", follow_redirects=True,
                        data={"csrf_token": csrf_from(form), "language": "en"})
    assert page_language(saved) == "en"
    assert "Your preferences have been saved." in page_text(saved)
    assert db.session.scalar(db.select(StaffProfile.language).where(
        StaffProfile.user_id == user.id)) == "en"

    # an unknown language changes nothing
    refused = client.post("/staff/preferensi", data={
        "csrf_token": csrf_from(form), "language": "xx"})
    assert refused.status_code == 200 and db.session.scalar(db.select(
        StaffProfile.language).where(StaffProfile.user_id == user.id)) == "en"

    # on another device the console opens in the account's language
    other = staff_login_again(app, user.email)
    assert page_language(other.get("/admin/")) == "en"


@pytest.mark.parametrize("url", ["/staff/preferensi", "/staff/password"])
def test_a_staff_members_own_pages_are_in_the_console_frame(app, url):
    """Signed in, they get the console's navbar (its menu and Logout), not the portal's
    layout, whose footer offered "Login Staf"."""
    client, _user = staff_client(app, "Verifikator")
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="admin-navbar"' in html and 'id="staff-logout"' in html
    assert 'href="/admin/antrian/"' in html  # the console's menu
    assert "Login Staf" not in page_text(response) and 'href="/staff/login"' not in html
