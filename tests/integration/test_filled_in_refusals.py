"""A service's refusal that carries a value (a limit, a name, a wait) is a marked template
filled in with .format: a page finds the template again and shows it in its reader's language
with the values put back, while the service and the REST API keep the Indonesian text."""

from __future__ import annotations

import re

import pytest

from app.backoffice import catalogue_step_form
from app.complaints import service as complaints
from app.i18n import marked_in
from app.security import throttle
from app.services import (
    api_tokens,
    auth,
    catalogue_console,
    catalogue_store,
    catalogue_tables,
    catalogue_upload,
    catalogue_versions,
    chat,
    errors,
    expiry,
    form_builder,
    review,
    staff,
    transitions,
    user_admin,
    webgis,
    wizard_steps,
)
from app.survey import store as survey_store
from tests import api_helpers
from tests.backoffice_helpers import act, detail, lock_version, page_text, staff_client
from tests.helpers import login, make_applicant, make_submitted

# every converted template, with sample values a refusal fills it with
FILLED_IN = [
    (transitions.MSG_ALREADY_PROCESSED, {"who": "Rina Cepat"}),
    (review.MSG_ACTION_REFUSED, {"action": "terbit"}),
    (review.MSG_UNKNOWN_REQUIREMENTS, {"keys": "ktp, npwp"}),
    (review.MSG_UNCHECKED, {"names": "Scan KTP, Ijazah Dokter"}),
    (review.MSG_MARKED_INVALID, {"names": "Pas Foto 4x6"}),
    (staff.MSG_TOTP_WAIT, {"wait": 30, "unit": "detik"}),
    (auth.MSG_DELAYED, {"wait": 5, "unit": "menit"}),
    (api_tokens.MSG_NAME_TOO_LONG, {"limit": 100}),
    (api_tokens.MSG_DAYS_RANGE, {"limit": 365}),
    (api_tokens.MSG_TOO_MANY, {"limit": 10}),
    (user_admin.MSG_UNKNOWN_ROLES, {"roles": "Raja, Ratu"}),
    (user_admin.MSG_OWN_ADMIN, {"role": "Admin"}),
    (chat.MSG_TOO_LONG, {"limit": 4000}),
    (complaints.MSG_REOPEN_LATE, {"days": 14}),
    (expiry.MSG_DAYS_RANGE, {"limit": 30}),
    (wizard_steps.MSG_OUTSIDE, {"province": "Kalimantan Timur"}),
    (wizard_steps.MSG_OUTSIDE, {"province": "provinsi ini"}),  # office province unknown
    (webgis.MSG_NOT_A_NUMBER, {"name": "zoom"}),
    (catalogue_step_form.MSG_ACTION_TWICE, {"action": "teruskan"}),
    (errors.MSG_NO_CHANGE, {"number": 7}),
    (catalogue_store.MSG_REJECTED, {"count": 3}),
    (survey_store.MSG_REJECTED, {"count": 4}),
    (survey_store.MSG_UNREADABLE, {"reason": "[Errno 2] No such file or directory: 'x.json'"}),
    (survey_store.MSG_BAD_JSON, {"line": 12, "reason": "Expecting value"}),
    (catalogue_versions.MSG_NO_VERSION, {"number": 9}),
    (form_builder.MSG_NO_FIELD, {"key": "luas_lahan"}),
    (form_builder.MSG_KEY_TAKEN, {"key": "luas_lahan"}),
    (form_builder.MSG_UNKNOWN_TYPE, {"type": "peta3d"}),
    (catalogue_upload.MSG_SAME_AS, {"number": 4}),
    (catalogue_upload.MSG_TOO_BIG, {"limit": "2.5"}),
    (catalogue_upload.MSG_UNSAFE_NAME, {"name": "../rahasia.txt"}),
    (catalogue_tables.MSG_COLUMN_KEY, {"line": 3, "key": "Luas"}),
    (catalogue_tables.MSG_UNKNOWN_TITLE, {"title": "Harga", "columns": "kode, nama"}),
    (catalogue_tables.MSG_TOO_MANY_CELLS, {"line": 5, "cells": 4, "columns": 3}),
    (catalogue_tables.MSG_APPLIES_TO_NONE, {"key": "ktp"}),
    (catalogue_tables.MSG_NO_VALIDITY, {"code": "PERPANJANGAN"}),
    (catalogue_console.MSG_ITEM_EXISTS, {"kind": "Jenis Izin", "key": "SIP-DOKTER"}),
    (catalogue_console.MSG_ITEM_MISSING, {"kind": "Jenis Izin", "key": "SIP-DOKTER"}),
    (catalogue_console.MSG_CHILD_MISSING, {"key": "ktp"}),
    (catalogue_console.MSG_CHILD_KEY_TAKEN, {"key": "ktp"}),
    (catalogue_console.MSG_ROW_KEY_TAKEN, {"key": "64.72"}),
    (catalogue_console.MSG_DRAFT_STALE, {"base": 3, "current": 5}),
]
# sample values the translation catalogue knows, in English
TRANSLATED_VALUES = {"detik": "seconds", "menit": "minutes", "Jenis Izin": "Permit type",
                     "provinsi ini": "this province"}


