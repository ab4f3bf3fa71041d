"""The public verification page behind the permit's QR code, and revocation (pencabutan)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import casework, storage
from app.extensions import db
from app.models import ApplicationEvent, InboxMessage, IssuedPermit
from app.privacy import masking
from app.services import calendar
from tests.backoffice_helpers import detail, lock_version, page_text, staff_client
from tests.helpers import (
    csrf_from,
    make_applicant,
    make_finished,
    make_staff,
    publish_catalogue,
)

STORAGE_BACKENDS = ("local", "s3")  # the signed PDF is read back from either


@pytest.fixture
def issued(app):
    """A research permit (front office only) issued and signed with the test CA."""
    publish_catalogue(app)
    person, _ = make_applicant(app)
    make_finished(app, person)
    return db.session.scalar(select(IssuedPermit))


def test_a_valid_permit(client, issued):
    response = client.get(f"/verifikasi/{issued.token}")
    assert response.status_code == 200
    html, text = response.get_data(as_text=True), page_text(response)
    assert 'data-state="valid"' in html and "Berlaku" in text
    assert issued.number in text and "Surat Keterangan Penelitian" in text
    assert masking.mask_name(issued.holder_name) in text
    assert issued.holder_name not in text and "Siti Aminah" not in text
    assert issued.sha256 in text
    assert 'id="signature-status" data-ok="1"' in html
    assert "Tanda tangan sah" in text and "Berkas tersimpan utuh" in text


def test_the_permit_type_is_named_in_the_readers_language(client, issued):
    english = page_text(client.get(f"/verifikasi/{issued.token}?_l_=en"))
    assert "Research Permit Letter" in english
    assert "Surat Keterangan Penelitian" not in english


def test_an_expired_permit(client, issued):
    issued.valid_until = calendar.today() - timedelta(days=1)
    db.session.commit()
    response = client.get(f"/verifikasi/{issued.token}")
    assert 'data-state="expired"' in response.get_data(as_text=True)
    assert "Kedaluwarsa" in page_text(response)
    assert "Masa berlaku izin ini telah berakhir" in page_text(response)


def test_an_unknown_token_is_a_404_page_in_indonesian(client, issued):
    for token in ("tidak-ada", issued.token[:-1], "x" * 300):
        response = client.get(f"/verifikasi/{token}")
        assert response.status_code == 404
        assert "Dokumen izin tidak ditemukan" in page_text(response)


def test_a_changed_stored_file_is_reported(client, issued):
    backend = storage.current()
    assert 'data-ok="1"' in client.get(f"/verifikasi/{issued.token}").get_data(as_text=True)
    changed = backend.read_bytes(issued.storage_key).replace(b"/Type", b"/Typo", 1)
    backend.put_stream(issued.storage_key, io.BytesIO(changed), None)
    response = client.get(f"/verifikasi/{issued.token}")
    html = response.get_data(as_text=True)
    assert 'data-ok="0"' in html
    assert "Berkas tersimpan tidak cocok dengan SHA-256 saat terbit" in page_text(response)


def test_a_lost_stored_file_is_reported(client, issued):
    storage.current().delete(issued.storage_key)
    response = client.get(f"/verifikasi/{issued.token}")
    assert response.status_code == 200 and 'data-ok="0"' in response.get_data(as_text=True)
    said = page_text(response)
    assert "Berkas dokumen izin tidak ditemukan di penyimpanan." in said
    assert "SHA-256 cocok" not in said and "tidak cocok dengan SHA-256" not in said  # unknown


def test_anyone_can_check_a_copy_against_the_issued_document(client, issued):
    url = f"/verifikasi/{issued.token}"
    token = csrf_from(client.get(url).get_data(as_text=True))
    original = storage.current().read_bytes(issued.storage_key)
    same = client.post(url, data={"csrf_token": token,
                                  "berkas": (io.BytesIO(original), "izin saya.pdf")},
                       content_type="multipart/form-data")
    assert 'data-match="1"' in same.get_data(as_text=True)
    assert 'Cocok: berkas "izin saya.pdf"' in page_text(same)
    other = client.post(url, data={"csrf_token": token,
                                   "berkas": (io.BytesIO(original + b"\n"), "ubahan.pdf")},
                        content_type="multipart/form-data")
    assert 'data-match="0"' in other.get_data(as_text=True)
    assert "Tidak cocok" in page_text(other)
    empty = client.post(url, data={"csrf_token": token}, content_type="multipart/form-data")
    assert empty.status_code == 422 and "Pilih berkas PDF" in page_text(empty)
    no_token = client.post(url, data={"berkas": (io.BytesIO(original), "a.pdf")},
                           content_type="multipart/form-data")
    assert no_token.status_code == 400


def test_the_page_is_rate_limited(client, issued):
    codes = [client.get("/verifikasi/tebak-tebakan").status_code for _ in range(31)]
    assert codes[:30] == [404] * 30 and codes[30] == 429


# revocation ----------------------------------------------------------------------------------
def test_the_signing_official_revokes_with_a_reason(app, client, issued):
    application = issued.application
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP", name="Kepala DPMPTSP")
    page = detail(signer, application.uid).get_data(as_text=True)
    assert 'id="revoke-form"' in page
    data = {"csrf_token": csrf_from(page), "lock_version": lock_version(page), "reason": " "}
    response = signer.post(f"/admin/antrian/{application.uid}/cabut", data=data)
    assert response.status_code == 422 and "Alasan pencabutan wajib diisi." in \
        page_text(response)
    data["reason"] = "Pemegang izin memalsukan surat pengantar"
    response = signer.post(f"/admin/antrian/{application.uid}/cabut", data=data)
    assert response.status_code == 302
    assert f"Izin nomor {issued.number} telah dicabut." in page_text(
        signer.get(response.location))
    db.session.refresh(issued)
    assert issued.revoked_at is not None and issued.revoked_reason.startswith("Pemegang")
    event = db.session.scalar(select(ApplicationEvent).order_by(ApplicationEvent.id.desc()))
    assert event.kind == "revoked" and event.actor_name == "Kepala DPMPTSP"
    inbox = db.session.scalar(select(InboxMessage).order_by(InboxMessage.id.desc()))
    assert inbox.subject == "Izin dicabut" and issued.number in inbox.body

    public = client.get(f"/verifikasi/{issued.token}")
    assert 'data-state="revoked"' in public.get_data(as_text=True)
    text = page_text(public)
    assert "Dicabut" in text and "tidak berlaku lagi" in text
    assert "memalsukan" not in text  # the reason stays inside the office
    # a second revocation from the same (now stale) page is refused
    again = signer.post(f"/admin/antrian/{application.uid}/cabut", data=data)
    assert again.status_code == 422 and "Izin ini sudah dicabut." in page_text(again)


@pytest.mark.parametrize(("role", "agency"), [("Verifikator", "DPMPTSP"),
                                              ("Penandatangan", "DINKES")])
def test_only_the_offices_signing_official_or_a_super_admin_may_revoke(app, issued, role,
                                                                        agency):
    application = issued.application
    staff, _ = staff_client(app, role, agency)
    response = staff.get(f"/admin/antrian/{application.uid}")
    if agency != "DPMPTSP":  # a Dinas member sees neither this DPMPTSP permit nor its form
        assert response.status_code == 404
        return
    page = response.get_data(as_text=True)
    assert 'id="revoke-form"' not in page
    response = staff.post(f"/admin/antrian/{application.uid}/cabut", data={
        "csrf_token": csrf_from(page), "lock_version": application.lock_version,
        "reason": "coba"})
    assert response.status_code == 422
    assert "Anda tidak berwenang mencabut izin." in page_text(response)
    db.session.refresh(issued)
    assert issued.revoked_at is None


def test_a_super_admin_may_revoke(app, issued):
    from app.services import revocation

    admin = casework.actor_for(make_staff(app, "Super Admin", "DPMPTSP"))
    revocation.revoke(issued.application, admin, "Permintaan pemegang izin")
    assert issued.status_on(calendar.today()) == "revoked"
