"""A mailed code has CODE_MAX_ATTEMPTS (5) tries: after five wrong ones it is void, the right
code is refused too and the person is asked to request a new one; fewer wrong tries leave it
usable. Registration and a visitor's complaint contact both get it from services/codes.py."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Complaint
from tests.backoffice_helpers import page_text
from tests.complaint_helpers import seed_categories
from tests.helpers import deliver
from tests.integration.test_i2_complaint_contact import VISITOR, _file_as_visitor, _post_code
from tests.integration.test_registration import form_data, send_code, user_count

VOID = "Kode verifikasi sudah terlalu sering salah dimasukkan dan tidak berlaku lagi. " \
       "Minta kode baru."
VOID_EN = "The verification code was entered wrongly too many times and is no longer " \
          "valid. Request a new code."
WRONG_REGISTRATION = "Kode Email Yang Anda Inputkan Salah!"
WRONG_COMPLAINT = "Kode verifikasi salah atau sudah kedaluwarsa"


def wrong(code: str, n: int) -> str:
    return f"{(int(code) + n) % 1_000_000:06d}"


def register(client, code: str) -> tuple[int, str]:
    response = client.post("/daftar/perorangan", data=form_data(client, email_code=code))
    return response.status_code, page_text(response)


def mailed_registration_code(app, client, mailbox) -> str:
    send_code(client, "rina@contoh.id")
    deliver(app)
    return mailbox.last_code("rina@contoh.id")


@pytest.mark.parametrize(("wrong_tries", "accepted"), [(5, False), (4, True)])
def test_registration_code_tries(app, client, mailbox, wrong_tries, accepted):
    code = mailed_registration_code(app, client, mailbox)
    said = [register(client, wrong(code, n))[1] for n in range(1, wrong_tries + 1)]
    assert all(WRONG_REGISTRATION in text for text in said[:4])
    before = user_count()
    status, text = register(client, code)
    if accepted:
        assert status == 302 and user_count() == before + 1
    else:
        assert status == 200 and user_count() == before
        assert VOID in said[-1] and VOID in text and WRONG_REGISTRATION not in text


def test_a_new_registration_code_works_after_one_was_void(app, client, mailbox):
    code = mailed_registration_code(app, client, mailbox)
    for n in range(1, 6):
        register(client, wrong(code, n))
    status, _text = register(client, mailed_registration_code(app, client, mailbox))
    assert status == 302


@pytest.fixture
def visitor_complaint(app, client, mailbox):
    seed_categories(app)
    complaint = _file_as_visitor(client)
    deliver(app)
    return complaint, mailbox.last_code(VISITOR)


def proven(complaint) -> bool:
    db.session.expire_all()
    return db.session.get(Complaint, complaint.id).contact_verified_at is not None


@pytest.mark.parametrize(("wrong_tries", "accepted"), [(5, False), (4, True)])
def test_complaint_contact_code_tries(client, visitor_complaint, wrong_tries, accepted):
    complaint, code = visitor_complaint
    said = [page_text(_post_code(client, complaint, wrong(code, n)))
            for n in range(1, wrong_tries + 1)]
    assert all(WRONG_COMPLAINT in text for text in said[:4])
    text = page_text(_post_code(client, complaint, code))
    assert proven(complaint) is accepted
    if accepted:
        assert "Email Anda terverifikasi" in text
    else:
        assert VOID in said[-1] and VOID in text and WRONG_COMPLAINT not in text


def test_an_english_reader_is_asked_for_a_new_code_in_english(client, visitor_complaint):
    complaint, code = visitor_complaint
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    for n in range(1, 6):
        _post_code(client, complaint, wrong(code, n))
    text = page_text(_post_code(client, complaint, code))
    assert VOID_EN in text and "Kode verifikasi sudah" not in text
