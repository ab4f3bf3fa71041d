"""A case that comes back to the verifier says so at the top of its page: returned by the
signer (with the signer's reason), or resubmitted after a revision (the documents refused
then, and whether the applicant replaced each). Before, the page looked like a new case and
the reason was only in the audit trail at the bottom."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Application
from app.services import workflow
from tests.backoffice_helpers import act, detail, page_text, staff_client
from tests.helpers import make_applicant, make_submitted
from tests.integration.test_return_to_earlier_step import at_signing
from tests.integration.test_review_actions import replace_document

pytestmark = pytest.mark.usefixtures("catalogue")


def top_of(response) -> str:
    """What the verifier reads before the case's data (the summary card "Ringkasan")."""
    text = page_text(response)
    return text[:text.index("Ringkasan")]


def test_a_case_returned_by_the_signer_shows_the_reason_at_the_top(app):
    application, verifikator, _dinkes, signer = at_signing(app)
    reason = "Nomor STR pada formulir berbeda dengan dokumen STR"
    assert act(signer, application.uid, "kembalikan", note=reason, docs={}).status_code == 302

    notice = top_of(detail(verifikator, application.uid))
    assert "Dikembalikan dari tahap Persetujuan dan Tanda Tangan Elektronik" in notice
    assert reason in notice and "Kepala Dinas" in notice


def test_a_resubmitted_revision_names_the_refused_documents_and_which_were_replaced(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Vera Verifikator")
    # a case that came forward has no such notice
    assert 'id="arrival"' not in detail(verifikator, application.uid).get_data(as_text=True)
    assert act(verifikator, application.uid, "revisi", note="Mohon lengkapi",
               docs={"ktp": ("invalid", "Foto KTP buram"),
                     "str": ("invalid", "STR kedaluwarsa")}).status_code == 302
    replace_document(app, application, "ktp")  # the STR is sent again unchanged
    workflow.resubmit(application, person)
    db.session.expire_all()
    application = db.session.get(Application, application.id)

    response = detail(verifikator, application.uid)
    notice = top_of(response)
    assert "Revisi dikirim pemohon" in notice and "Mohon lengkapi" in notice
    assert "Scan KTP: diganti pemohon" in notice
    assert "Surat Tanda Registrasi (STR): tidak diganti" in notice
    # and in the document list, the new KTP file is marked as the one to look at again
    replaced = re.findall(r'data-document="([\w-]+)"(?:(?!data-document=).)*?data-replaced>',
                          response.get_data(as_text=True), flags=re.S)
    assert replaced == ["ktp"]



def test_in_english_the_documents_are_named_in_english(app):
    """The document list, the audit trail and the notice read the catalogue's English names
    (they stayed Indonesian: "Scan KTP" on an English page)."""
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    assert act(verifikator, application.uid, "revisi",
               docs={"ktp": ("invalid", "Foto KTP buram")}).status_code == 302
    replace_document(app, application, "ktp")
    workflow.resubmit(application, person)
    verifikator.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    response = detail(verifikator, application.uid)
    listed = re.search(r'data-document="ktp".*?<div class="fw-bold small">([^<]+)<',
                       response.get_data(as_text=True), re.S).group(1)
    assert listed.strip() == "Identity Card"
    text = page_text(response)
    assert "Identity Card: invalid — Foto KTP buram" in text  # the audit trail's verdict
    assert "Identity Card: replaced by the applicant" in text  # the notice


def test_a_refused_forward_marks_the_documents_not_yet_judged(app):
    """The message names them, but the list is far below it: the unjudged ones are marked
    and the message links to the list."""
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    refused = act(verifikator, application.uid, "lanjut", docs={"ktp": ("valid", "")})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'href="#documents" class="alert-link"' in page
    unjudged = set(re.findall(r'data-document="([\w-]+)" data-unjudged', page))
    keys = {d.requirement_key for d in application.documents}
    assert unjudged == keys - {"ktp"} and unjudged
    assert "Belum diperiksa" in page_text(refused)


def test_after_a_stale_page_each_typed_document_note_names_its_document(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    mine, _ = staff_client(app, "Verifikator", "DPMPTSP")
    colleague, _ = staff_client(app, "Verifikator", "DPMPTSP")
    stale = detail(mine, application.uid).get_data(as_text=True)
    assert act(colleague, application.uid, "lanjut").status_code == 302
    late = act(mine, application.uid, "revisi", note="Mohon perbaiki",
               docs={"ktp": ("invalid", "Masih buram di halaman 2")},
               version=re.search(r'name="lock_version" value="(\d+)"', stale).group(1))
    assert late.status_code == 409
    kept = re.search(r'id="typed-text".*?<textarea[^>]*>(.*?)</textarea>',
                     late.get_data(as_text=True), re.S).group(1)
    assert kept.splitlines() == ["Mohon perbaiki", "Scan KTP: Masih buram di halaman 2"]
