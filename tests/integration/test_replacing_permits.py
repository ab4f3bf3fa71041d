"""What a renewal, an amendment or a revocation leaves behind besides the permit rows (see
test_application_effects.py): the new certificate names the permit it replaces, the old
permit's application and the WebGIS map stop counting the old permit, and the applicant's
pages and receipt say which permit an application acts on."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import func, select

from app import storage
from app.extensions import db
from app.models import PermitMapCell, PermitMapPoint
from app.services import permit_map
from tests.backoffice_helpers import detail, page_text, staff_client
from tests.helpers import (
    approve_all,
    csrf_from,
    login,
    make_applicant,
    make_submitted,
    permit_holder,
    publish_catalogue,
)

PERMIT = "SIP-DOKTER"  # verification, the Dinas' recommendation, the signature


def certificate_text(permit) -> str:
    pdf = storage.current().read_bytes(permit.storage_key)
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    return " ".join(out.split()).replace("/ ", "/")  # a long number wraps after a slash


@pytest.fixture
def holder(app):
    """An applicant holding an issued medical practice permit, in its last month (inside
    the catalogue's renewal window)."""
    publish_catalogue(app)
    return permit_holder(app, PERMIT, days_left=30)


def test_renewed_and_amended_certificates_name_the_permit_they_replace(app, holder):
    person, first = holder
    assert "menggantikan" not in certificate_text(first)
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first)
    approve_all(app, renewal)
    text = certificate_text(renewal.permit)
    assert ("Izin ini diterbitkan atas permohonan perpanjangan dan menggantikan izin nomor "
            f"{first.number}") in text
    amendment = make_submitted(app, person, PERMIT, "perubahan", subject=renewal.permit)
    approve_all(app, amendment)
    assert ("atas permohonan perubahan dan menggantikan izin nomor "
            f"{renewal.permit.number}") in certificate_text(amendment.permit)


def test_a_template_that_never_prints_it_still_names_the_replaced_permit(app):
    """IZIN-PENELITIAN's certificate is an inline catalogue template written before
    templates could print the replaced permit."""
    publish_catalogue(app)
    person, first = permit_holder(app, "IZIN-PENELITIAN", days_left=10)  # window open
    renewal = make_submitted(app, person, "IZIN-PENELITIAN", "perpanjangan", subject=first)
    approve_all(app, renewal)
    assert f"menggantikan izin nomor {first.number}" in certificate_text(renewal.permit)


def on_the_map() -> tuple[list[int], int]:
    """The permits with a point on the WebGIS map, and how many its coarsest cells count."""
    points = db.session.scalars(select(PermitMapPoint.permit_id)).all()
    counted = db.session.scalar(select(func.coalesce(func.sum(PermitMapCell.count), 0))
                                .where(PermitMapCell.level == 0))
    return sorted(points), counted


def test_the_map_counts_only_the_permit_in_force(app, holder):
    person, first = holder
    assert on_the_map() == ([first.id], 1)
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first)
    approve_all(app, renewal)
    assert on_the_map() == ([renewal.permit.id], 1), "the renewed permit left the map"
    amendment = make_submitted(app, person, PERMIT, "perubahan", subject=renewal.permit)
    approve_all(app, amendment)
    assert on_the_map() == ([amendment.permit.id], 1)
    assert permit_map.rebuild() == 1 and on_the_map() == ([amendment.permit.id], 1)
    revocation = make_submitted(app, person, PERMIT, "pencabutan", subject=amendment.permit)
    approve_all(app, revocation)
    assert on_the_map() == ([], 0), "a permit revoked on its holder's request left the map"
    assert permit_map.rebuild() == 0