def speak(client, language: str):
    client.get(f"/bahasa/{language}", headers={"Referer": "http://localhost/"})
    return client


@pytest.mark.parametrize(("template", "values"), FILLED_IN,
                         ids=[t[:40] for t, _ in FILLED_IN])
def test_every_filled_in_refusal_reads_in_english_with_its_values(app, template, values):
    assert re.findall(r"\{(\w+)\}", template) == list(values)  # plain names, each once
    indonesian = template.format(**values)
    with app.test_request_context("/"):
        english = marked_in(indonesian, "en")
        assert english != indonesian
        for value in values.values():  # a value the catalogue knows is translated too
            assert TRANSLATED_VALUES.get(value, str(value)) in english
        assert marked_in(indonesian, "id") == indonesian


def test_the_waits_unit_is_translated_inside_the_refusal(app):
    amount, unit = throttle.wait_parts(300)
    assert (amount, unit) == (5, "menit") and throttle.wait_parts(30) == (30, "detik")
    with app.test_request_context("/"):
        assert marked_in(auth._delay_message(300), "en") == (
            "Too many failed login attempts. Please try again in 5 minutes or use Forgot "
            "Password.")
        assert marked_in(auth._delay_message(30), "id") == (
            "Terlalu banyak percobaan login yang gagal. Silakan coba lagi dalam 30 detik atau "
            "gunakan Lupa Password.")


@pytest.mark.usefixtures("catalogue")
def test_a_stale_page_is_told_in_english_who_acted_first(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    first, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Rina Cepat")
    second, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Budi Lambat")
    speak(second, "en")
    seen = lock_version(detail(second, application.uid).get_data(as_text=True))
    assert act(first, application.uid, "lanjut").status_code == 302
    response = act(second, application.uid, "tolak", note="Tidak lengkap", version=seen)
    assert response.status_code == 409
    text = page_text(response)
    assert ("This application has already been processed by Rina Cepat. Reload the page to "
            "see its latest state.") in text
    assert "sudah diproses oleh" not in text


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize("first_name", ["Vera Cepat", "Vera Cepat, S.E."])
def test_the_api_keeps_saying_who_acted_first_in_indonesian(app, client, first_name):
    """In Indonesian, with one full stop after a name that ends in a degree's."""
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    _a, first = api_helpers.staff_with_token(app, "Verifikator", "DPMPTSP", name=first_name)
    _b, second = api_helpers.staff_with_token(app, "Verifikator", "DPMPTSP", name="Rudi")
    seen = api_helpers.detail(client, second, application.uid)["lock_version"]
    assert api_helpers.act(client, first, application.uid, "lanjut").status_code == 200
    response = api_helpers.act(client, second, application.uid, "tolak", note="Tidak lengkap",
                               lock_version=seen)
    assert response.status_code == 409
    assert response.get_json()["message"] == (
        f"Permohonan ini sudah diproses oleh {first_name.removesuffix('.')}. Muat ulang "
        "halaman untuk melihat keadaan terbarunya.")


def test_a_delayed_login_is_told_the_wait_in_english(app, client):
    _user, data = make_applicant(app)
    speak(client, "en")
    for _ in range(5):  # LOGIN_FREE_FAILURES
        login(client, data["nik"], "Salah-Sekali-1")
    text = page_text(login(client, data["nik"], "Salah-Sekali-1"))
    assert "Too many failed login attempts. Please try again in 2 seconds or use Forgot " \
           "Password." in text
    assert "Terlalu banyak" not in text and "detik" not in text


def test_the_token_limit_is_said_in_english_on_the_account_page(app, client):
    from app.account.api_tokens import DAY_CHOICES
    from tests.helpers import get_form

    user, data = make_applicant(app)
    for n in range(api_tokens.MAX_ACTIVE):
        api_tokens.create(user, f"integrasi {n}", None)
    assert login(client, data["nik"]).status_code == 302
    speak(client, "en")
    token = get_form(client, "/akun/token-api")
    response = client.post("/akun/token-api", data={
        "csrf_token": token, "name": "satu lagi", "days": str(DAY_CHOICES[0])},
        follow_redirects=True)
    text = page_text(response)
    assert (f"At most {api_tokens.MAX_ACTIVE} active tokens per account. Revoke the tokens no "
            "longer in use first.") in text
    assert "Paling banyak" not in text


@pytest.mark.parametrize(("message", "english"), [
    # a service's text that also fits the form engine's "Pilih minimal {limit}."
    (user_admin.MSG_NO_ROLE, "Choose at least one known staff role."),
    (user_admin.MSG_UNKNOWN_ROLES.format(roles="Kasir"),
     "Choose at least one known staff role (unknown: Kasir)."),
    # a marked "{label} wajib diisi." does not swallow a fixed text that ends alike
    ("Nama (bahasa Indonesia) wajib diisi.", "The name (in Indonesian) is required."),
    # the form engine's own message keeps its meaning next to a shorter marked "Minimal {..}."
    ("Minimal 5 karakter.", "At least 5 characters."),
])
def test_the_more_specific_text_decides_what_a_message_is(app, message, english):
    from app.templating import pesan

    with app.test_request_context("/?_l_=en"):
        assert pesan(message) == english

