"""E-mails in the language of the person who receives them: the account's (set by the page
they registered on, changed on the profile), else the page's that caused the e-mail; also
for e-mails queued outside any request and delivered by the outbox worker."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.complaints import service
from app.extensions import db
from app.models import ApplicantProfile
from app.privacy import masking
from forms_schema import long_date
from tests.complaint_helpers import file_visitor, helpdesk, seed_categories
from tests.helpers import deliver, get_form, login, make_applicant, make_submitted
from tests.integration.test_registration import form_data, send_code

pytestmark = pytest.mark.usefixtures("catalogue")

EXPECTED = {
    "en": {"code": ("E-PTSP registration verification code",
                    "Your E-PTSP account registration verification code is"),
           "welcome": ("Welcome to E-PTSP", "Your E-PTSP account is active."),
           "received": ("Application received", "Estimated completion:")},
    "id": {"code": ("Kode Verifikasi Pendaftaran E-PTSP",
                    "Kode verifikasi pendaftaran akun E-PTSP Anda adalah"),
           "welcome": ("Selamat datang di E-PTSP", "Akun E-PTSP Anda sudah aktif."),
           "received": ("Permohonan diterima", "Perkiraan selesai:")},
}


def body(mail) -> str:
    return mail.get_payload(decode=True).decode()


def looks_like(mail, expected: tuple[str, str]) -> None:
    subject, text = expected
    assert mail["Subject"] == subject
    assert text in body(mail)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_registering_in_a_language_gives_every_later_mail_in_it(app, client, mailbox, lang):
    email = f"pemohon-{lang}@contoh.id"
    client.get(f"/bahasa/{lang}")
    send_code(client, email)
    deliver(app)
    (code_mail,) = mailbox.to(email)
    looks_like(code_mail, EXPECTED[lang]["code"])
    data = form_data(client, email=email, email_code=mailbox.last_code(email))
    assert client.post("/daftar/perorangan", data=data).status_code == 302
    deliver(app)
    welcome = mailbox.to(email)[-1]
    looks_like(welcome, EXPECTED[lang]["welcome"])
    assert masking.mask_identity(data["nik"]) in body(welcome)

    # a status notice queued outside any request (as a staff page or the worker would) and
    # delivered by the outbox worker still follows the account
    profile = db.session.scalar(select(ApplicantProfile).where(
        ApplicantProfile.nik == data["nik"]))
    application = make_submitted(app, profile.user, "SIP-DOKTER")
    assert deliver(app) == 1
    received = mailbox.to(email)[-1]
    looks_like(received, EXPECTED[lang]["received"])
    assert long_date(application.estimated_completion, lang) in body(received)
    assert all(data["nik"] not in body(m) + m["Subject"] for m in mailbox.to(email))


def test_the_profile_changes_the_language_of_the_next_mail(app, client, mailbox):
    with app.test_request_context("/?_l_=en"):  # registered on an English page
        user, data = make_applicant(app, email="ganti@contoh.id")
    login(client, data["nik"])
    page = client.get("/akun/profil").get_data(as_text=True)
    assert '<option selected value="en">' in page or '<option value="en" selected' in page

    token = get_form(client, "/akun/profil")
    answer = client.post("/akun/profil", follow_redirects=True, data={
        "csrf_token": token, "name": data["name"], "gender": "P", "birth_date": "1990-05-15",
        "education": "S1", "address": data["address"], "province_code": "64",
        "regency_code": "64.72", "district_code": "64.72.01",
        "village_code": "64.72.01.1003", "phone": data["phone"], "postal_code": "75131",
        "language": "id"})
    assert "Data berhasil disimpan" in answer.get_data(as_text=True)
    deliver(app)
    mailbox.clear()
    make_submitted(app, user, "SIP-DOKTER")
    deliver(app)
    (mail,) = mailbox.to("ganti@contoh.id")
    looks_like(mail, EXPECTED["id"]["received"])


def test_a_visitor_without_an_account_gets_the_language_of_their_page(app, mailbox):
    seed_categories(app)
    with app.test_request_context("/pengaduan?_l_=en"):
        complaint = file_visitor(app, email="tamu-en@contoh.id")
    deliver(app)
    (code_mail,) = mailbox.to("tamu-en@contoh.id")  # the address is proven first
    assert code_mail["Subject"] == "E-PTSP complaint e-mail verification code"
    assert complaint.ticket in body(code_mail) and "Your e-mail verification code" in \
        body(code_mail)
    with app.test_request_context("/pengaduan/lacak?_l_=id"):  # typed on an Indonesian page
        service.verify_contact(complaint, mailbox.last_code("tamu-en@contoh.id"))
    deliver(app)
    mail = mailbox.to("tamu-en@contoh.id")[-1]
    assert mail["Subject"] == "Complaint received"
    text = body(mail)
    assert complaint.ticket in text and long_date(complaint.due_on, "en") in text
    assert text.startswith("Dear ")

    # the helpdesk answers later from its own (Indonesian) page: still the visitor's language
    _staff, desk = helpdesk(app)
    with app.test_request_context("/admin/pengaduan?_l_=id"):
        service.reply(complaint, "Silakan coba lagi.", desk)
    deliver(app)
    reply = mailbox.to("tamu-en@contoh.id")[-1]
    assert reply["Subject"] == "Reply to your complaint"
    assert "Status: In progress." in body(reply) and "Silakan coba lagi." in body(reply)


def test_the_language_look_up_finds_the_account_through_the_email_index(app):
    """Every application notice asks for its recipient's language: a look-up in ab_user's
    e-mail index, not a read of the whole user table (lower(email) would be one)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans the same equality alike")
    from sqlalchemy import event

    from app.notify import outbox

    person, _data = make_applicant(app, email="warga.satu@contoh.id")
    db.session.scalar(select(ApplicantProfile).filter_by(user_id=person.id)).language = "en"
    db.session.commit()
    seen = []

    def keep(_conn, _cursor, statement, parameters, *_args):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        assert outbox.language_for("Warga.Satu@contoh.id") == "en"
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    statement, parameters = next(s for s in seen if "applicant_profile" in s[0])
    plan = " ".join(str(row[-1]) for row in db.session.connection().exec_driver_sql(
        f"EXPLAIN QUERY PLAN {statement}", parameters))
    assert "SCAN ab_user" not in plan, plan
