"""Pengguna: staff accounts made and changed in the console (roles, Instansi from the
catalogue, the applicants' password policy, a password chosen after the first login),
deactivation ending sessions and API tokens at once, authenticator and password resets,
applicants searched by POST and deactivated, and `flask users` on the same service."""

from __future__ import annotations

import re

import pyotp
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ApiToken, AuditEntry, OutboxMessage, StaffProfile, User, UserSession
from app.services import api_tokens, user_admin
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import (
    CAPTCHA,
    PASSWORD,
    csrf_from,
    get_form,
    login,
    make_applicant,
    make_staff,
)

NOT_CREATED = ("Akun staf belum dibuat: pesan kesalahan tertulis di bawah isian yang perlu "
               "diperbaiki.")
NOT_CREATED_EN = ("The staff account was not created: the messages are written under the fields "
                  "that need correcting.")

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def admin(app):
    client, user = staff_client(app, "Super Admin")
    return client


def post(client, url: str, data: dict, page: str | None = None):
    """Posts a console form with the CSRF token of the page it is on."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_from(html), **data})


def create(admin, **fields):
    data = {"name": "Dewi Teknis", "email": "dewi.teknis@contoh.id", "roles": ["Tim Teknis"],
            "agency": "DINKES", "password": "", "language": "id"} | fields
    return post(admin, "/admin/pengguna/baru", data)


def signs_in(app, email: str, password: str):
    """A fresh browser-like client through password + captcha and TOTP enrolment."""
    client = app.test_client()
    token = get_form(client, "/staff/login", "staff")
    response = client.post("/staff/login", data={"csrf_token": token, "identity": email,
                                                 "password": password, "captcha": CAPTCHA})
    assert response.location == "/staff/totp", page_text(response)[:300]
    page = client.get("/staff/totp").get_data(as_text=True)
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page).group(1)
    response = client.post("/staff/totp", data={"csrf_token": csrf_from(page),
                                                "code": pyotp.TOTP(secret).now()})
    return client, response


def test_a_super_admin_creates_a_dinas_account_that_chooses_its_own_password(app, admin):
    response = create(admin)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = re.search(r'id="once-password">([^<]+)<', response.get_data(as_text=True)) \
        .group(1)
    user = db.session.scalar(select(User).where(User.email == "dewi.teknis@contoh.id"))
    profile = db.session.scalar(select(StaffProfile).where(StaffProfile.user_id == user.id))
    assert [r.name for r in user.roles] == ["Tim Teknis"] and profile.agency_code == "DINKES"
    assert profile.must_change_password

    client, response = signs_in(app, user.email, password)
    assert response.location == "/staff/password"
    assert client.get("/admin/antrian/").location == "/staff/password"  # no screen before it
    weak = post(client, "/staff/password", {"password": "password", "password_confirm":
                                            "password"})
    assert "Gunakan minimal 12 karakter" in page_text(weak)
    response = post(client, "/staff/password", {"password": "Kopi-Tubruk-77",
                                                "password_confirm": "Kopi-Tubruk-77"})
    assert response.location == "/admin/"
    assert client.get("/admin/antrian/").status_code == 200
    db.session.expire_all()
    assert not profile.must_change_password


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"password": "rahasia"}, "password", "minimal 12 karakter"),
    ({"password": "Dewi.Teknis2026"}, "password", "tidak boleh memuat NIK atau email"),
    ({"agency": "ENTAHLAH"}, "agency", "Pilih instansi dari katalog"),
    ({"roles": []}, "roles", "Pilih minimal satu peran"),
    ({"roles": ["Pemohon"]}, "roles", "tidak dikenal: Pemohon"),
    ({"email": "bukan-email"}, "email", "Alamat email tidak valid"),
])
def test_a_staff_account_is_refused_with_the_reason_on_its_field(app, admin, fields, field,
                                                                 message):
    response = create(admin, **fields)
    html = response.get_data(as_text=True)
    assert re.search(rf'data-error-for="{field}">[^<]*{message}', html, re.I), \
        page_text(response)[:500]
    assert db.session.scalar(select(User).where(User.email == "dewi.teknis@contoh.id")) is None


def test_instansi_choices_are_the_catalogues_agencies(app, admin):
    html = admin.get("/admin/pengguna/baru").get_data(as_text=True)
    options = re.findall(r'<option[^>]*value="([A-Z]+)"', html)
    from app.services import catalogue_store

    assert options == [a["code"] for a in catalogue_store.current().agencies]


def test_the_staff_list_filters_by_name_role_agency_and_status(app, admin):
    make_staff(app, "Tim Teknis", "DINKES", email="teknis.dinkes@contoh.id")
    inactive = make_staff(app, "Verifikator", email="lama@contoh.id")
    user_admin.deactivate(inactive)

    def shown(query: str) -> list[str]:
        html = admin.get(f"/admin/pengguna/?{query}").get_data(as_text=True)
        return re.findall(r'data-email="([^"]+)"', html)

    assert shown("instansi=DINKES") == ["teknis.dinkes@contoh.id"]
    assert shown("peran=Verifikator&status=nonaktif") == ["lama@contoh.id"]
    assert "lama@contoh.id" not in shown("status=aktif")
    assert shown("q=TEKNIS.dinkes") == ["teknis.dinkes@contoh.id"]


def test_deactivation_ends_sessions_and_api_tokens_at_once(app, admin):
    victim, user = staff_client(app, "Verifikator")
    token = api_tokens.create(user, "integrasi").secret
    assert victim.get("/admin/antrian/").status_code == 200
    response = post(admin, f"/admin/pengguna/{user.id}/nonaktifkan", {"reason": "pindah tugas"},
                    page=f"/admin/pengguna/{user.id}")
    assert response.status_code == 302
    assert victim.get("/admin/antrian/").location.startswith("/staff/login")
    assert api_tokens.authenticate(token) is None
    assert db.session.scalar(select(UserSession).where(
        UserSession.user_id == user.id, UserSession.revoked_at.is_(None))) is None
    again = app.test_client()
    html = get_form(again, "/staff/login", "staff")
    response = again.post("/staff/login", data={"csrf_token": html, "identity": user.email,
                                                "password": PASSWORD, "captcha": CAPTCHA})
    assert response.status_code == 200 and "Email atau password salah" in page_text(response)

    post(admin, f"/admin/pengguna/{user.id}/aktifkan", {}, page=f"/admin/pengguna/{user.id}")
    db.session.expire_all()
    assert user.active and db.session.scalar(select(ApiToken.revoked_at)) is not None


def test_resetting_the_authenticator_and_the_password(app, admin):
    victim, user = staff_client(app, "Verifikator")
    post(admin, f"/admin/pengguna/{user.id}/reset-totp", {}, page=f"/admin/pengguna/{user.id}")
    assert victim.get("/admin/").location.startswith("/staff/login")
    profile = db.session.scalar(select(StaffProfile).where(StaffProfile.user_id == user.id))
    db.session.refresh(profile)
    assert profile.totp_secret is None and profile.totp_confirmed_at is None

    response = post(admin, f"/admin/pengguna/{user.id}/reset-password", {},
                    page=f"/admin/pengguna/{user.id}")
    password = re.search(r'id="once-password">([^<]+)<', response.get_data(as_text=True)) \
        .group(1)
    client, response = signs_in(app, user.email, password)  # enrols a new authenticator
    assert response.location == "/staff/password"
    old = app.test_client()
    token = get_form(old, "/staff/login", "staff")
    refused = old.post("/staff/login", data={"csrf_token": token, "identity": user.email,
                                             "password": PASSWORD, "captcha": CAPTCHA})
    assert refused.status_code == 200  # the old password no longer works


def test_a_super_admin_cannot_lock_themselves_out(app):
    client, me = staff_client(app, "Super Admin")
    response = post(client, f"/admin/pengguna/{me.id}/nonaktifkan", {},
                    page=f"/admin/pengguna/{me.id}")
    assert "tidak dapat menonaktifkan akun Anda sendiri" in page_text(client.get(
        response.location))
    response = post(client, f"/admin/pengguna/{me.id}/ubah",
                    {"name": "Saya", "roles": ["Verifikator"], "agency": "DPMPTSP",
                     "language": "id"},
                    page=f"/admin/pengguna/{me.id}")
    assert "tidak dapat melepas peran Super Admin" in page_text(response)
    db.session.expire_all()
    assert me.active and [r.name for r in me.roles] == ["Super Admin"]


def test_roles_and_agency_are_changed_on_the_account(app, admin):
    user = make_staff(app, "Verifikator")
    response = post(admin, f"/admin/pengguna/{user.id}/ubah",
                    {"name": "Vera Baru", "roles": ["Verifikator", "Pimpinan"],
                     "agency": "DKP", "language": "id"}, page=f"/admin/pengguna/{user.id}")
    assert response.status_code == 302
    db.session.expire_all()
    assert sorted(r.name for r in user.roles) == ["Pimpinan", "Verifikator"]
    assert user_admin.staff_profile(user).agency_code == "DKP" and user.first_name == "Vera Baru"


def test_applicants_are_found_by_posted_nik_and_deactivated(app, admin):
    person, data = make_applicant(app)
    applicant = app.test_client()
    assert login(applicant, data["email"]).status_code == 302
    response = post(admin, "/admin/pemohon/", {"q": data["nik"]})
    html = response.get_data(as_text=True)
    table = html[html.index('id="applicant-list"'):html.index("</table>")]
    assert response.status_code == 200 and data["nik"] not in table  # shown masked
    assert data["nik"][:4] + "*" * 8 + data["nik"][-4:] in table
    assert f'data-user="{person.id}"' in table
    assert "Masukkan NIK" in page_text(post(admin, "/admin/pemohon/", {"q": "64"}))
    by_mail = post(admin, "/admin/pemohon/", {"q": data["email"].upper()})
    assert f'data-user="{person.id}"' in by_mail.get_data(as_text=True)

    assert applicant.get("/dashboard").status_code == 200
    post(admin, f"/admin/pemohon/{person.id}/nonaktifkan", {"reason": "akun ganda"},
         page=f"/admin/pemohon/{person.id}")
    assert applicant.get("/dashboard").location.startswith("/masuk")  # logged out at once
    assert login(applicant, data["email"]).status_code == 200


@pytest.mark.parametrize("typed", ["Budi", "64720"])
def test_a_refused_applicant_search_shows_no_list(app, admin, typed):
    person, _data = make_applicant(app)
    response = post(admin, "/admin/pemohon/", {"q": typed})
    html = response.get_data(as_text=True)
    assert re.search(r'data-error-for="q">[^<]*Masukkan NIK, NPWP atau NIB lengkap', html)
    assert 'id="applicant-list"' not in html and f'data-user="{person.id}"' not in html
    assert "perbaiki isian pencarian" in page_text(response)
    assert f'data-user="{person.id}"' in admin.get("/admin/pemohon/").get_data(as_text=True)


def test_account_screens_are_the_super_admins(app):
    client, _ = staff_client(app, "Pimpinan")
    for url in ("/admin/pengguna/", "/admin/pengguna/baru", "/admin/pemohon/"):
        assert client.get(url).status_code == 404


def test_flask_users_uses_the_same_service(app, runner):
    result = runner.invoke(args=["users", "create", "--role", "Tim Teknis", "--role",
                                 "Pimpinan", "--agency", "dkp", "--email", "cli@contoh.id"])
    assert result.exit_code == 0, result.output
    user = api_tokens.find_user("cli@contoh.id")
    assert sorted(r.name for r in user.roles) == ["Pimpinan", "Tim Teknis"]
    assert user_admin.must_change_password(user)
    result = runner.invoke(args=["users", "create", "--role", "Tim Teknis", "--agency",
                                 "DKP", "--email", "lemah@contoh.id", "--password", "abc"])
    assert result.exit_code != 0 and "minimal 12 karakter" in result.output
    result = runner.invoke(args=["users", "deactivate", "--email", "cli@contoh.id"])
    assert result.exit_code == 0 and not api_tokens.find_user("cli@contoh.id").active
    result = runner.invoke(args=["users", "set-agency", "--email", "cli@contoh.id",
                                 "--agency", "NOPE"])
    assert result.exit_code != 0 and "Pilih instansi" in result.output


def test_a_staff_member_changes_their_own_password_knowing_the_present_one(app):
    client, user = staff_client(app, "Verifikator")
    assert 'id="change-password"' in client.get("/admin/").get_data(as_text=True)
    new = {"password": "Kopi-Tubruk-77", "password_confirm": "Kopi-Tubruk-77"}
    wrong = post(client, "/staff/password", {"current": "Salah-Sandi-1", **new})
    assert "Password saat ini salah" in page_text(wrong)
    assert post(client, "/staff/password", {"current": PASSWORD, **new}).location == "/admin/"
    assert user_admin.passwords_equal(db.session.get(User, user.id), "Kopi-Tubruk-77")


def test_every_refusal_comes_at_once_in_the_readers_language_and_nothing_typed_is_lost(
        app, admin):
    make_staff(app, "Verifikator", email="sudah.ada@contoh.id")
    fields = {"email": "sudah.ada@contoh.id", "roles": [], "password": "rahasia",
              "name": "Dewi Teknis"}
    indonesian = create(admin, **fields)
    html = indonesian.get_data(as_text=True)
    shown = {field: re.findall(rf'data-error-for="{field}">([^<]*)<', html)
             for field in ("email", "roles", "password")}
    assert shown == {"email": ["Email sudah.ada@contoh.id sudah terdaftar di database kami"],
                     "roles": ["Pilih minimal satu peran staf yang dikenal."],
                     "password": ["Gunakan minimal 12 karakter untuk Password",
                                  "Password terlalu umum, pilih yang lain"]}
    assert NOT_CREATED in page_text(indonesian)
    assert indonesian.headers["Cache-Control"] == "no-store"
    assert 'value="rahasia"' in html and 'value="Dewi Teknis"' in html

    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = create(admin, **(fields | {"email": "bukan-email", "password": "password1234"}))
    text = page_text(english)
    for words in ("Not a valid e-mail address.", "Choose at least one known staff role.",
                  "This password is too common; choose another",
                  NOT_CREATED_EN):
        assert words in text, words
    for words in ("Alamat email", "Pilih minimal", "terlalu umum", "belum dibuat"):
        assert words not in text, words
    taken = page_text(create(admin, **(fields | {"roles": ["Tim Teknis"], "password": ""})))
    assert "The email sudah.ada@contoh.id is already registered" in taken
    assert db.session.scalar(select(User).where(User.email == "bukan-email")) is None


def test_a_name_longer_than_its_column_is_refused_next_to_the_field(app, admin):
    from app.models import User as UserModel

    limit = UserModel.__table__.c.first_name.type.length
    page = admin.get("/admin/pengguna/baru").get_data(as_text=True)
    assert re.search(rf'<input[^>]*id="name"[^>]*maxlength="{limit}"', page) or \
        re.search(rf'<input[^>]*maxlength="{limit}"[^>]*id="name"', page)
    response = create(admin, name="Dewi " + "x" * 295)
    html = response.get_data(as_text=True)
    assert re.search(rf'data-error-for="name">[^<]*paling panjang {limit} karakter', html)
    assert 'value="Dewi xxx' in html  # what was typed is still there to shorten
    assert db.session.scalar(select(User).where(User.email == "dewi.teknis@contoh.id")) is None
    created = create(admin, name="Dewi Teknis")
    user = db.session.scalar(select(User).where(User.email == "dewi.teknis@contoh.id"))
    assert created.status_code in (200, 302) and user.first_name == "Dewi Teknis"
    edit = admin.get(f"/admin/pengguna/{user.id}").get_data(as_text=True)
    changed = admin.post(f"/admin/pengguna/{user.id}/ubah", data={
        "csrf_token": csrf_from(edit), "name": "y" * (limit + 1), "roles": ["Tim Teknis"],
        "agency": "DINKES"}).get_data(as_text=True)
    assert re.search(rf'data-error-for="name">[^<]*paling panjang {limit} karakter', changed)
    db.session.expire_all()
    assert db.session.get(User, user.id).first_name == "Dewi Teknis"


def test_agencies_are_named_in_the_readers_language_as_the_reports_name_them(app, admin):
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    for url in ("/admin/pengguna/baru", "/admin/pengguna/"):
        text = page_text(admin.get(url))
        assert "DINKES — Provincial Health Office" in text, url
        assert "Dinas Kesehatan Provinsi Kalimantan Timur" not in text, url
    admin.get("/bahasa/id", headers={"Referer": "http://localhost/"})
    assert "DINKES — Dinas Kesehatan Provinsi Kalimantan Timur" in page_text(
        admin.get("/admin/pengguna/baru"))


def test_english_readers_read_what_each_role_does_next_to_its_name(app, admin):
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    text = page_text(admin.get("/admin/pengguna/baru"))
    for words in ("Verifikator (Checks completeness)", "Penandatangan (Approves and signs)",
                  "Admin Katalog (Maintains the permit catalogue)"):
        assert words in text, words
    admin.get("/bahasa/id", headers={"Referer": "http://localhost/"})
    text = page_text(admin.get("/admin/pengguna/baru"))
    assert "Verifikator" in text and "Checks completeness" not in text
    office, _user = staff_client(app, "Verifikator")
    office.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    assert ("Applications waiting for your action as Verifikator (Checks completeness) at "
            "DPMPTSP.") in page_text(office.get("/admin/antrian/"))


def change_language(admin, user, language: str):
    return post(admin, f"/admin/pengguna/{user.id}/ubah",
                {"name": user.first_name, "roles": ["Pimpinan"], "agency": "DPMPTSP",
                 "language": language}, page=f"/admin/pengguna/{user.id}")


def test_an_admin_sets_the_language_of_a_staff_members_emails(app, admin):
    """Checked as on the staff member's own Preferensi page, logged like every change of an
    account; their next e-mail (the monthly recap) is in English."""
    from app.reports import recap
    from app.reports.period import next_month
    from app.services import calendar

    user = make_staff(app, "Pimpinan", email="kepala.bahasa@contoh.id")
    page = admin.get(f"/admin/pengguna/{user.id}").get_data(as_text=True)
    assert re.search(r'<option value="id" selected>Bahasa Indonesia', page)
    assert change_language(admin, user, "en").status_code == 302
    page = admin.get(f"/admin/pengguna/{user.id}").get_data(as_text=True)
    assert re.search(r'<option value="en" selected>English', page)
    listed = admin.get("/admin/pengguna/").get_data(as_text=True)
    assert re.search(rf'data-user="{user.id}"[^>]*>(?:(?!</tr>).)*data-language="en"', listed,
                     re.S)
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.kind == "account.updated", AuditEntry.subject == user.email)).one()
    assert "id → en" in entry.summary

    app.config["REPORT_RECIPIENTS"] = user.email
    assert recap.send_monthly(next_month(calendar.today())) == 1
    mail = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient == user.email)).one()
    assert mail.subject.startswith("Permit application recap")


def test_an_unknown_language_is_refused_in_indonesian_and_changes_nothing(app, admin):
    user = make_staff(app, "Pimpinan")
    response = change_language(admin, user, "xx")
    assert response.status_code == 200
    assert re.search(r'data-error-for="language">Pilihan tidak valid\.<',
                     response.get_data(as_text=True))
    db.session.expire_all()
    assert user_admin.staff_profile(user).language == "id"

