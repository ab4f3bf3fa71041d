"""A form definition's own messages ("Nama Perusahaan wajib diisi", a permit's "Nomor STR
terdiri dari 16 angka.") read in the page's language: English on English pages, Indonesian on
Indonesian ones, in the wizard and in registration."""

from __future__ import annotations

import pytest

from catalogue import DEFINITIONS, load_folder
from tests.helpers import deliver, login_new_applicant, publish_catalogue
from tests.integration.test_registration import form_data, send_code
from tests.wizard_client import (
    LAST_POST,
    english,
    field_errors,
    logged_in_draft,
    post_step,
    start,
)

SAMPLE = load_folder(DEFINITIONS)


def company_errors(app, client) -> dict[str, list[str]]:
    publish_catalogue(app)
    login_new_applicant(app, client, kind="badan_usaha")
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    post_step(client, uid, "pemohon", {"phone": "081234567890", "postal_code": "75131",
                                       "email": "b@contoh.id"})
    response = post_step(client, uid, "perusahaan", {"as_company": "y", "name": "",
                                                     "phone": "", "postal_code": "12"})
    assert response.status_code == 200
    return field_errors(response)


def test_the_company_step_in_english_says_the_definitions_messages_in_english(app, client):
    english(client)
    errors = company_errors(app, client)
    assert errors["name"] == ["Company name is required."]
    assert errors["form"] == ["Please choose a company type."]
    assert errors["phone"] == ["Company phone number is required."]
    assert errors["postal_code"] == ["The postal code must be 5 digits."]


def test_the_company_step_in_indonesian_keeps_them_indonesian(app, client):
    errors = company_errors(app, client)
    assert errors["name"] == ["Nama Perusahaan wajib diisi"]
    assert errors["phone"] == ["Nomor telepon perusahaan wajib diisi"]  # its label: Telp


@pytest.fixture
def doctor_draft(app, client):
    return logged_in_draft(app, client, SAMPLE.permit("SIP-DOKTER"))


def post_short_str(client, uid: str) -> dict[str, list[str]]:
    data = [(k, v) for k, v in LAST_POST if k != "str_number"]
    response = post_step(client, uid, "detail", [*data, ("str_number", "123")])
    assert response.status_code == 200
    return field_errors(response)


def test_a_permits_own_message_in_english(client, doctor_draft):
    english(client)
    assert post_short_str(client, doctor_draft)["str_number"] == [
        "The registration number (STR) has 16 digits."]


def test_a_permits_own_message_in_indonesian(client, doctor_draft):
    assert post_short_str(client, doctor_draft)["str_number"] == [
        "Nomor STR terdiri dari 16 angka."]


@pytest.mark.parametrize(("lang", "gender", "village"), [
    ("en", "Please choose a gender.", "Please choose a village."),
    ("id", "Jenis Kelamin wajib dipilih", "Kelurahan/Desa wajib dipilih"),
])
def test_registration_says_the_definitions_messages_in_the_pages_language(
        app, client, mailbox, lang, gender, village):
    if lang == "en":
        english(client)
    send_code(client, "rina@contoh.id")
    deliver(app)
    data = form_data(client, email_code=mailbox.last_code("rina@contoh.id"), gender="",
                     village_code="")
    response = client.post("/daftar/perorangan", data=data)
    assert response.status_code == 200
    errors = field_errors(response)
    assert errors["gender"] == [gender] and errors["village_code"] == [village]
