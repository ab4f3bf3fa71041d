"""A service's fixed refusal (marked with app.i18n.N_) reads in the page's language: under a
field, in a flash message on the portal and in the staff console, and in the error box of the
verification screen. The service and the REST API keep saying it in Indonesian."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from flask_babel import lazy_gettext
from markupsafe import Markup

from app.extensions import db
from app.models import utcnow
from app.templating import pesan
from tests import api_helpers
from tests.backoffice_helpers import act, page_text, staff_client
from tests.helpers import (
    CAPTCHA,
    PASSWORD,
    csrf_from,
    deliver,
    get_form,
    login,
    make_applicant,
    make_submitted,
    new_nik,
    publish_catalogue,
)

# the Indonesian refusal and its English translation
MISMATCH = {"id": "Konfirmasi password tidak sama",
            "en": "The password confirmation does not match"}
NOT_CANCELLABLE = {"id": "Permohonan tidak dapat dibatalkan karena sudah diproses petugas.",
                   "en": "The application cannot be cancelled because an officer has already "
                         "processed it."}
OWN_ACCOUNT = {"id": "Anda tidak dapat menonaktifkan akun Anda sendiri.",
               "en": "You cannot deactivate your own account."}
NO_REASON = {"id": "Alasan penolakan wajib diisi.", "en": "Enter the reason for refusal."}
LANGUAGES = ("en", "id")


def speak(client, language: str):
    client.get(f"/bahasa/{language}", headers={"Referer": "http://localhost/"})
    return client


def alert(client, response, kind: str = "danger") -> str:
    """The text of the flash message the page after a redirect shows."""
    assert response.status_code == 302, response.status_code
    page = client.get(response.location).get_data(as_text=True)
    found = re.search(rf'<div class="alert alert-{kind}[^"]*"[^>]*>(.*?)<button', page, re.S)
    assert found, f"no {kind} message"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def other(language: str) -> str:
    return "id" if language == "en" else "en"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mismatched_password_confirmation_is_explained_under_its_field(
        app, client, mailbox, language):
    speak(client, language)
    token = get_form(client, "/daftar/perorangan")
    client.post("/daftar/kirim-kode", data={"csrf_token": token, "email": "rina@contoh.id"})
    deliver(app)
    token = get_form(client, "/daftar/perorangan", "register")
    response = client.post("/daftar/perorangan", data={
        "csrf_token": token, "password": PASSWORD, "password_confirm": "Lain-Sekali-7",
        "email_code": mailbox.last_code("rina@contoh.id"), "captcha": CAPTCHA,
        "nik": new_nik(), "npwp": "", "name": "Dr. Rina Kartika, M.Kes.", "gender": "P",
        "birth_date": "1988-03-02", "education": "S2", "email": "rina@contoh.id",
        "address": "Jl. Pahlawan No. 3", "province_code": "64", "regency_code": "64.72",
        "district_code": "64.72.01", "village_code": "64.72.01.1003",
        "phone": "0812-3456-7890", "postal_code": "75131"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    under = re.search(r'data-error-for="password_confirm">(.*?)</div>', html, re.S)
    assert under and under.group(1).strip() == MISMATCH[language]
    assert MISMATCH[other(language)] not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_applicant_is_told_why_a_processed_application_cannot_be_cancelled(
        app, client, language):
    publish_catalogue(app)
    person, data = make_applicant(app)
    application = make_submitted(app, person, "SIPA")
    application.first_action_at = utcnow()  # an officer has acted on it
    db.session.commit()
    speak(client, language)
    assert login(client, data["nik"]).status_code == 302
    page = client.get(f"/permohonan/{application.uid}").get_data(as_text=True)
    response = client.post(f"/permohonan/{application.uid}/batal",
                           data={"csrf_token": csrf_from(page)})
    assert alert(client, response) == NOT_CANCELLABLE[language]
    db.session.refresh(application)
    assert application.status == "in_process"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_console_says_why_an_admin_cannot_deactivate_their_own_account(app, language):
    client, me = staff_client(app, "Super Admin")
    speak(client, language)
    page = client.get(f"/admin/pengguna/{me.id}").get_data(as_text=True)
    response = client.post(f"/admin/pengguna/{me.id}/nonaktifkan",
                           data={"csrf_token": csrf_from(page)})
    assert alert(client, response) == OWN_ACCOUNT[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rejection_without_a_reason_is_refused_in_the_readers_language(
        app, catalogue, language):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    speak(verifikator, language)
    response = act(verifikator, application.uid, "tolak", note="  ")
    assert response.status_code == 422
    box = re.search(r'id="action-error">(.*?)</div>', response.get_data(as_text=True), re.S)
    assert box and NO_REASON[language] in box.group(1)
    assert NO_REASON[other(language)] not in page_text(response)


def test_the_api_keeps_the_refusal_in_indonesian(app, client, catalogue):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    _v, token = api_helpers.staff_with_token(app, "Verifikator", "DPMPTSP")
    speak(client, "en")
    refused = api_helpers.act(client, token, application.uid, "tolak", note="  ")
    assert refused.status_code == 400
    assert refused.get_json()["message"] == NO_REASON["id"]
    assert refused.get_json()["errors"] == {"note": [NO_REASON["id"]]}


def test_pesan_leaves_markup_and_lazy_texts_for_the_page_to_render(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        bold = Markup("<strong>Tersimpan</strong>")
        lazy = lazy_gettext("Tutup")
        assert pesan(bold) is bold and pesan(lazy) is lazy
        html = render_template_string("{{ a|pesan }} {{ b|pesan }}", a=bold, b=lazy)
        assert html == f"<strong>Tersimpan</strong> {lazy}"


@pytest.mark.parametrize(("language", "refusal"), [("en", "Wrong e-mail or password."),
                                                   ("id", "Email atau password salah.")])
def test_a_wrong_staff_login_is_refused_in_the_readers_language(app, client, language,
                                                                refusal):
    """The staff login's refusal names only the e-mail (staff have no NIK login); it was
    made by rewriting the applicants' text, which then matched no translation."""
    speak(client, language)
    token = get_form(client, "/staff/login", "staff")
    answer = client.post("/staff/login", data={"csrf_token": token,
                                                "identity": "tidak.ada@contoh.id",
                                                "password": "salah-sekali-123",
                                                "captcha": CAPTCHA})
    assert refusal in page_text(answer)
