"""Registration as an applicant would go through it, with every error message of the seed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ApplicantProfile, EmailCode, User, utcnow
from app.privacy import masking
from tests.helpers import (
    CAPTCHA,
    PASSWORD,
    deliver,
    get_form,
    login,
    make_applicant,
    new_nik,
)


def user_count() -> int:
    return db.session.scalar(select(func.count(User.id)))


def send_code(client, email: str):
    token = get_form(client, "/daftar/perorangan")
    return client.post("/daftar/kirim-kode", data={"csrf_token": token, "email": email})


def form_data(client, kind="perorangan", **overrides) -> dict:
    token = get_form(client, f"/daftar/{kind}", "register")
    data = {
        "csrf_token": token, "password": PASSWORD, "password_confirm": PASSWORD,
        "address": "Jl. Pahlawan No. 3", "province_code": "64", "regency_code": "64.72",
        "district_code": "64.72.01", "village_code": "64.72.01.1003",
        "phone": "0812-3456-7890", "postal_code": "75131", "captcha": CAPTCHA,
        "privacy_consent": "y",
    }
    if kind == "perorangan":
        data.update(nik=new_nik(), npwp="", name="Dr. Rina Kartika, M.Kes.", gender="P",
                    birth_date="1988-03-02", education="S2", email="rina@contoh.id")
    else:
        data.update(npwp="01.234.567.8-901.000", nib="1234567890123",
                    company_name="CV Borneo Lestari", pic_name="Yusuf Ramli", pic_nik=new_nik(),
                    email="cv@contoh.id")
    data.update(overrides)
    return data


def test_perorangan_registers_with_the_emailed_code(app, client, mailbox):
    response = send_code(client, "rina@contoh.id")
    assert response.get_json()["ok"] is True
    deliver(app)
    code = mailbox.last_code("rina@contoh.id")
    data = form_data(client, email_code=code)
    response = client.post("/daftar/perorangan", data=data)
    # not logged in straight away: the answer must not differ from a taken NIK's
    assert response.status_code == 302 and response.location.endswith("/masuk")
    assert "Pendaftaran diterima" in client.get("/masuk").get_data(as_text=True)
    profile = db.session.scalar(select(ApplicantProfile).where(ApplicantProfile.nik == data["nik"]))
    assert profile.name == "Dr. Rina Kartika, M.Kes."
    assert profile.phone == "081234567890"
    assert profile.village_code == "64.72.01.1003"
    assert login(client, data["nik"]).location.endswith("/dashboard")
    deliver(app)
    welcome = mailbox.to("rina@contoh.id")[-1].get_payload(decode=True).decode()
    assert "Akun E-PTSP Anda sudah aktif" in welcome
    assert data["nik"] not in welcome and masking.mask_identity(data["nik"]) in welcome


def test_badan_usaha_registers_and_logs_in_with_npwp(app, client, mailbox):
    send_code(client, "cv@contoh.id")
    deliver(app)
    data = form_data(client, "badan-usaha", email_code=mailbox.last_code("cv@contoh.id"))
    response = client.post("/daftar/badan-usaha", data=data)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "cv@contoh.id"))
    assert user.username == "012345678901000"
    profile = db.session.scalar(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id))
    assert (profile.kind, profile.company_name, profile.nib) == (
        "badan_usaha", "CV Borneo Lestari", "1234567890123")


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"nik": "12345"}, "NIK harus 16 digit angka."),
        ({"nik": "64720115059A0001"}, "NIK harus 16 digit angka."),
        ({"nik": "9972011505900001"}, "NIK tidak valid: kode provinsi tidak dikenal."),
        ({"nik": "6472013202900001"}, "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."),
        ({"nik": "6472011505900000"}, "NIK tidak valid: nomor urut tidak boleh 0000."),
        ({"npwp": "123"}, "NPWP harus 15 atau 16 digit angka"),
        ({"password": "Pendek-9x", "password_confirm": "Pendek-9x"},
         "Gunakan minimal 12 karakter untuk Password"),
        ({"password": "Password1234", "password_confirm": "Password1234"},
         "Password terlalu umum, pilih yang lain"),
        ({"password_confirm": "Lain-Sekali-7"}, "Konfirmasi password tidak sama"),
        ({"phone": "12345"}, "Nomor HP tidak valid"),
        ({"postal_code": "7513"}, "Kode pos harus 5 digit angka"),
        ({"email": "bukan-email"}, "Alamat email tidak valid."),
        ({"village_code": "64.71.01.1001"}, "Kelurahan/Desa tidak valid"),
        ({"gender": ""}, "Jenis Kelamin wajib dipilih"),
        ({"birth_date": "2999-01-01"}, "Tanggal tidak boleh di masa depan."),
        ({"nik": ""}, "NIK wajib diisi"),
        ({"captcha": "SALAH"}, "Kode captcha salah."),
        ({"email_code": "000000"}, "Kode Email Yang Anda Inputkan Salah!"),
    ],
)
def test_each_error_is_shown_next_to_its_field_and_nothing_is_saved(
    app, client, mailbox, overrides, field_message
):
    send_code(client, "rina@contoh.id")
    deliver(app)
    code = mailbox.last_code("rina@contoh.id")
    before = user_count()
    data = form_data(client, **{"email_code": code, **overrides})
    response = client.post("/daftar/perorangan", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert field_message in html
    assert "Proses Pendaftaran Gagal" in html
    assert user_count() == before
    # typed values are kept; the password never comes back
    assert data["name"] in html and data["address"] in html
    assert PASSWORD not in html


def test_a_wrong_captcha_does_not_hide_the_other_errors(app, client, mailbox):
    send_code(client, "rina@contoh.id")
    deliver(app)
    data = form_data(client, email_code=mailbox.last_code("rina@contoh.id"), captcha="SALAH",
                     nik="12345", postal_code="7513", password="pendek",
                     password_confirm="pendek")
    html = client.post("/daftar/perorangan", data=data).get_data(as_text=True)
    for message in ("Kode captcha salah.", "NIK harus 16 digit angka.",
                    "Kode pos harus 5 digit angka",
                    "Gunakan minimal 12 karakter untuk Password"):
        assert message in html, message
    assert user_count() == 0


def test_a_wrong_captcha_says_the_passwords_must_be_typed_again(app, client, mailbox):
    """The other answers come back; the passwords do not, and the page says so by them."""
    send_code(client, "rina@contoh.id")
    deliver(app)
    data = form_data(client, email_code=mailbox.last_code("rina@contoh.id"), captcha="SALAH")
    html = client.post("/daftar/perorangan", data=data).get_data(as_text=True)
    assert "Kode captcha salah." in html and data["name"] in html and PASSWORD not in html
    assert 'data-retype-for="password"' in html and 'data-retype-for="password_confirm"' in html
    assert "Ketik ulang password." in html and "lalu ketik ulang password Anda." in html
    fresh = client.get("/daftar/perorangan").get_data(as_text=True)
    assert "data-retype-for" not in fresh


def registration_answer(client, kind: str, data: dict) -> tuple[int, str, str]:
    """What the person registering sees: status, where it leads, the page there."""
    response = client.post(f"/daftar/{kind}", data=data)
    landing = client.get(response.location).get_data(as_text=True) if response.location else ""
    flashed = re.search(r'role="alert">\s*(.*?)<button', landing, re.S)
    return response.status_code, response.location, flashed.group(1).strip() if flashed else ""


@pytest.mark.parametrize(("kind", "url_kind", "taken"),
                         [("perorangan", "perorangan", "nik"),
                          ("badan_usaha", "badan-usaha", "npwp")])
def test_a_taken_nik_or_npwp_is_answered_like_a_new_account(app, client, mailbox, kind,
                                                           url_kind, taken):
    """No enumeration: registering with a NIK (or NPWP) that has an account looks exactly
    like a successful registration; the owner and the registrant are told by e-mail."""
    _owner, existing = make_applicant(app, kind=kind, email="ada@contoh.id")
    answers = {}
    for email, clash in (("baru1@contoh.id", {}), ("baru2@contoh.id", {taken: existing[taken]})):
        browser = app.test_client()
        send_code(browser, email)
        deliver(app)
        data = form_data(browser, url_kind, email=email, email_code=mailbox.last_code(email),
                         **clash)
        before = user_count()
        status, location, message = registration_answer(browser, url_kind, data)
        answers[bool(clash)] = (status, location, message.replace(email, "<email>"))
        assert user_count() == before + (0 if clash else 1)
    assert answers[True] == answers[False]
    assert answers[True][1] == "/masuk" and "Pendaftaran diterima" in answers[True][2]
    deliver(app)
    owner_mail = " ".join(mailbox.to("ada@contoh.id")[-1].get_payload(decode=True).decode()
                          .split())
    assert "mencoba mendaftarkan akun E-PTSP baru" in owner_mail
    assert masking.mask_identity(existing[taken]) in owner_mail
    refused = " ".join(mailbox.to("baru2@contoh.id")[-1].get_payload(decode=True).decode()
                       .split())
    assert "tidak dapat diselesaikan" in refused
    for body in (owner_mail, refused):
        assert existing[taken] not in body


def test_kirim_kode_answers_the_same_for_a_registered_address(app, client, mailbox):
    make_applicant(app, email="ada@contoh.id")
    registered = send_code(client, "ada@contoh.id")
    unknown = send_code(client, "belum@contoh.id")
    assert registered.status_code == unknown.status_code == 200
    assert registered.get_json()["message"].replace("ada@", "x@") == \
        unknown.get_json()["message"].replace("belum@", "x@")
    for _ in range(2):  # the per-address limit counts the same way too
        send_code(client, "ada@contoh.id")
        send_code(client, "belum@contoh.id")
    assert send_code(client, "ada@contoh.id").status_code == 429
    assert send_code(client, "belum@contoh.id").status_code == 429
    deliver(app)
    notice = " ".join(mailbox.to("ada@contoh.id")[-1].get_payload(decode=True).decode().split())
    assert "sudah dipakai oleh akun Anda" in notice
    assert not re.search(r"\b\d{6}\b", notice)  # no code for an address that has an account
    assert re.search(r"\b\d{6}\b", mailbox.to("belum@contoh.id")[-1].get_payload(
        decode=True).decode())


def test_expired_or_used_code_is_refused(app, client, mailbox):
    send_code(client, "rina@contoh.id")
    deliver(app)
    code = mailbox.last_code("rina@contoh.id")
    row = db.session.scalar(select(EmailCode))
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    html = client.post("/daftar/perorangan", data=form_data(client, email_code=code)).get_data(
        as_text=True)
    assert "Kode Email Yang Anda Inputkan Salah!" in html

    send_code(client, "rina@contoh.id")
    deliver(app)
    code = mailbox.last_code("rina@contoh.id")
    assert client.post("/daftar/perorangan", data=form_data(client, email_code=code)).status_code \
        == 302
    before = user_count()
    again = form_data(client, email_code=code, email="rina@contoh.id")
    html = client.post("/daftar/perorangan", data=again).get_data(as_text=True)
    assert "Kode Email Yang Anda Inputkan Salah!" in html  # used once, gone
    assert user_count() == before


def test_code_sending_is_limited_per_email(app, client, mailbox):
    for _ in range(3):
        assert send_code(client, "rina@contoh.id").status_code == 200
    response = send_code(client, "rina@contoh.id")
    assert response.status_code == 429
    assert "Tunggu 15 menit" in response.get_json()["message"]
    deliver(app)
    assert len(mailbox.to("rina@contoh.id")) == 3


def test_code_sending_is_limited_per_ip(app, client):
    statuses = [send_code(client, f"orang{i}@contoh.id").status_code for i in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_an_english_reader_gets_the_form_engines_messages_in_english(app, client, mailbox):
    """Registration read in English: the e-mail check's answer to the code request (JSON for
    the page's script) and the field errors of the posted form are English."""
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    answer = send_code(client, "bukan-email")
    assert answer.status_code == 400
    assert answer.get_json()["message"] == "Not a valid e-mail address."
    send_code(client, "rina@contoh.id")
    deliver(app)
    data = form_data(client, email_code=mailbox.last_code("rina@contoh.id"),
                     birth_date="2999-01-01", nik="6472011505900000")
    html = client.post("/daftar/perorangan", data=data).get_data(as_text=True)
    assert "The date cannot be in the future." in html
    assert "Invalid NIK: the serial number cannot be 0000." in html
    assert "Tanggal tidak boleh" not in html and "nomor urut" not in html
