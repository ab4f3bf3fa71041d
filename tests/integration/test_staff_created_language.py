"""Pengguna: an account's language is chosen when it is made, as it is changed later (the
same choices, checked by the same rule as the staff member's own Preferensi page); a new
account is Indonesian unless the administrator chooses otherwise, and its first e-mail is in
the language chosen. The admin's form speaks of the account, not to "you"."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import OutboxMessage, User
from app.services import user_admin
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import csrf_from

pytestmark = pytest.mark.usefixtures("catalogue")
NEW = "/admin/pengguna/baru"


@pytest.fixture
def admin(app):
    client, _user = staff_client(app, "Super Admin")
    return client


def create(admin, **fields):
    token = csrf_from(admin.get(NEW).get_data(as_text=True))
    data = {"name": "Kepala Baru", "email": "kepala.baru@contoh.id", "roles": ["Pimpinan"],
            "agency": "DPMPTSP", "password": "", "language": "id"} | fields
    return admin.post(NEW, data={"csrf_token": token, **data})


def first_mail(app, email: str) -> OutboxMessage:
    """The monthly recap, the e-mail a Pimpinan account gets without doing anything."""
    from app.reports import recap
    from app.reports.period import next_month
    from app.services import calendar

    app.config["REPORT_RECIPIENTS"] = email
    assert recap.send_monthly(next_month(calendar.today())) == 1
    return db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient == email)).one()


def test_the_new_account_form_offers_the_language_indonesian_first(admin):
    page = admin.get(NEW).get_data(as_text=True)
    assert re.search(r'<option value="id" selected>Bahasa Indonesia', page)
    assert re.search(r'<option value="en">English', page)
    text = page_text(admin.get(NEW))
    assert "alamat akun ini" in text and "alamat Anda" not in text


def test_an_account_made_in_english_gets_its_first_mail_in_english(app, admin):
    response = create(admin, language="en")
    assert response.status_code == 200 and "kepala.baru@contoh.id" in page_text(response)
    user = db.session.scalar(select(User).where(User.email == "kepala.baru@contoh.id"))
    assert user_admin.staff_profile(user).language == "en"
    assert first_mail(app, user.email).subject.startswith("Permit application recap")
    page = admin.get(f"/admin/pengguna/{user.id}").get_data(as_text=True)
    assert re.search(r'<option value="en" selected>English', page)


def test_an_account_made_as_the_form_comes_is_indonesian(app, admin):
    create(admin)  # Indonesian, selected when the form opens
    user = db.session.scalar(select(User).where(User.email == "kepala.baru@contoh.id"))
    assert user_admin.staff_profile(user).language == "id"
    assert first_mail(app, user.email).subject.startswith("Rekap permohonan izin")


def test_an_unknown_language_is_refused_with_the_other_refusals_and_nothing_is_made(admin):
    response = create(admin, language="xx", roles=[])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'data-error-for="language">Pilihan tidak valid\.<', html)
    assert re.search(r'data-error-for="roles">Pilih minimal satu peran', html)
    assert db.session.scalar(select(User).where(User.email == "kepala.baru@contoh.id")) is None


def test_the_account_screen_speaks_of_the_account_in_english_too(app, admin):
    user, _password = user_admin.create_staff("lama@contoh.id", "Pimpinan", "DPMPTSP")
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    text = page_text(admin.get(f"/admin/pengguna/{user.id}"))
    assert "this account" in text and "your address" not in text
