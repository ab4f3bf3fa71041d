"""Application types with meaning: a renewal, an amendment or a revocation acts on one of the
applicant's issued permits, chosen in step 1 and prefilled from it; approving it extends,
replaces or revokes that permit (the public verification page says so) through the same
act transition that issues new permits. The effects are the catalogue's data
(application_types[].effect), so a catalogue whose codes the code has never seen works."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import Application, ApplicationEvent, InboxMessage, IssuedPermit
from app.services import calendar, issuance, review, subjects
from app.services.errors import DomainError
from app.templating import pesan
from tests.backoffice_helpers import page_text
from tests.helpers import (
    all_documents_valid,
    approve_all,
    csrf_from,
    login,
    make_applicant,
    make_staff,
    make_submitted,
    permit_holder,
    publish_catalogue,
    verifier_forwards,
)

PERMIT = "SIP-DOKTER"  # verification, the Dinas' recommendation, the signature


@pytest.fixture
def holder(app):
    """An applicant holding an issued medical practice permit, in its last month (inside
    the catalogue's renewal window)."""
    publish_catalogue(app)
    return permit_holder(app, PERMIT, days_left=30)


def test_a_renewal_extends_the_chosen_permit(app, client, holder):
    person, old = holder
    old.valid_until = calendar.today() + timedelta(days=30)
    db.session.commit()
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=old)
    assert renewal.subject_permit_id == old.id
    assert renewal.data["details"]["str_number"] == old.application.data["details"][
        "str_number"], "the renewal starts from the renewed permit's answers"
    approve_all(app, renewal)

    new = renewal.permit
    assert new.number != old.number and new.valid_from == calendar.today()
    assert new.valid_until == issuance.add_period(old.valid_until + timedelta(days=1),
                                                  {"years": 5}), "days left are kept"
    assert old.status_on(calendar.today()) == "replaced" and old.replaced_by_id == new.id
    assert new.status_on(calendar.today()) == "valid"
    page = client.get(f"/verifikasi/{old.token}")
    assert 'data-state="replaced"' in page.get_data(as_text=True)
    assert f"Izin ini telah diperpanjang dan digantikan oleh izin nomor {new.number}" in \
        page_text(page)
    notice = db.session.scalar(select(InboxMessage).where(InboxMessage.user_id == person.id)
                               .order_by(InboxMessage.id.desc()).limit(1))
    assert f"nomor {old.number} telah diperpanjang: izin baru nomor {new.number}" in notice.body
    history = db.session.scalars(select(ApplicationEvent).where(
        ApplicationEvent.application_id == old.application_id)).all()
    assert history[-1].kind == "replaced" and new.number in history[-1].note


def test_a_revocation_revokes_the_chosen_permit_instead_of_issuing_one(app, client, holder):
    person, old = holder
    revocation = make_submitted(app, person, PERMIT, "pencabutan", subject=old)
    assert set(revocation.data["details"]) >= {"revocation_reason"}
    approve_all(app, revocation)

    assert revocation.status == "issued" and revocation.permit is None
    assert old.revoked_at is not None and old.status_on(calendar.today()) == "revoked"
    assert revocation.registration_number in old.revoked_reason
    assert db.session.scalar(select(IssuedPermit).where(
        IssuedPermit.application_id == revocation.id)) is None
    page = client.get(f"/verifikasi/{old.token}")
    html, text = page.get_data(as_text=True), page_text(page)
    assert 'data-state="revoked"' in html and "Dicabut" in text
    assert "Pencabutan dilakukan atas permohonan pemegang izin." in text
    notice = db.session.scalar(select(InboxMessage).where(InboxMessage.user_id == person.id)
                               .order_by(InboxMessage.id.desc()).limit(1))
    assert f"Izin nomor {old.number} telah dicabut" in notice.body


def test_an_amendment_replaces_the_permit_for_the_rest_of_its_term(app, holder):
    person, old = holder
    amendment = make_submitted(app, person, PERMIT, "perubahan", subject=old)
    approve_all(app, amendment)
    assert amendment.permit.valid_until == old.valid_until
    assert old.replaced_kind == "amendment" and old.replaced_by_id == amendment.permit.id


def test_validity_per_application_type(app):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    first = make_submitted(app, person, "IZIN-PENELITIAN", "baru")
    for role in ("Verifikator", "Penandatangan"):
        action = "lanjut" if role == "Verifikator" else "terbitkan"
        review.act(first, casework.actor_for(make_staff(app, role)), action,
                   verdicts=all_documents_valid(first) if role == "Verifikator" else None)
    old = first.permit
    assert old.valid_until == issuance.add_period(calendar.today(), {"months": 6})
    old.valid_until = calendar.today() + timedelta(days=10)  # inside the renewal window
    db.session.commit()
    renewal = make_submitted(app, person, "IZIN-PENELITIAN", "perpanjangan", subject=old)
    verifier_forwards(app, renewal)
    review.act(renewal, casework.actor_for(make_staff(app, "Penandatangan")), "terbitkan")
    assert renewal.permit.valid_until == issuance.add_period(
        old.valid_until + timedelta(days=1), {"months": 3}), "the renewal's own validity"


