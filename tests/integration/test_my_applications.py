"""Permohonan Saya, submission rules, receipts, Revisi, cancel, tracking and access control."""

from __future__ import annotations

import io
import threading

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from app import casework
from app.extensions import db
from app.models import Application
from app.services import resi as resi_codes
from app.services import review, workflow
from catalogue import DEFINITIONS, load_folder
from tests.answer_factory import SAMPLE_BYTES
from tests.helpers import (
    all_documents_valid,
    csrf_from,
    fill_draft,
    login_new_applicant,
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
)
from tests.wizard_client import (
    fill_and_submit,
    post_step,
    review_url,
    start,
    step_url,
    submit_review,
)

SAMPLE = load_folder(DEFINITIONS)
STORAGE_BACKENDS = ("local", "s3")  # uploads, documents and permits through either backend


def _by_uid(uid: str) -> Application:
    db.session.expire_all()
    return db.session.scalar(select(Application).where(Application.uid == uid))


# submission --------------------------------------------------------------------------------
def test_a_resent_submission_creates_one_application(app, client):
    publish_catalogue(app)
    login_new_applicant(app, client)
    permit = SAMPLE.permit("SIPA")
    uid = fill_and_submit(client, app, permit, "baru", submit=False)
    from tests.wizard_client import LAST_POST

    assert post_step(client, uid, "detail", LAST_POST).status_code == 302
    page = client.get(review_url(uid)).get_data(as_text=True)
    key = page.split('name="_submit_key" value="')[1].split('"')[0]
    body = MultiDict([("csrf_token", csrf_from(page)), ("_declaration", "1"),
                      ("_submit_key", key)])
    first = client.post(review_url(uid), data=body)  # the same Kirim sent twice
    second = client.post(review_url(uid), data=body)
    assert first.status_code == 302 and second.status_code == 302
    assert db.session.scalar(select(func.count(Application.id))) == 1
    assert _by_uid(uid).status == "in_process"


