"""Acting on applications through the verifier's detail screen: the whole routing, revision
with document verdicts, required reasons, stale pages, parallel steps, issuance, and a real
race on PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import casework
from app.extensions import db
from app.models import Application, ApplicationEvent, InboxMessage, IssuedPermit
from app.services import applications as apps
from app.services import review, workflow
from app.services.workflow import AlreadyProcessed
from tests.backoffice_helpers import (
    act,
    action_buttons,
    detail,
    lock_version,
    page_text,
    staff_client,
)
from tests.helpers import make_applicant, make_file, make_submitted

pytestmark = pytest.mark.usefixtures("catalogue")


def events(application) -> int:
    return db.session.scalar(select(func.count()).select_from(ApplicationEvent)
                             .where(ApplicationEvent.application_id == application.id))


def requirement_name(application, key: str) -> str:
    permit = apps.permit_of(application)
    return next(r["name"]["id"] for r in permit["requirements"] if r["key"] == key)


def replace_document(app, application, key: str):
    """The applicant uploads a new file for one requirement (as the Revisi screen does)."""
    user = application.applicant
    covered = apps.file_fields(apps.form_definition(application))
    stored = make_file(app, user, "pdf", f"{key}-baru")
    data = application.data
    details, documents = dict(data["details"]), dict(data["documents"])
    if key in covered:
        details[covered[key]] = stored.uid
    else:
        documents[key] = stored.uid
    assert not apps.save_details(application, details, documents, True, check=True)
    return stored


def verifikator_returns_it_with_one_document_invalid(verifikator, application) -> None:
    """1. One document marked invalid, no other note."""
    assert action_buttons(detail(verifikator, application.uid).get_data(as_text=True)) == \
        ["lanjut", "revisi", "tolak"]
    response = act(verifikator, application.uid, "revisi",
                   docs={"ktp": ("invalid", "Foto KTP buram"), "str": ("valid", "")})
    assert response.status_code == 302 and response.location == "/admin/antrian/"
    flashed = page_text(verifikator.get("/admin/antrian/"))
    assert "dikembalikan kepada pemohon untuk revisi" in flashed
    db.session.refresh(application)
    assert application.status == "revision" and application.revision_round == 1
    note = f"- {requirement_name(application, 'ktp')} tidak valid: Foto KTP buram"
    last = db.session.scalar(select(ApplicationEvent).order_by(ApplicationEvent.id.desc()))
    assert last.note == note and last.actor_name == "Vera Verifikator"
    assert last.actor_role == "Verifikator" and last.from_step == "verifikasi"
    assert last.details["documents"]["ktp"] == {"valid": False, "note": "Foto KTP buram"}
    inbox = db.session.scalar(select(InboxMessage).order_by(InboxMessage.id.desc()))
    assert note in inbox.body and "Batas waktu revisi" in inbox.body
    page = detail(verifikator, application.uid).get_data(as_text=True)
    assert action_buttons(page) == [] and "Foto KTP buram" in page


def applicant_sends_the_revision(app, application, person) -> None:
    """2. The applicant replaces the document and sends the revision (the service)."""
    replace_document(app, application, "ktp")
    workflow.resubmit(application, person)
    assert application.status == "in_process" and application.current_step == "verifikasi"


def forwarded_recommended_and_signed(verifikator, dinkes, signer, application):
    """3. Returns the application as issued and its permit."""
    assert act(verifikator, application.uid, "lanjut").status_code == 302
    assert "diteruskan ke tahap Rekomendasi Teknis" in page_text(verifikator.get("/admin/antrian/"))
    assert action_buttons(detail(dinkes, application.uid).get_data(as_text=True)) == \
        ["lanjut", "revisi", "tolak"]
    assert act(dinkes, application.uid, "lanjut", note="Memenuhi syarat teknis").status_code == 302
    assert action_buttons(detail(signer, application.uid).get_data(as_text=True)) == \
        ["terbitkan", "kembalikan", "tolak"]
    response = act(signer, application.uid, "terbitkan")
    assert response.status_code == 302
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    permit = db.session.scalar(select(IssuedPermit))
    assert application.status == "issued" and permit.application_id == application.id
    assert f"Izin terbit dengan nomor {permit.number}" in page_text(signer.get("/admin/antrian/"))
    return application, permit


def the_signed_pdf_and_the_audit_trail(signer, signing_config, application, permit) -> None:
    """The stored PDF is signed and validates against the test root; the staff can open it,
    and the audit trail names everyone in order."""
    from app import storage
    from app.signing.verify import validate_pdf_signature

    pdf = storage.current().read_bytes(permit.storage_key)
    report = validate_pdf_signature(pdf, [Path(signing_config["SIGNING_TRUST_ROOTS"])
                                          .read_bytes()])
    assert report.ok and report.subfilter == "ETSI.CAdES.detached", report
    assert signer.get(f"/admin/antrian/{application.uid}/izin.pdf").data == pdf
    text = page_text(detail(signer, application.uid))
    for who in ("Vera Verifikator", "Teguh Dinkes", "Kepala Dinas", "Memenuhi syarat teknis"):
        assert who in text
    kinds = [e.kind for e in application.events]
    assert kinds == ["submitted", "action", "resubmitted", "action", "action", "action"]


def test_the_whole_routing_through_the_web(app, signing_config, mailbox):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Vera Verifikator")
    dinkes, _ = staff_client(app, "Tim Teknis", "DINKES", name="Teguh Dinkes")
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP", name="Kepala Dinas")
    verifikator_returns_it_with_one_document_invalid(verifikator, application)
    applicant_sends_the_revision(app, application, person)
    application, permit = forwarded_recommended_and_signed(verifikator, dinkes, signer,
                                                           application)
    the_signed_pdf_and_the_audit_trail(signer, signing_config, application, permit)


def test_revision_needs_a_note_or_an_invalid_document_and_keeps_what_was_typed(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    before = events(application)
    response = act(verifikator, application.uid, "revisi",
                   docs={"ktp": ("valid", "Sudah sesuai")})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Tuliskan catatan revisi atau tandai dokumen yang tidak valid." in page_text(response)
    assert 'value="Sudah sesuai"' in html and 'id="doc-ktp-valid" checked' in html
    db.session.refresh(application)
    assert application.status == "in_process" and events(application) == before
    # a note alone is enough
    assert act(verifikator, application.uid, "revisi",
               note="Lengkapi alamat praktik").status_code == 302
    db.session.refresh(application)
    assert application.status == "revision"


def test_rejection_needs_a_reason(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    response = act(verifikator, application.uid, "tolak", note="   ",
                   docs={"str": ("invalid", "STR kedaluwarsa")})
    assert response.status_code == 422
    assert "Alasan penolakan wajib diisi." in page_text(response)
    assert 'value="STR kedaluwarsa"' in response.get_data(as_text=True)
    db.session.refresh(application)
    assert application.status == "in_process"
    response = act(verifikator, application.uid, "tolak", note="Bukan kewenangan provinsi")
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.status == "rejected" and application.closed_at is not None
    inbox = db.session.scalar(select(InboxMessage).order_by(InboxMessage.id.desc()))
    assert "Bukan kewenangan provinsi" in inbox.body


def test_a_stale_page_is_told_who_acted_first_and_changes_nothing(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    first, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Rina Cepat")
    second, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Budi Lambat")
    seen = lock_version(detail(second, application.uid).get_data(as_text=True))
    assert act(first, application.uid, "lanjut").status_code == 302
    before = events(application)
    response = act(second, application.uid, "tolak", note="Tidak lengkap", version=seen)
    assert response.status_code == 409
    text = page_text(response)
    assert "Permohonan ini sudah diproses oleh Rina Cepat" in text
    assert "Tidak lengkap" in response.get_data(as_text=True)  # the typed reason is kept
    db.session.refresh(application)
    assert application.status == "in_process" and application.current_step == "rekomendasi"
    assert events(application) == before


def test_an_action_the_routing_does_not_offer_is_refused(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    page = detail(signer, application.uid).get_data(as_text=True)
    assert action_buttons(page) == [] and 'id="no-actions"' in page
    response = act(signer, application.uid, "terbitkan", version=str(application.lock_version))
    assert response.status_code == 422
    assert "Anda tidak berwenang melakukan tindakan 'terbitkan' pada tahap ini." in \
        page_text(response)
    db.session.refresh(application)
    assert application.status == "in_process" and application.current_step == "verifikasi"


def test_a_parallel_step_joins_only_after_every_dinas(app):
    business, _ = make_applicant(app, kind="badan_usaha")
    application = make_submitted(app, business, "IZOP-RS")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    dinkes, _ = staff_client(app, "Tim Teknis", "DINKES")
    dlh, _ = staff_client(app, "Tim Teknis", "DLH")
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    assert act(verifikator, application.uid, "lanjut").status_code == 302
    assert act(dinkes, application.uid, "lanjut", note="Sarana memadai").status_code == 302
    assert "menunggu DLH" in page_text(dinkes.get("/admin/antrian/"))
    db.session.refresh(application)
    assert application.current_step == "rekomendasi"
    assert [t.agency_code for t in application.open_tasks] == ["DLH"]
    assert action_buttons(detail(dinkes, application.uid).get_data(as_text=True)) == []
    assert application.uid not in signer.get("/admin/antrian/").get_data(as_text=True)
    assert act(dlh, application.uid, "lanjut", note="Dokumen lingkungan lengkap") \
        .status_code == 302
    db.session.refresh(application)
    assert application.current_step == "tte"
    assert application.uid in signer.get("/admin/antrian/").get_data(as_text=True)


def test_real_concurrency_one_of_two_simultaneous_actions_wins(app, database_url):
    """Two staff press "Teruskan" on the same application at the same moment, each in their
    own app context and database connection: exactly one commit succeeds."""
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL=postgresql+psycopg://...): SQLite "
                    "serialises writers, so the race this test provokes cannot happen there")
    from tests.helpers import all_documents_valid, make_staff

    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    staff_ids = [make_staff(app, "Verifikator", "DPMPTSP").id for _ in range(2)]
    app_id, seen = application.id, application.lock_version
    db.session.remove()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def press(user_id: int) -> None:
        with app.app_context():
            try:
                from app.models import User

                target = db.session.get(Application, app_id)
                actor = casework.actor_for(db.session.get(User, user_id))
                casework.options(target, actor)  # the page as it was shown
                barrier.wait(timeout=10)
                review.act(target, actor, "lanjut", seen_version=seen,
                           verdicts=all_documents_valid(target))
                outcomes.append("ok")
            except AlreadyProcessed as exc:
                outcomes.append(exc.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=press, args=(uid,)) for uid in staff_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes, key=len)[0] == "ok" and len(outcomes) == 2, outcomes
    assert outcomes.count("ok") == 1
    assert "Permohonan ini sudah diproses oleh" in [o for o in outcomes if o != "ok"][0]
    application = db.session.get(Application, app_id)
    assert application.current_step == "rekomendasi"
    actions = db.session.scalars(select(ApplicationEvent).where(
        ApplicationEvent.application_id == app_id, ApplicationEvent.kind == "action")).all()
    assert len(actions) == 1
    assert [t.agency_code for t in application.open_tasks] == ["DINKES"]