def test_only_the_applicants_own_usable_permits_are_offered(app, holder):
    person, old = holder
    other, _ = make_applicant(app)
    cat_effect = "renewal"
    assert subjects.eligible(person.id, PERMIT, cat_effect) == [old]
    assert subjects.eligible(other.id, PERMIT, cat_effect) == []
    assert subjects.eligible(person.id, "SIP-PERAWAT", cat_effect) == []
    pending = make_submitted(app, person, PERMIT, "perubahan", subject=old)
    assert subjects.eligible(person.id, PERMIT, cat_effect) == [], "held by another application"
    review.act(pending, casework.actor_for(make_staff(app, "Verifikator")), "tolak",
               note="Data tidak sesuai")
    assert subjects.eligible(person.id, PERMIT, cat_effect) == [old]
    old.valid_until = calendar.today() - timedelta(days=1)
    db.session.commit()
    assert subjects.eligible(person.id, PERMIT, "renewal") == [old], "renewing an expired one"
    assert subjects.eligible(person.id, PERMIT, "revocation") == []


def test_a_type_acting_on_a_permit_needs_one(app, holder):
    from app.services import applications as apps
    from app.services.users import profile_of

    person, old = holder
    with pytest.raises(DomainError, match="Pilih izin yang akan diproses") as missing:
        apps.start_draft(person, profile_of(person), PERMIT, "perpanjangan")
    assert missing.value.field == "subject"
    other, _ = make_applicant(app)
    with pytest.raises(DomainError, match="tidak dapat diproses"):
        apps.start_draft(other, profile_of(other), PERMIT, "perpanjangan", old.id)


def test_approval_is_refused_when_the_permit_was_revoked_meanwhile(app, holder):
    person, old = holder
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=old)
    verifier_forwards(app, renewal)
    review.act(renewal, casework.actor_for(make_staff(app, "Tim Teknis", "DINKES")), "lanjut")
    old.revoked_at = old.issued_at
    db.session.commit()
    with pytest.raises(DomainError, match=f"Izin nomor {old.number} tidak dapat diproses lagi"
                       ) as refused:
        review.act(renewal, casework.actor_for(make_staff(app, "Penandatangan")), "terbitkan")
    assert renewal.status == "in_process" and renewal.permit is None
    assert refused.value.message.endswith(" Tolak permohonan ini.")
    with app.test_request_context("/?_l_=en"):  # the signer's page in English says it all so
        shown = pesan(refused.value.message)
    assert shown.startswith(f"Permit number {old.number} can no longer be processed")
    assert shown.endswith("Reject this application.") and "Tolak" not in shown


def test_step_one_offers_the_permit_and_the_draft_starts_from_it(app, client, holder):
    person, old = holder
    assert login(client, person.email).status_code == 302
    url = (f"/permohonan/baru?agency=DINKES&permit={PERMIT}&application_type=perpanjangan")
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert 'id="subject-choice"' in html and "Izin yang akan diperpanjang" in page_text(page)
    assert f'<option value="{old.id}">{old.number}' in html
    response = client.post("/permohonan/baru", data={
        "csrf_token": csrf_from(html), "agency": "DINKES", "permit": PERMIT,
        "application_type": "perpanjangan", "subject": ""})
    assert response.status_code == 200 and "Pilih izin yang akan diproses." in page_text(
        response)
    response = client.post("/permohonan/baru", data={
        "csrf_token": csrf_from(html), "agency": "DINKES", "permit": PERMIT,
        "application_type": "perpanjangan", "subject": str(old.id)})
    assert response.status_code == 302
    draft = db.session.scalar(select(Application).where(
        Application.applicant_id == person.id, Application.status == "draft"))
    assert draft.subject_permit_id == old.id
    assert draft.data["details"] == old.application.data["details"]
    summary = client.get(f"/permohonan/{draft.uid}/langkah/jenis")
    assert f"Memperpanjang izin nomor {old.number}." in page_text(summary)


def test_step_one_says_when_there_is_no_permit_to_act_on(app, client):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    assert login(client, person.email).status_code == 302
    page = client.get(f"/permohonan/baru?agency=DINKES&permit={PERMIT}"
                      "&application_type=pencabutan")
    assert 'id="no-subject"' in page.get_data(as_text=True)
    assert 'id="choose-process" disabled' in page.get_data(as_text=True)
