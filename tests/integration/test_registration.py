"""Registration as an applicant would go through it, with every error message of the seed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ApplicantProfile, EmailCode, User, utcnow
from tests.helpers import CAPTCHA, PASSWORD, deliver, get_form, make_applicant, new_nik


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
    assert response.status_code == 302 and response.location.endswith("/dashboard")
    profile = db.session.scalar(select(ApplicantProfile).where(ApplicantProfile.nik == data["nik"]))
    assert profile.name == "Dr. Rina Kartika, M.Kes."
    assert profile.phone == "081234567890"
    assert profile.village_code == "64.72.01.1003"
    assert client.get("/dashboard").status_code == 200


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
        ({"nik": "12345"}, "No NIK hanya boleh Angka 16 digit"),
        ({"nik": "64720115059A0001"}, "No NIK hanya boleh Angka 16 digit"),
        ({"nik": "9972011505900001"}, "NIK tidak valid: kode provinsi tidak dikenal."),
        ({"nik": "6472013202900001"}, "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."),
        ({"nik": "6472011505900000"}, "NIK tidak valid: nomor urut tidak boleh 0000."),
        ({"npwp": "123"}, "NPWP harus 15 atau 16 digit angka"),
        ({"password": "pendek", "password_confirm": "pendek"},
         "Gunakan minimal 8 karakter atau lebih untuk Password"),
        ({"password": "semuakecil99", "password_confirm": "semuakecil99"},
         "Password harus berisi setidaknya satu Huruf Kapital"),
        ({"password": "SEMUABESAR99", "password_confirm": "SEMUABESAR99"},
         "Password harus berisi setidaknya satu Huruf kecil"),
        ({"password": "Password123", "password_confirm": "Password123"},
         "Password terlalu umum, pilih yang lain"),
        ({"password_confirm": "Lain-Sekali-7"}, "Konfirmasi password tidak sama"),
        ({"phone": "12345"}, "Nomor HP tidak valid"),
        ({"postal_code": "7513"}, "Kode pos harus 5 digit angka"),
        ({"email": "bukan-email"}, "Alamat email tidak valid."),
        ({"village_code": "64.71.01.1001"}, "Kelurahan/Desa tidak valid"),
        ({"gender": ""}, "Jenis Kelamin wajib dipilih"),
        ({"birth_date": "2999-01-01"}, "Tanggal tidak boleh di masa depan."),
        ({"nik": ""}, "NIK wajib diisi"),
        ({"captcha": "SALAH"}, "Captcha Invalid"),
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
    for message in ("Captcha Invalid", "No NIK hanya boleh Angka 16 digit",
                    "Kode pos harus 5 digit angka",
                    "Gunakan minimal 8 karakter atau lebih untuk Password"):
        assert message in html, message
    assert user_count() == 0


def test_duplicate_nik_and_email_are_named(app, client, mailbox):
    _user, existing = make_applicant(app, email="ada@contoh.id")
    send_code(client, "baru@contoh.id")
    deliver(app)
    data = form_data(client, nik=existing["nik"], email="baru@contoh.id",
                     email_code=mailbox.last_code("baru@contoh.id"))
    html = client.post("/daftar/perorangan", data=data).get_data(as_text=True)
    assert f"NIK {existing['nik']} sudah terdaftar di database kami" in html
    response = send_code(client, "ada@contoh.id")
    assert response.status_code == 400
    assert response.get_json()["message"] == "Email ada@contoh.id sudah terdaftar di database kami"


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
    client.post("/keluar", data={"csrf_token": get_form(client, "/dashboard")})
    again = form_data(client, email_code=code, email="rina@contoh.id")
    html = client.post("/daftar/perorangan", data=again).get_data(as_text=True)
    assert "sudah terdaftar" in html  # the code is gone with the account it made


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
