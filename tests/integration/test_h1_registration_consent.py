"""UU PDP consent at registration: the form asks the person to tick their acceptance of the
privacy notice, refuses (and creates nothing) without it, and records when they accepted and
which version of the notice (PRIVACY_NOTICE_VERSION); the person sees that record under Edit
Profile and finds it in "Unduh data saya". An account not made by registering (the demo seed)
records nothing and says "belum tercatat"."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.cli import DEMO_APPLICANT_EMAIL
from app.extensions import db
from app.models import ApplicantProfile, EmailCode, User, utcnow
from tests.backoffice_helpers import page_text
from tests.helpers import deliver, get_form, login
from tests.integration.test_registration import form_data, send_code

VERSION = "2027-03-uji"
REFUSED = "Centang persetujuan Kebijakan Privasi untuk dapat mendaftar"
EMAILS = {"perorangan": "rina@contoh.id", "badan-usaha": "cv@contoh.id"}


@pytest.fixture
def app_overrides():
    return {"PRIVACY_NOTICE_VERSION": VERSION}


def _registered_form(app, client, mailbox, kind: str, **overrides) -> dict:
    send_code(client, EMAILS[kind])
    deliver(app)
    return form_data(client, kind, email=EMAILS[kind],
                     email_code=mailbox.last_code(EMAILS[kind]), **overrides)


def _consent_row(email: str):
    return db.session.execute(select(
        ApplicantProfile.privacy_consent_at, ApplicantProfile.privacy_notice_version)
        .join(User, User.id == ApplicantProfile.user_id).where(User.email == email)).one()


@pytest.mark.parametrize("kind", ["perorangan", "badan-usaha"])
def test_registration_without_acceptance_is_refused_and_creates_nothing(
        app, client, mailbox, kind):
    page = page_text(client.get(f"/daftar/{kind}"))
    assert f"Versi Kebijakan Privasi: {VERSION}" in page
    data = _registered_form(app, client, mailbox, kind)
    del data["privacy_consent"]  # the box left unticked: a browser sends nothing
    users = db.session.scalar(select(func.count(User.id)))

    response = client.post(f"/daftar/{kind}", data=data)

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    under = re.search(r'data-error-for="privacy_consent">(.*?)</div>', html, re.S)
    assert under and under.group(1).strip() == REFUSED
    assert "Proses Pendaftaran Gagal" in html
    assert db.session.scalar(select(func.count(User.id))) == users
    assert db.session.scalar(select(func.count(ApplicantProfile.id))) == 0
    # the emailed code was not spent: ticking the box and sending again succeeds
    assert db.session.scalar(select(func.count(EmailCode.id)).where(
        EmailCode.used_at.is_not(None))) == 0
    fresh = get_form(client, f"/daftar/{kind}", "register")  # a new page and captcha
    again = client.post(f"/daftar/{kind}",
                        data={**data, "csrf_token": fresh, "privacy_consent": "y"})
    assert again.status_code == 302 and again.location.endswith("/masuk")


@pytest.mark.parametrize("kind", ["perorangan", "badan-usaha"])
def test_acceptance_records_the_time_and_the_notice_version(app, client, mailbox, kind):
    data = _registered_form(app, client, mailbox, kind)
    before = utcnow()
    response = client.post(f"/daftar/{kind}", data=data)
    assert response.status_code == 302 and response.location.endswith("/masuk")
    accepted_at, version = _consent_row(EMAILS[kind])
    assert version == VERSION
    assert before - timedelta(seconds=1) <= accepted_at <= utcnow()


def test_the_person_sees_the_consent_in_the_profile_and_in_the_export(app, client, mailbox):
    data = _registered_form(app, client, mailbox, "perorangan")
    assert client.post("/daftar/perorangan", data=data).status_code == 302
    accepted_at, _version = _consent_row(EMAILS["perorangan"])
    assert login(client, data["nik"]).status_code == 302

    profile = page_text(client.get("/akun/profil"))
    assert "Persetujuan Kebijakan Privasi" in profile
    assert f"Versi kebijakan: {VERSION}" in profile
    assert "Disetujui saat pendaftaran" in profile and "belum tercatat" not in profile

    response = client.get("/akun/data-saya.zip")
    assert response.status_code == 200
    held = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("data.json"))
    response.close()
    assert held["privacy_consent"] == {"accepted_at": accepted_at.isoformat(),
                                       "notice_version": VERSION}


def test_an_account_not_made_by_registering_records_no_consent(app, client, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    line = next(t for t in result.output.splitlines() if t.strip().startswith("pemohon"))
    password = re.search(r"Demo-\S+", line).group(0)
    assert _consent_row(DEMO_APPLICANT_EMAIL) == (None, None)
    assert login(client, DEMO_APPLICANT_EMAIL, password).status_code == 302

    profile = page_text(client.get("/akun/profil"))
    assert "belum tercatat" in profile and "Versi kebijakan" not in profile
    response = client.get("/akun/data-saya.zip")
    held = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("data.json"))
    response.close()
    assert held["privacy_consent"] == {"accepted_at": None, "notice_version": None}