def test_the_applicants_pages_say_which_permit_an_application_acts_on(app, client, holder):
    person, first = holder
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first)
    assert login(client, person.email).status_code == 302
    own = page_text(client.get(f"/permohonan/{renewal.uid}"))
    assert f"Jenis Permohonan Perpanjangan Izin yang Diproses {first.number}" in own
    assert f"Perpanjangan · izin nomor {first.number}" in page_text(client.get("/monitoring"))
    tracking = page_text(client.get(f"/lacak?resi={renewal.resi}"))
    assert f"Jenis Permohonan Perpanjangan Izin yang Diproses {first.number}" in tracking
    receipt = client.get(f"/permohonan/{renewal.uid}/resi.pdf").data
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=receipt,
                         capture_output=True, check=True).stdout.decode()
    assert f"Izin yang Diproses : {first.number}" in " ".join(out.split())

    approve_all(app, renewal)
    old_page = page_text(client.get(f"/permohonan/{first.application.uid}"))
    assert f"Diganti oleh izin nomor {renewal.permit.number}" in old_page
    assert "Izin diganti dengan izin baru" in old_page and "replaced" not in old_page
    verified = page_text(client.get(f"/verifikasi/{renewal.permit.token}"))
    assert f"Menggantikan Izin {first.number}" in verified
    assert "Menggantikan Izin" not in page_text(client.get(f"/verifikasi/{first.token}"))
    staff, _ = staff_client(app)
    assert "Izin diganti dengan izin baru" in page_text(detail(staff, first.application.uid))

    revocation = make_submitted(app, person, PERMIT, "pencabutan", subject=renewal.permit)
    approve_all(app, revocation)
    revoking = page_text(client.get(f"/permohonan/{revocation.uid}"))
    assert "Persetujuan dan Tanda Tangan Elektronik: Disetujui, izin dicabut" in revoking
    assert "izin terbit" not in revoking, "a revocation issues no permit"
    assert "izin terbit" not in page_text(client.get(f"/lacak?resi={revocation.resi}"))
    assert "Dicabut sejak" in page_text(client.get(f"/permohonan/{renewal.uid}"))


def test_choosing_a_permit_that_was_replaced_or_revoked_says_why(app, client, holder):
    person, first = holder
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first)
    approve_all(app, renewal)
    assert login(client, person.email).status_code == 302
    url = f"/permohonan/baru?agency=DINKES&permit={PERMIT}&application_type=perpanjangan"
    token = csrf_from(client.get(url).get_data(as_text=True))

    def choose(permit_id, kind="perpanjangan") -> str:
        response = client.post("/permohonan/baru", data={
            "csrf_token": token, "agency": "DINKES", "permit": PERMIT,
            "application_type": kind, "subject": str(permit_id)})
        assert response.status_code == 200, "refused, the page shown again"
        return page_text(response)

    assert (f"Izin nomor {first.number} sudah diganti oleh izin nomor "
            f"{renewal.permit.number}. Pilih izin yang menggantikannya.") in choose(first.id)
    other, _ = make_applicant(app)
    theirs = make_submitted(app, other, PERMIT, "baru")
    approve_all(app, theirs)
    refused = choose(theirs.permit.id)
    assert "Izin yang dipilih tidak dapat diproses dengan jenis permohonan ini." in refused
    assert theirs.permit.number not in refused, "nothing told of another holder's permit"
    revocation = make_submitted(app, person, PERMIT, "pencabutan", subject=renewal.permit)
    approve_all(app, revocation)
    assert f"Izin nomor {renewal.permit.number} sudah dicabut" in choose(renewal.permit.id,
                                                                         "perubahan")


def test_the_office_cannot_revoke_a_permit_already_replaced(app, holder):
    """Revoking the old permit would leave its replacement in force: the office revokes the
    replacement, from the application that issued it."""
    person, first = holder
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first)
    approve_all(app, renewal)
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    page = detail(signer, first.application.uid).get_data(as_text=True)
    assert 'id="revoke-form"' not in page
    response = signer.post(f"/admin/antrian/{first.application.uid}/cabut", data={
        "csrf_token": csrf_from(page), "lock_version": first.application.lock_version,
        "reason": "Pemegang izin melanggar ketentuan"})
    assert response.status_code == 422
    assert f"Izin ini sudah diganti oleh izin nomor {renewal.permit.number}" in \
        page_text(response)
    assert first.revoked_at is None
    assert 'id="revoke-form"' in detail(signer, renewal.uid).get_data(as_text=True)
