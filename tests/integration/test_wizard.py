"""The applicant wizard through the web, for every permit of the shipped catalogue and for a
catalogue the code has never seen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Application, InboxMessage
from app.services import calendar
from app.services import resi as resi_codes
from catalogue import DEFINITIONS, NEW, ON_ISSUED_PERMIT, load_folder
from tests.helpers import (
    PASSWORD,
    deliver,
    login,
    login_new_applicant,
    make_submitted,
    publish_catalogue,
    walk_routing,
)
from tests.unit.catalogue.catalogue_builders import make_catalogue_dict
from tests.wizard_client import fill_and_submit, post_step, start, step_url

SAMPLE = load_folder(DEFINITIONS)
CASES = [(p["code"], t) for p in SAMPLE.permits for t in p["application_types"][:2]]


@pytest.mark.parametrize(("permit_code", "application_type"), CASES)
def test_every_sample_permit_can_be_applied_for(app, client, mailbox, permit_code,
                                                application_type):
    publish_catalogue(app)
    user = login_new_applicant(app, client)
    permit = SAMPLE.permit(permit_code)
    subject = _issued_subject(app, user, permit, application_type)
    deliver(app)  # the notices about the earlier permit go out first
    earlier_mail = len(mailbox.to(user.email))
    uid = fill_and_submit(client, app, permit, application_type,
                          subject=subject.number if subject else None)
    application = db.session.scalar(select(Application).where(Application.uid == uid))
    assert application.subject_permit == subject
    assert application.status == "in_process"
    assert resi_codes.looks_valid(application.resi)
    assert application.registration_number
    assert application.estimated_completion > application.submitted_at.date()
    assert {d.requirement_key for d in application.documents} >= {
        r["key"] for r in permit["requirements"]
        if r.get("required", True) and application_type in r.get(
            "applies_to", permit["application_types"])}
    listing = client.get("/permohonan").get_data(as_text=True)
    assert resi_codes.display(application.resi) in listing
    inbox = db.session.scalars(select(InboxMessage).where(
        InboxMessage.application_id == application.id)).all()
    assert [m.subject for m in inbox] == ["Permohonan diterima"]
    deliver(app)
    [mail] = mailbox.to(user.email)[earlier_mail:]
    assert application.registration_number in mail.get_payload(decode=True).decode()


def _issued_subject(app, user, permit: dict, application_type: str):
    """For a type that acts on an issued permit (renewal, amendment), the applicant's own
    permit of this type, applied for as new and issued through the permit's whole routing
    by the staff of each step; None for a type that issues a new permit."""
    if SAMPLE.effect(application_type) not in ON_ISSUED_PERMIT:
        return None
    new_type = next(t for t in permit["application_types"] if SAMPLE.effect(t) == NEW)
    issued = walk_routing(app, make_submitted(app, user, permit["code"], new_type))
    assert issued.status == "issued", issued.status
    if issued.permit.valid_until is not None:  # in its last days: inside a renewal window
        issued.permit.valid_until = calendar.today() + timedelta(days=7)
        db.session.commit()
    return issued.permit


def test_a_catalogue_never_seen_before_goes_through_the_wizard(app, client):
    data = make_catalogue_dict()
    publish_catalogue(app, data)
    login_new_applicant(app, client)
    permit = data["permits"][0]
    for application_type in permit["application_types"]:
        uid = fill_and_submit(client, app, permit, application_type)
        application = db.session.scalar(select(Application).where(Application.uid == uid))
        assert application.status == "in_process"
        assert application.registration_number.endswith(f"/{permit['code']}/XI/2026") or \
            f"/{permit['code']}/" in application.registration_number
        assert application.current_step == "periksa"
        assert [(t.role, t.agency_code) for t in application.open_tasks] == [
            ("Petugas Loket", "MPP")]


def test_step_errors_show_next_to_the_field_and_keep_what_was_typed(app, client):
    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    response = post_step(client, uid, "pemohon", {"phone": "12", "postal_code": "7513",
                                                  "email": "bukan-email"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nomor HP tidak valid" in html and "Kode pos harus 5 digit angka" in html
    assert "Alamat email tidak valid." in html
    assert 'value="bukan-email"' in html and 'value="7513"' in html


def test_back_keeps_everything_and_skipping_ahead_is_not_possible(app, client):
    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    assert client.get(step_url(uid, "detail")).status_code == 302  # not reached yet
    post_step(client, uid, "pemohon", {"phone": "081299998888", "postal_code": "75111",
                                       "email": "baru@contoh.id"})
    post_step(client, uid, "perusahaan", {})
    response = post_step(client, uid, "lokasi", {"street": "Jl. Setengah Jadi"}, nav="back")
    assert response.status_code == 302 and response.location.endswith("/perusahaan")
    page = client.get(step_url(uid, "lokasi")).get_data(as_text=True)
    assert 'value="Jl. Setengah Jadi"' in page
    assert 'value="081299998888"' in client.get(step_url(uid, "pemohon")).get_data(as_text=True)


def test_company_step_is_optional_for_perorangan_and_required_for_badan_usaha(app, client):
    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    post_step(client, uid, "pemohon", {"phone": "081234567890", "postal_code": "75131",
                                       "email": "a@contoh.id"})
    assert post_step(client, uid, "perusahaan", {}).status_code == 302
    client.post("/keluar", data={})
    other = app.test_client()
    login_new_applicant(app, other, kind="badan_usaha")
    uid = start(other, "SIP-DOKTER", "DINKES", "baru")
    post_step(other, uid, "pemohon", {"phone": "081234567890", "postal_code": "75131",
                                      "email": "b@contoh.id"})
    response = post_step(other, uid, "perusahaan", {"as_company": "y", "name": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nama Perusahaan wajib diisi" in html and "Bentuk Perusahaan wajib dipilih" in html


def at_the_location_step(app, client) -> str:
    """A new applicant's SIP-DOKTER draft with the applicant and company steps done."""
    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    post_step(client, uid, "pemohon", {"phone": "081234567890", "postal_code": "75131",
                                       "email": "a@contoh.id"})
    post_step(client, uid, "perusahaan", {})
    return uid