def test_concurrent_submissions_of_one_draft_give_one_application(app):
    publish_catalogue(app)
    user, _ = make_applicant(app)
    draft = fill_draft(app, user, "SIP-DOKTER")
    draft_id = draft.id
    results, barrier = [], threading.Barrier(2)

    def submit():
        with app.app_context():
            application = db.session.get(Application, draft_id)
            barrier.wait()
            try:
                results.append(workflow.submit(application, "same-key").resi)
            except workflow.AlreadyProcessed as exc:
                results.append(exc.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stored = db.session.get(Application, draft_id)
    db.session.refresh(stored)
    assert stored.status == "in_process"
    assert results.count(stored.resi) >= 1
    assert db.session.scalar(select(func.count(Application.id))) == 1


def test_submission_refuses_missing_documents_and_declaration(app, client):
    publish_catalogue(app)
    login_new_applicant(app, client)
    permit = SAMPLE.permit("SIP-DOKTER")
    uid = fill_and_submit(client, app, permit, "baru", submit=False)
    response = post_step(client, uid, "detail", [("doctor_nik", "123")], nav="next")
    html = response.get_data(as_text=True)
    assert response.status_code == 200  # step 5 stays, Validasi Data does not open
    assert "Ijazah Dokter wajib diunggah" in html
    assert "NIK harus 16 digit angka." in html
    assert 'value="123"' in html  # what was typed stays
    assert client.get(review_url(uid)).location.endswith("/langkah/detail")
    from tests.wizard_client import LAST_POST

    assert post_step(client, uid, "detail", LAST_POST).status_code == 302
    response = submit_review(client, uid, declaration=False)
    assert response.status_code == 200
    assert "Centang pernyataan kebenaran data sebelum mengirim" in response.get_data(as_text=True)
    assert _by_uid(uid).status == "draft"


def test_registration_numbers_follow_the_catalogue_format_per_permit_and_year(app):
    publish_catalogue(app)
    user, _ = make_applicant(app)
    first = make_submitted(app, user, "SIP-DOKTER")
    second = make_submitted(app, user, "SIP-DOKTER")
    other = make_submitted(app, user, "SIPA")
    year = first.submitted_at.year
    assert first.registration_number == f"1/SIPD-B/{first.submitted_at:%m}/{year}"
    assert second.registration_number == f"2/SIPD-B/{second.submitted_at:%m}/{year}"
    assert other.registration_number.startswith("1/") or "0001" in other.registration_number
    assert len({first.resi, second.resi, other.resi}) == 3
    assert all(resi_codes.looks_valid(a.resi) and len(a.resi) >= 10 for a in (first, second))


def test_estimated_completion_skips_weekends_and_catalogue_holidays(app):
    from datetime import date

    from app.services import calendar

    publish_catalogue(app)
    from app.services import catalogue_store

    cat = catalogue_store.current()
    # Friday 2026-12-18 + 5 working days: skips the weekend, 24 Dec (cuti bersama) and 25 Dec
    assert calendar.add_working_days(date(2026, 12, 18), 5, cat) == date(2026, 12, 29)


# receipts and downloads ----------------------------------------------------------------------
def test_receipt_pdf_lists_resi_number_permit_applicant_and_documents(app, client):
    publish_catalogue(app)
    user = login_new_applicant(app, client)
    uid = fill_and_submit(client, app, SAMPLE.permit("SIPA"), "baru")
    application = _by_uid(uid)
    response = client.get(f"/permohonan/{uid}/resi.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert resi_codes.display(application.resi) in text
    assert application.registration_number in text
    assert "Surat Izin Pengambilan Air Tanah" in text or application.permit_name in text
    assert user.first_name.split(",")[0] in text
    first_requirement = SAMPLE.permit("SIPA")["requirements"][0]["name"]["id"]
    assert first_requirement in text


def test_detail_page_shows_answers_by_label_documents_and_timeline(app, client):
    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = fill_and_submit(client, app, SAMPLE.permit("SIP-DOKTER"), "baru")
    html = client.get(f"/permohonan/{uid}").get_data(as_text=True)
    assert "NIK Dokter" in html and "doctor_nik" not in html
    assert "Permohonan dikirim" in html and "Verifikasi Berkas" in html
    assert "Cetak Resi" in html and "Batalkan" in html
    assert "Scan KTP" in html


# cancel --------------------------------------------------------------------------------------
def test_cancel_before_any_verifier_action_only(app, client):
    publish_catalogue(app)
    user = login_new_applicant(app, client)
    first = fill_and_submit(client, app, SAMPLE.permit("SIPA"), "baru")
    token = csrf_from(client.get(f"/permohonan/{first}").get_data(as_text=True))
    assert client.post(f"/permohonan/{first}/batal", data={"csrf_token": token}).status_code \
        == 302
    assert _by_uid(first).status == "cancelled"
    second = make_submitted(app, user, "SIPA")
    staff = make_staff(app, "Verifikator", "DPMPTSP")
    review.act(second, casework.actor_for(staff), "lanjut",
               verdicts=all_documents_valid(second))
    page = client.get(f"/permohonan/{second.uid}").get_data(as_text=True)
    assert 'id="cancel-open"' not in page
    client.post(f"/permohonan/{second.uid}/batal", data={"csrf_token": csrf_from(page)})
    assert _by_uid(second.uid).status == "in_process"


# revision loop -------------------------------------------------------------------------------
def test_revision_loop_through_the_wizard(app, client):
    publish_catalogue(app)
    user = login_new_applicant(app, client)
    application = make_submitted(app, user, "SIPA")
    staff = make_staff(app, "Verifikator", "DPMPTSP")
    first_doc = application.documents[0].requirement_key
    review.act(application, casework.actor_for(staff), "revisi", note="Mohon perbaiki.",
               verdicts={first_doc: review.DocVerdict(False, "Buram, tidak terbaca")})
    listing = client.get("/revisi").get_data(as_text=True)
    assert "Mohon perbaiki." in listing and "Buram, tidak terbaca" in listing
    step = client.get(f"/permohonan/{application.uid}/lanjutkan")
    assert step.location.endswith("/langkah/pemohon")
    detail = client.get(step_url(application.uid, "detail")).get_data(as_text=True)
    assert "Catatan verifikator" in detail and "Perlu diperbaiki" in detail
    stored_map = application.data["details"]["map_file"]  # a form field answering "peta"
    assert f'<option value="{stored_map}" selected>' in detail
    requirement = next(r for r in SAMPLE.permit("SIPA")["requirements"]
                       if r["key"] == first_doc)
    from tests.wizard_client import upload_for

    new_file = upload_for(client, application.uid, requirement, name="perbaikan")
    stored = _by_uid(application.uid)
    documents = dict(stored.data["documents"])
    covered = {f.get("requirement"): f["key"] for s in SAMPLE.permit("SIPA")["form"]["sections"]
               for f in s["fields"] if f["type"] == "file"}
    answers = dict(stored.data["details"])
    if first_doc in covered:
        answers[covered[first_doc]] = new_file
    else:
        documents[first_doc] = new_file
    from tests.wizard_client import flatten

    data = flatten(SAMPLE.permit("SIPA")["form"], answers) + \
        [(f"doc-{k}", v) for k, v in documents.items() if k not in covered]
    response = post_step(client, application.uid, "detail", data)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    checked = client.get(review_url(application.uid)).get_data(as_text=True)
    assert "Kirim Revisi" in checked and "Catatan verifikator" in checked
    response = submit_review(client, application.uid)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    resubmitted = _by_uid(application.uid)
    assert resubmitted.status == "in_process" and resubmitted.current_step == "verifikasi"
    assert next(d for d in resubmitted.documents
                if d.requirement_key == first_doc).file.uid == new_file
    page = client.get(f"/permohonan/{application.uid}").get_data(as_text=True)
    assert "Dikembalikan untuk revisi" in page and "Revisi dikirim pemohon" in page


# public tracking -----------------------------------------------------------------------------
def test_tracking_page_by_resi_shows_progress_without_personal_data(app, client):
    publish_catalogue(app)
    user, _ = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    anonymous = app.test_client()
    typed = resi_codes.display(application.resi).lower()
    html = anonymous.get(f"/lacak?resi={typed}").get_data(as_text=True)
    assert "Dalam Proses" in html and "Verifikasi Berkas" in html
    assert application.applicant_name not in html and application.applicant_identity not in html
    missing = anonymous.get("/lacak?resi=ZZZZ-ZZZZ-ZZZZ").get_data(as_text=True)
    assert "Nomor resi tidak ditemukan" in missing


# uploads into requirement slots -------------------------------------------------------------
@pytest.mark.parametrize(("filename", "content", "message"), [
    ("ktp.exe", SAMPLE_BYTES["pdf"], "Format berkas .exe tidak diterima"),
    ("ktp.pdf", SAMPLE_BYTES["png"], "Isi berkas bukan PDF yang sah"),
    ("ktp.pdf", b"MZ\x90\x00" + b"\x00" * 100, "Isi berkas bukan PDF yang sah"),
    ("ktp.pdf", b"", "Berkas kosong"),
    ("ktp.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024), "Ukuran berkas melebihi batas 2 MB"),
])
def test_slot_uploads_enforce_the_requirements_rules(app, client, filename, content, message):
    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    token = csrf_from(client.get(step_url(uid, "pemohon")).get_data(as_text=True))
    response = client.post(f"/permohonan/{uid}/dokumen/ktp", headers={"X-CSRFToken": token},
                           data={"file": (io.BytesIO(content), filename)})
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_slot_upload_needs_csrf_and_an_applicable_requirement(app, client):
    """A document slot takes a file only for a requirement this application's type asks for:
    here the statement is asked of renewals only (catalogue data), so a new application's
    draft has no slot for it."""
    from app.services import catalogue_store

    data, issues, assets = catalogue_store.read_source(DEFINITIONS)
    assert issues == []
    permit = next(p for p in data["permits"] if p["code"] == "SIP-DOKTER")
    statement = next(r for r in permit["requirements"] if r["key"] == "pernyataan")
    statement["applies_to"] = ["perpanjangan"]
    catalogue_store.publish(data, assets, source="uji", issues=[])
    login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    no_token = client.post(f"/permohonan/{uid}/dokumen/ktp",
                           data={"file": (io.BytesIO(SAMPLE_BYTES["pdf"]), "a.pdf")},
                           content_type="multipart/form-data",
                           headers={"X-Requested-With": "XMLHttpRequest"})
    assert no_token.status_code == 400
    assert "kedaluwarsa" in no_token.get_json()["error"]  # the slot shows it in place
    token = csrf_from(client.get(step_url(uid, "pemohon")).get_data(as_text=True))
    not_for_baru = client.post(f"/permohonan/{uid}/dokumen/pernyataan",
                               headers={"X-CSRFToken": token},
                               data={"file": (io.BytesIO(SAMPLE_BYTES["pdf"]), "a.pdf")},
                               content_type="multipart/form-data")
    assert not_for_baru.status_code == 404
    for_baru = client.post(f"/permohonan/{uid}/dokumen/ijazah", headers={"X-CSRFToken": token},
                           data={"file": (io.BytesIO(SAMPLE_BYTES["pdf"]), "a.pdf")},
                           content_type="multipart/form-data")
    assert for_baru.status_code == 200  # the same upload to a slot the type asks for is taken


# object-level access ------------------------------------------------------------------------
OWNER_ROUTES = [
    ("get", "/permohonan/{uid}"), ("get", "/permohonan/{uid}/resi.pdf"),
    ("get", "/permohonan/{uid}/izin.pdf"), ("get", "/permohonan/{uid}/dokumen/ktp"),
    ("post", "/permohonan/{uid}/batal"), ("get", "/permohonan/{uid}/lanjutkan"),
    ("get", "/permohonan/{draft}/langkah/pemohon"), ("get", "/permohonan/{draft}/langkah/jenis"),
    ("post", "/permohonan/{draft}/langkah/lokasi"), ("post", "/permohonan/{draft}/hapus"),
    ("post", "/permohonan/{draft}/dokumen/ktp"), ("get", "/permohonan/{draft}/lanjutkan"),
]


@pytest.mark.parametrize(("method", "route"), OWNER_ROUTES)
def test_another_applicant_gets_404_everywhere(app, client, method, route):
    publish_catalogue(app)
    owner, _ = make_applicant(app)
    submitted = make_submitted(app, owner, "SIP-DOKTER")
    draft = fill_draft(app, owner, "SIP-DOKTER")
    login_new_applicant(app, client)
    url = route.format(uid=submitted.uid, draft=draft.uid)
    token = csrf_from(client.get("/dashboard").get_data(as_text=True)) if method == "post" \
        else None
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": token}, headers={"X-CSRFToken": token})
    assert response.status_code == 404
    assert _by_uid(draft.uid) is not None and _by_uid(submitted.uid).status == "in_process"


def test_applicant_pages_need_a_login(app, client):
    publish_catalogue(app)
    for url in ("/permohonan", "/permohonan/baru", "/revisi", "/permohonan/draf"):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk" in response.location
