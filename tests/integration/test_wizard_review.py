"""Validasi Data before Kirim, autosave while typing, File Saya pickers that list only what
fits, the cancel button's reason, and inbox messages in the reader's language."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import Application, InboxMessage
from app.services import review
from catalogue import DEFINITIONS, load_folder
from tests.backoffice_helpers import page_text
from tests.helpers import (
    csrf_from,
    login,
    make_applicant,
    make_file,
    make_staff,
    make_submitted,
    publish_catalogue,
)
from tests.wizard_client import (
    LAST_POST,
    fill_and_submit,
    post_step,
    review_url,
    step_url,
    submit_review,
)

SAMPLE = load_folder(DEFINITIONS)


@pytest.fixture
def applicant(app, client):
    publish_catalogue(app)
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    return user


def stored(uid: str) -> Application:
    db.session.expire_all()
    return db.session.scalar(select(Application).where(Application.uid == uid))


def test_validasi_data_shows_everything_read_only_with_links_back_then_sends(app, client,
                                                                              applicant):
    permit = SAMPLE.permit("SIP-DOKTER")
    uid = fill_and_submit(client, app, permit, "baru", submit=False)
    assert client.get(review_url(uid)).location.endswith(step_url(uid, "detail"))
    response = post_step(client, uid, "detail", LAST_POST)  # Lanjut: Validasi Data
    assert response.location.endswith(review_url(uid))
    page = client.get(review_url(uid))
    html = page.get_data(as_text=True)
    text = page_text(page)
    for step in ("pemohon", "perusahaan", "lokasi", "detail"):  # each returns here (Lanjut)
        assert f'href="{step_url(uid, step)}?kembali=validasi" data-edit-step="{step}"' \
            in html, step
    draft = stored(uid)
    assert draft.data["applicant"]["nik"] in text
    assert "Lokasi Izin" in text and draft.data["location"]["street"] in text
    assert "Titik Lokasi Praktik" in text  # the permit's own form, read-only
    assert 'name="str_number"' not in html  # no inputs of the form here
    assert 'id="review-problems"' not in html and "Kirim Permohonan" in text
    assert client.get(f"/permohonan/{uid}/lanjutkan").location.endswith(review_url(uid))
    response = submit_review(client, uid)
    assert response.status_code == 302 and stored(uid).status == "in_process"


def test_validasi_data_names_what_is_still_missing(app, client, applicant):
    uid = fill_and_submit(client, app, SAMPLE.permit("SIPA"), "baru", submit=False)
    assert post_step(client, uid, "detail", LAST_POST).status_code == 302
    draft = stored(uid)
    draft.data = {**draft.data, "location": {**draft.data["location"], "latitude": ""}}
    db.session.commit()
    html = client.get(review_url(uid)).get_data(as_text=True)
    assert 'id="review-problems"' in html
    assert f'href="{step_url(uid, "lokasi")}?kembali=validasi" data-problem-step="lokasi"' \
        in html
    assert re.search(r'id="wizard-submit"[^>]*disabled', html)
    response = submit_review(client, uid)
    assert response.status_code == 200 and stored(uid).status == "draft"


def test_autosave_keeps_what_was_typed_without_checking_it(app, client, applicant):
    uid = fill_and_submit(client, app, SAMPLE.permit("SIP-DOKTER"), "baru", submit=False)
    page = client.get(step_url(uid, "detail")).get_data(as_text=True)
    response = client.post(step_url(uid, "detail"), data={
        "csrf_token": csrf_from(page), "_nav": "autosave", "str_number": "12",
        "doctor_nik": "6472"})
    assert response.status_code == 200 and response.get_json()["saved"] is True
    assert re.fullmatch(r"\d{2}\.\d{2}", response.get_json()["at"])
    details = stored(uid).data["details"]
    assert details["str_number"] == "12" and details["doctor_nik"] == "6472"
    again = client.get(step_url(uid, "detail")).get_data(as_text=True)
    assert 'value="6472"' in again  # found on return, though not a valid NIK yet
    page = client.get(step_url(uid, "lokasi")).get_data(as_text=True)
    response = client.post(step_url(uid, "lokasi"), data={
        "csrf_token": csrf_from(page), "nav": "autosave", "street": "Jl. Setengah Jad"})
    assert response.get_json()["saved"] is True
    assert stored(uid).data["location"]["street"] == "Jl. Setengah Jad"
    # without the page's token nothing is saved
    response = client.post(step_url(uid, "lokasi"), data={"nav": "autosave", "street": "X"})
    assert response.status_code == 400 and stored(uid).data["location"]["street"] != "X"


def test_file_pickers_list_only_files_that_fit_with_size_and_date(app, client, applicant):
    make_file(app, applicant, "pdf", "KTP lama")
    make_file(app, applicant, "png", "Foto KTP")
    big = make_file(app, applicant, "pdf", "Berkas besar")
    big.size = 40 * 1024 * 1024
    db.session.commit()
    uid = fill_and_submit(client, app, SAMPLE.permit("SIP-DOKTER"), "baru", submit=False)
    html = client.get(step_url(uid, "detail")).get_data(as_text=True)
    slot = html[html.index('data-doc-slot="ijazah"'):]  # a requirement's own slot
    field = html[html.index('name="str_scan"'):]  # a file field of the permit's form
    for picker in (slot[:slot.index("</select>")], field[:field.index("</select>")]):
        assert re.search(r"KTP lama \(\.pdf, \d+ B, \d{2}/\d{2}/\d{4}\)", picker)
        assert "Foto KTP" not in picker  # these take PDF only
        assert "Berkas besar" not in picker  # over their 5 MB and 2 MB


def test_the_cancel_button_once_gone_says_why(app, client, applicant):
    application = make_submitted(app, applicant, "SIPA")
    page = client.get(f"/permohonan/{application.uid}").get_data(as_text=True)
    assert 'id="cancel-open"' in page and 'id="cancel-why"' not in page
    verifier = make_staff(app, "Verifikator", "DPMPTSP")
    review.act(application, casework.actor_for(verifier), "revisi", note="Perbaiki peta.")
    page = client.get(f"/permohonan/{application.uid}").get_data(as_text=True)
    assert 'id="cancel-open"' not in page
    assert "yang sedang menunggu revisi tidak dapat dibatalkan" in page


def test_inbox_messages_read_in_english_with_the_catalogues_names(app, client, applicant):
    application = make_submitted(app, applicant, "SIP-DOKTER")
    message = db.session.scalar(select(InboxMessage).where(
        InboxMessage.application_id == application.id))
    assert message.subject == "Permohonan diterima"
    assert message.body.startswith("Permohonan Surat Izin Praktik Dokter Anda telah kami terima")
    assert message.subject_en == "Application received"
    assert "Medical Practice Permit" in message.body_en
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    inbox = page_text(client.get("/inbox"))
    assert "Application received" in inbox and "Permohonan diterima" not in inbox
    opened = page_text(client.get(f"/inbox/{message.id}"))
    assert "We have received your Medical Practice Permit application" in opened
    listing = page_text(client.get("/permohonan"))
    assert "Medical Practice Permit" in listing


def test_the_address_leaves_out_an_empty_rt_with_its_separator(app, client, applicant):
    uid = fill_and_submit(client, app, SAMPLE.permit("SIP-DOKTER"), "baru", submit=False)
    assert post_step(client, uid, "detail", LAST_POST).status_code == 302
    draft = stored(uid)
    location = {**draft.data["location"], "street": "Jl. Pahlawan", "number": "12A"}
    draft.data = {**draft.data, "location": {**location, "rt": "", "rw": "123"}}
    db.session.commit()
    text = page_text(client.get(review_url(uid)))
    assert "Jl. Pahlawan 12A, RW 123, " in text and "/RW" not in text
    draft = stored(uid)
    draft.data = {**draft.data, "location": {**location, "rt": "004", "rw": "123"}}
    db.session.commit()
    assert "Jl. Pahlawan 12A, RT 004/RW 123, " in page_text(client.get(review_url(uid)))


def test_sending_without_the_declaration_says_so_at_the_top(app, client, applicant):
    uid = fill_and_submit(client, app, SAMPLE.permit("SIP-DOKTER"), "baru", submit=False)
    assert post_step(client, uid, "detail", LAST_POST).status_code == 302
    response = submit_review(client, uid, declaration=False)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and stored(uid).status == "draft"
    alert = re.search(r'<div class="alert alert-danger[^"]*" id="declaration-alert" '
                      r'role="alert"[^>]*>(.*?)</div></div>', html, re.S)
    assert alert, "no alert naming the declaration"
    assert "Centang pernyataan kebenaran data sebelum mengirim" in alert.group(1)
    assert 'href="#declaration"' in alert.group(1)
    # above everything else of the step: the answers and the form with the checkbox
    assert html.index('id="declaration-alert"') < html.index('id="review-answers"') \
        < html.index('id="declaration"')
    assert 'id="declaration-error"' in html  # and still next to the checkbox
    assert 'id="declaration-alert"' not in client.get(review_url(uid)).get_data(as_text=True)


def test_ubah_returns_to_validasi_data_and_the_normal_order_stays_without_it(app, client,
                                                                             applicant):
    uid = fill_and_submit(client, app, SAMPLE.permit("SIP-DOKTER"), "baru", submit=False)
    assert post_step(client, uid, "detail", LAST_POST).status_code == 302
    html = client.get(review_url(uid)).get_data(as_text=True)
    edit = re.search(r'href="([^"]+)" data-edit-step="lokasi"', html).group(1)
    assert edit == step_url(uid, "lokasi") + "?kembali=validasi"
    page = client.get(edit).get_data(as_text=True)
    assert "Lanjut: Validasi Data" in page
    location = stored(uid).data["location"]
    posted = {**location, "street": "Jl. Diubah", "csrf_token": csrf_from(page), "nav": "next"}
    response = client.post(edit, data={**posted, "rt": "x"})  # refused: stays, keeps the way
    assert response.status_code == 200 and "Lanjut: Validasi Data" in response.get_data(
        as_text=True)
    response = client.post(edit, data=posted)
    assert response.status_code == 302 and response.location.endswith(review_url(uid))
    assert stored(uid).data["location"]["street"] == "Jl. Diubah"
    # Kembali keeps the way back: the step before, then Lanjut there returns too
    response = client.post(edit, data={**posted, "nav": "back"})
    assert response.location.endswith(step_url(uid, "perusahaan") + "?kembali=validasi")
    # without the marker: the next step, as always
    response = post_step(client, uid, "lokasi", location)
    assert response.status_code == 302 and response.location.endswith(step_url(uid, "detail"))
    assert "Lanjut: Validasi Data" not in client.get(step_url(uid, "lokasi")).get_data(
        as_text=True)


def test_the_return_marker_does_not_skip_steps_before_validasi_data_is_open(app, client,
                                                                            applicant):
    from tests.wizard_client import start

    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    page = client.get(step_url(uid, "pemohon") + "?kembali=validasi").get_data(as_text=True)
    response = client.post(step_url(uid, "pemohon") + "?kembali=validasi", data={
        "csrf_token": csrf_from(page), "nav": "next", "phone": "081234567890",
        "postal_code": "75131", "email": "a@contoh.id"})
    assert response.location.endswith(step_url(uid, "perusahaan"))
