"""What a renewal, an amendment or a revocation leaves behind besides the permit rows (see
test_application_effects.py): the new certificate names the permit it replaces, the old
permit's application and the WebGIS map stop counting the old permit, and the applicant's
pages and receipt say which permit an application acts on."""

from __future__ import annotations

import subprocess

import pytest

from app import casework, storage
from app.services import review
from tests.helpers import (
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
    verifier_forwards,
)

PERMIT = "SIP-DOKTER"  # verification, the Dinas' recommendation, the signature


def approve(app, application) -> None:
    """Every step of the permit's routing approves (the last one issues)."""
    verifier_forwards(app, application)
    if application.current_step == "rekomendasi":
        review.act(application, casework.actor_for(make_staff(app, "Tim Teknis", "DINKES")),
                   "lanjut")
    review.act(application, casework.actor_for(make_staff(app, "Penandatangan")), "terbitkan")
    assert application.status == "issued"


def certificate_text(permit) -> str:
    pdf = storage.current().read_bytes(permit.storage_key)
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    return " ".join(out.split()).replace("/ ", "/")  # a long number wraps after a slash


@pytest.fixture
def holder(app):
    """An applicant holding an issued medical practice permit."""
    publish_catalogue(app)
    person, _ = make_applicant(app)
    first = make_submitted(app, person, PERMIT, "baru")
    approve(app, first)
    return person, first.permit


def test_renewed_and_amended_certificates_name_the_permit_they_replace(app, holder):
    person, first = holder
    assert "menggantikan" not in certificate_text(first)
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=first)
    approve(app, renewal)
    text = certificate_text(renewal.permit)
    assert ("Izin ini diterbitkan atas permohonan perpanjangan dan menggantikan izin nomor "
            f"{first.number}") in text
    amendment = make_submitted(app, person, PERMIT, "perubahan", subject=renewal.permit)
    approve(app, amendment)
    assert ("atas permohonan perubahan dan menggantikan izin nomor "
            f"{renewal.permit.number}") in certificate_text(amendment.permit)


def test_a_template_that_never_prints_it_still_names_the_replaced_permit(app):
    """IZIN-PENELITIAN's certificate is an inline catalogue template written before
    templates could print the replaced permit."""
    publish_catalogue(app)
    person, _ = make_applicant(app)
    first = make_submitted(app, person, "IZIN-PENELITIAN", "baru")
    approve(app, first)
    renewal = make_submitted(app, person, "IZIN-PENELITIAN", "perpanjangan",
                             subject=first.permit)
    approve(app, renewal)
    assert f"menggantikan izin nomor {first.permit.number}" in \
        certificate_text(renewal.permit)