def test_location_outside_the_province_is_refused_with_a_clear_message(app, client):
    from tests.helpers import LOCATION

    uid = at_the_location_step(app, client)
    response = post_step(client, uid, "lokasi", {**LOCATION, "latitude": "-6.2",
                                                 "longitude": "106.8"})
    assert response.status_code == 200
    assert "di luar wilayah Kalimantan Timur" in response.get_data(as_text=True)


def test_a_draft_survives_logout_and_keeps_its_catalogue_version(app, client):
    import copy

    from catalogue import Catalogue

    publish_catalogue(app)
    user = login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    post_step(client, uid, "pemohon", {"phone": "081234567890", "postal_code": "75131",
                                       "email": "a@contoh.id"})
    changed = copy.deepcopy(SAMPLE.to_dict())
    permit = next(p for p in changed["permits"] if p["code"] == "SIP-DOKTER")
    permit["form"]["sections"][0]["fields"].insert(0, {
        "key": "field_baru_v2", "type": "text", "label": {"id": "Isian Baru Versi 2"},
        "required": True})
    from app.services import catalogue_store

    assets = catalogue_store.assets_of(catalogue_store.current_version())
    version2 = catalogue_store.publish(Catalogue(changed).to_dict(), assets, source="uji")
    assert version2.number == 2
    client.post("/keluar", data={"csrf_token": ""})
    fresh = app.test_client()
    login(fresh, user.username, PASSWORD)
    drafts = fresh.get("/permohonan/draf").get_data(as_text=True)
    assert "Surat Izin Praktik Dokter" in drafts
    resumed = fresh.get(f"/permohonan/{uid}/lanjutkan")
    assert resumed.location.endswith("/langkah/perusahaan")
    post_step(fresh, uid, "perusahaan", {})
    from tests.helpers import LOCATION

    post_step(fresh, uid, "lokasi", LOCATION)
    page = fresh.get(step_url(uid, "detail")).get_data(as_text=True)
    assert "Isian Baru Versi 2" not in page and "NIK Dokter" in page
    assert "katalog versi 1" in page
    new_uid = start(fresh, "SIP-DOKTER", "DINKES", "baru")
    post_step(fresh, new_uid, "pemohon", {"phone": "081234567890", "postal_code": "75131",
                                          "email": "a@contoh.id"})
    post_step(fresh, new_uid, "perusahaan", {})
    post_step(fresh, new_uid, "lokasi", LOCATION)
    assert "Isian Baru Versi 2" in fresh.get(step_url(new_uid, "detail")).get_data(as_text=True)


def test_drafts_can_be_deleted(app, client):
    from tests.helpers import csrf_from

    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = start(client, "SIP-DOKTER", "DINKES", "baru")
    token = csrf_from(client.get("/permohonan/draf").get_data(as_text=True))
    assert client.post(f"/permohonan/{uid}/hapus", data={"csrf_token": token}).status_code == 302
    assert db.session.scalar(select(Application).where(Application.uid == uid)) is None


def test_rt_and_rw_that_are_not_up_to_three_digits_are_refused_and_kept_as_typed(app, client):
    from tests.helpers import LOCATION

    uid = at_the_location_step(app, client)
    response = post_step(client, uid, "lokasi", {**LOCATION, "rt": "abc", "rw": "1234567"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200  # not on to the next step
    assert "RT berupa angka, maks. 3 digit" in html and "RW berupa angka, maks. 3 digit" in html
    assert 'value="abc"' in html and 'value="1234567"' in html
    again = client.get(step_url(uid, "lokasi")).get_data(as_text=True)
    assert 'value="abc"' in again and 'value="1234567"' in again  # saved as typed, not cut
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = post_step(client, uid, "lokasi", {**LOCATION, "rt": "abc", "rw": "1"})
    assert "The RT must be a number of at most 3 digits" in english.get_data(as_text=True)
    client.get("/bahasa/id", headers={"Referer": "http://localhost/"})
    response = post_step(client, uid, "lokasi", {**LOCATION, "rt": " 7 ", "rw": ""})
    assert response.status_code == 302 and response.location.endswith(step_url(uid, "detail"))
    again = client.get(step_url(uid, "lokasi")).get_data(as_text=True)
    assert 'id="rt" name="rt" type="text" value="7"' in again or 'value="7"' in again
