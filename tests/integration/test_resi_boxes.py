"""The public receipt boxes (Lacak Permohonan, Survey Kepuasan) and Lacak Pengaduan: an
empty box says what is required, next to it; what is typed is posted, and only a value with
the receipt's shape reaches a URL (a NIK typed by mistake never lands in the history); the
receipt's QR address /lacak?resi=... keeps working."""

from __future__ import annotations

import re

import pytest

from app.services import resi as resi_codes
from tests.backoffice_helpers import page_text
from tests.complaint_helpers import seed_categories
from tests.helpers import (
    CAPTCHA,
    csrf_from,
    get_form,
    make_applicant,
    make_submitted,
    publish_catalogue,
)

NIK = "6472011505900001"
BOXES = [("/lacak", "/lacak", "tracking-resi"),
         ("/survey-kepuasan", "/survey-kepuasan/cari", "survey-resi")]


def _post(client, page: str, target: str, resi: str):
    """As the page's form posts it: with the session's token in the applicant area, with
    none on the public pages (a visitor has no session; the origin is checked instead)."""
    html = client.get(page).get_data(as_text=True)
    token = {"csrf_token": csrf_from(html)} if 'name="csrf_token"' in html else {}
    return client.post(target, data=token | {"resi": resi},
                       headers={"Origin": "http://localhost"})


@pytest.mark.parametrize(("page", "target", "box"), BOXES)
def test_the_box_is_posted_and_a_nik_never_reaches_a_url(client, page, target, box):
    html = client.get(page).get_data(as_text=True)
    assert re.search(rf'<form method="post" action="{target}"', html)
    refused = _post(client, page, target, NIK)
    assert refused.status_code == 200 and refused.location is None
    assert "Nomor resi terdiri dari 12 huruf dan angka" in page_text(refused)
    assert re.search(rf'id="{box}"[^>]*aria-describedby', refused.get_data(as_text=True))


@pytest.mark.parametrize(("page", "target", "box"), BOXES)
def test_an_empty_box_says_the_resi_is_required_in_the_readers_language(client, page,
                                                                        target, box):
    assert "Nomor resi wajib diisi." in page_text(_post(client, page, target, "  "))
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    assert "Receipt code is required." in page_text(_post(client, page, target, ""))


def test_a_receipt_shaped_value_goes_on_to_the_tracking_address(app, client):
    publish_catalogue(app)
    user, _data = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    printed = resi_codes.display(application.resi)
    found = _post(client, "/lacak", "/lacak", printed.lower())
    assert found.status_code == 303 and found.location == f"/lacak?resi={printed}"
    assert 'id="tracking-result"' in client.get(found.location).get_data(as_text=True)
    survey = _post(client, "/survey-kepuasan", "/survey-kepuasan/cari", printed.lower())
    assert survey.location == f"/survey-kepuasan/isi?resi={printed}"


def test_following_a_complaint_with_empty_fields_names_both_required_fields(app, client):
    seed_categories(app)
    token = get_form(client, "/pengaduan/lacak", "complaint")
    refused = client.post("/pengaduan/lacak", data={"csrf_token": token, "captcha": CAPTCHA,
                                                     "ticket": "", "contact": ""})
    html = refused.get_data(as_text=True)
    assert re.search(r'data-error-for="ticket">Kode Tiket wajib diisi\.', html)
    assert re.search(r'data-error-for="contact">Email atau No\. HP wajib diisi\.', html)
    assert "Pengaduan tidak ditemukan" not in html
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    token = get_form(client, "/pengaduan/lacak", "complaint")
    english = page_text(client.post("/pengaduan/lacak", data={
        "csrf_token": token, "captcha": CAPTCHA, "ticket": "", "contact": ""}))
    assert "Ticket code is required." in english


@pytest.mark.parametrize(("page", "box"), [("/monitoring", "monitoring-resi"),
                                           ("/survey-ikm", "survey-resi")])
def test_the_applicants_own_receipt_boxes_keep_a_nik_out_of_the_url(app, client, page, box):
    """Monitoring Izin and Survey IKM in the applicant area search one's own applications by
    receipt with the same posted box: a NIK is answered beside it, a receipt goes on."""
    from tests.helpers import login

    publish_catalogue(app)
    user, data = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    assert login(client, data["nik"]).status_code == 302
    assert re.search(rf'<form method="post" action="{page}"',
                     client.get(page).get_data(as_text=True))
    refused = _post(client, page, page, NIK)
    assert refused.status_code == 200 and refused.location is None
    assert "Nomor resi terdiri dari 12 huruf dan angka" in page_text(refused)
    assert re.search(rf'id="{box}"[^>]*aria-describedby', refused.get_data(as_text=True))
    printed = resi_codes.display(application.resi)
    found = _post(client, page, page, application.resi.lower())
    assert found.status_code == 303 and found.location == f"{page}?resi={printed}"


@pytest.mark.parametrize(("page", "target", "box"), BOXES)
def test_a_public_box_gives_no_session_and_refuses_another_sites_post(client, page, target,
                                                                      box):
    """No token means no session cookie for a visitor who only looks something up; a post
    made by another site's page is refused by its origin (or, without one, its referrer)."""
    html = client.get(page).get_data(as_text=True)
    assert 'name="csrf_token"' not in html
    asked = client.post(target, data={"resi": NIK}, headers={"Origin": "http://localhost"})
    assert asked.status_code == 200 and asked.headers.get_all("Set-Cookie") == []
    for header in ({"Origin": "https://situs-lain.example"},
                   {"Referer": "https://situs-lain.example/halaman"}):
        assert client.post(target, data={"resi": NIK}, headers=header).status_code == 400
