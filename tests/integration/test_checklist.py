"""The verifier's checklist is enforced, not advised: forwarding or approving needs a valid
verdict on every required document; dates the catalogue flags are shown to the verifier; the
signing official reads an unsigned preview of the permit before approving."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest

from app import casework
from app.extensions import db
from app.services import applications as apps
from app.services import calendar, review
from app.services.errors import DomainError
from tests.backoffice_helpers import act, detail, page_text, staff_client
from tests.helpers import make_applicant, make_staff, make_submitted

pytestmark = pytest.mark.usefixtures("catalogue")


def attached(application) -> list[str]:
    return [d.requirement_key for d in application.documents]


def all_valid(application) -> dict:
    return {key: review.DocVerdict(True) for key in attached(application)}


def test_a_forward_with_an_unchecked_document_is_refused_and_changes_nothing(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifier = casework.actor_for(make_staff(app, "Verifikator"))
    keys = attached(application)
    partly = {key: review.DocVerdict(True) for key in keys[1:]}
    version = application.lock_version
    with pytest.raises(DomainError, match="belum diperiksa") as refused:
        review.act(application, verifier, "lanjut", verdicts=partly)
    first = apps.permit_of(application)["requirements"]
    names = {r["key"]: r["name"]["id"] for r in first}
    assert names[keys[0]] in refused.value.message
    db.session.refresh(application)
    assert application.current_step == "verifikasi" and application.lock_version == version
    done = review.act(application, verifier, "lanjut", verdicts=all_valid(application))
    assert done.outcome == "moved" and application.current_step == "rekomendasi"


def test_a_forward_with_a_document_marked_invalid_is_refused(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifier = casework.actor_for(make_staff(app, "Verifikator"))
    verdicts = all_valid(application)
    verdicts[attached(application)[0]] = review.DocVerdict(False, "buram")
    with pytest.raises(DomainError, match="tidak valid"):
        review.act(application, verifier, "lanjut", verdicts=verdicts)
    assert review.act(application, verifier, "revisi", verdicts=verdicts).outcome == "revision"


def test_the_screen_explains_the_refusal_and_keeps_what_was_typed(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifier, _ = staff_client(app, "Verifikator", "DPMPTSP")
    response = act(verifier, application.uid, "lanjut", note="Lengkap", docs={})
    assert response.status_code == 422
    text = page_text(response)
    assert "Beri penilaian setiap dokumen wajib" in text and "belum diperiksa" in text
    assert "Lengkap" in response.get_data(as_text=True)


def test_an_expired_str_is_flagged_on_the_verifiers_screen(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifier, _ = staff_client(app, "Verifikator", "DPMPTSP")
    details = dict(application.data["details"])
    details["str_valid_until"] = calendar.today().isoformat()  # valid through today
    application.data = {**application.data, "details": details}
    db.session.commit()
    assert "verifier-flags" not in detail(verifier, application.uid).get_data(as_text=True)
    details["str_valid_until"] = (calendar.today() - timedelta(days=1)).isoformat()
    application.data = {**application.data, "details": details}
    db.session.commit()
    text = page_text(detail(verifier, application.uid))
    assert "Perlu diperiksa" in text and "STR sudah tidak berlaku" in text


def test_the_signer_reads_an_unsigned_watermarked_preview_before_approving(app, tmp_path):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "IZIN-PENELITIAN")
    verifier = casework.actor_for(make_staff(app, "Verifikator"))
    review.act(application, verifier, "lanjut", verdicts=all_valid(application))
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    page = detail(signer, application.uid).get_data(as_text=True)
    assert 'id="permit-preview"' in page
    response = signer.get(f"/admin/antrian/{application.uid}/pratinjau-izin.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = tmp_path / "preview.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "PRATINJAU" in text and "nomor diberikan saat izin terbit" in text
    assert b"/ByteRange" not in response.data  # not signed
    db.session.refresh(application)
    assert application.permit is None and application.status == "in_process"
    # someone who cannot approve it now gets nothing
    other, _ = staff_client(app, "Verifikator", "DPMPTSP")
    assert other.get(f"/admin/antrian/{application.uid}/pratinjau-izin.pdf").status_code == 404
