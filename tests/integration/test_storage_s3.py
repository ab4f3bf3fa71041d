"""The S3 backend on moto's S3 server: what only S3 shows (multipart uploads and their abort,
the bucket prefix, cleanup by the service's clock), and the whole path through the web with
every file in the bucket: uploads in the wizard, the document seen by staff, issuance, the
applicant's permit download, the public verification page and the profile photo."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app import storage
from app.extensions import db
from app.models import Application, IssuedPermit, StoredFile
from app.services.storage_cleanup import cleanup
from app.signing.verify import validate_pdf_signature
from catalogue import DEFINITIONS, load_folder
from tests.backoffice_helpers import act, page_text, staff_client
from tests.helpers import csrf_from, login, make_applicant, make_file, publish_catalogue
from tests.integration.test_profile import png_bytes
from tests.integration.test_storage import Generated
from tests.wizard_client import fill_and_submit

STORAGE_BACKENDS = ("s3",)
MB = 1024 * 1024
SAMPLE = load_folder(DEFINITIONS)


@pytest.fixture
def calls(app):
    """The S3 operations the app's boto3 client sends, by name, in order."""
    seen: list[str] = []
    client = storage.current().client
    handler = lambda model, **_kw: seen.append(model.name)  # noqa: E731
    client.meta.events.register("before-call.s3", handler)
    yield seen
    client.meta.events.unregister("before-call.s3", handler)


def bucket_names(app) -> list[str]:
    """The object names in the bucket, as another S3 client sees them."""
    client = storage.current().client
    answer = client.list_objects_v2(Bucket=app.config["S3_BUCKET"])
    return sorted(item["Key"] for item in answer.get("Contents", ()))


def test_a_large_stream_goes_up_in_parts_and_a_refused_one_is_aborted(app, calls):
    backend = storage.current()
    _key, size = backend.save_stream(Generated(12 * MB), "files", ".bin", 20 * MB)
    assert size == 12 * MB
    assert calls == ["CreateMultipartUpload", "UploadPart", "UploadPart", "UploadPart",
                     "CompleteMultipartUpload"]
    calls.clear()
    with pytest.raises(storage.FileTooLarge):
        backend.save_stream(Generated(12 * MB), "files", ".bin", 7 * MB)
    assert calls == ["CreateMultipartUpload", "UploadPart", "AbortMultipartUpload"]
    assert list(backend.list_incomplete("")) == [] and len(list(backend.list("files/"))) == 1
    calls.clear()
    backend.save_bytes(b"kecil", "photos", ".jpg")
    assert calls == ["PutObject"]


def test_objects_live_under_the_configured_prefix(app):
    key = storage.current().save_bytes(b"isi", "permits", ".pdf")
    assert app.config["S3_PREFIX"] == "eptsp/"
    assert bucket_names(app) == [f"eptsp/{key}"]
    assert [i.key for i in storage.current().list("permits/")] == [key]


def test_cleanup_ages_objects_by_the_clock(app):
    user, _ = make_applicant(app)
    used = make_file(app, user, "pdf", "KTP").storage_key
    backend = storage.current()
    orphan = backend.save_bytes(b"yatim", "permits", ".pdf")
    now = datetime.now(UTC)

    fresh = cleanup(24, now=now)
    assert fresh.removed == [] and fresh.recent == 2
    assert {i.key for i in backend.list("")} == {used, orphan}

    # a multipart upload its process never finished (moto reports every upload as begun in
    # 2010, so only the local backend's test shows a recent one being kept)
    stale = backend.client.create_multipart_upload(Bucket=backend.bucket,
                                                   Key=f"eptsp/files/{'c' * 32}.pdf")
    report = cleanup(24, now=now + timedelta(hours=25))
    assert [i.key for i in report.removed] == [orphan] and report.referenced == 1
    assert [i.version for i in report.incomplete] == [stale["UploadId"]]
    assert {i.key for i in backend.list("")} == {used}
    assert list(backend.list_incomplete("")) == []


def test_the_whole_path_through_the_web_on_s3(app, client):
    publish_catalogue(app)
    applicant, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    uid = fill_and_submit(client, app, SAMPLE.permit("IZIN-PENELITIAN"), "baru")
    application = db.session.scalar(select(Application).where(Application.uid == uid))
    keys = set(db.session.scalars(select(StoredFile.storage_key)))
    assert keys and bucket_names(app) == sorted(f"eptsp/{k}" for k in keys)
    document = application.documents[0]
    opened = client.get(f"/permohonan/{uid}/dokumen/{document.requirement_key}")
    assert opened.status_code == 200
    assert opened.data == storage.current().read_bytes(document.file.storage_key)

    verifier, _ = staff_client(app, "Verifikator", "DPMPTSP")
    seen = verifier.get(f"/admin/antrian/{uid}/dokumen/{document.requirement_key}")
    assert seen.status_code == 200 and seen.data == opened.data
    assert act(verifier, uid, "lanjut").status_code == 302
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    assert act(signer, uid, "terbitkan").status_code == 302

    permit = db.session.scalar(select(IssuedPermit))
    assert f"eptsp/{permit.storage_key}" in bucket_names(app)
    pdf = client.get(f"/permohonan/{uid}/izin.pdf")
    assert pdf.status_code == 200 and hashlib.sha256(pdf.data).hexdigest() == permit.sha256
    roots = [Path(app.config["SIGNING_TRUST_ROOTS"]).read_bytes()]
    assert validate_pdf_signature(pdf.data, roots).ok

    page = client.get(f"/verifikasi/{permit.token}")
    assert 'data-ok="1"' in page.get_data(as_text=True)
    assert "Berkas tersimpan utuh" in page_text(page)
    token = csrf_from(page.get_data(as_text=True))
    same = client.post(f"/verifikasi/{permit.token}", content_type="multipart/form-data",
                       data={"csrf_token": token, "berkas": (io.BytesIO(pdf.data), "izin.pdf")})
    assert 'data-match="1"' in same.get_data(as_text=True)

    token = csrf_from(client.get("/akun/profil").get_data(as_text=True))
    client.post("/akun/foto", content_type="multipart/form-data",
                data={"csrf_token": token, "photo": (io.BytesIO(png_bytes()), "foto.png")})
    with client.get("/akun/foto") as photo:
        assert photo.status_code == 200 and photo.data.startswith(b"\xff\xd8\xff")
    assert any(re.fullmatch(r"eptsp/photos/[0-9a-f]{32}\.jpg", n) for n in bucket_names(app))

    storage.current().delete(permit.storage_key)  # the bucket lost it
    gone = client.get(f"/verifikasi/{permit.token}")
    assert "Berkas dokumen izin tidak ditemukan di penyimpanan." in page_text(gone)
    assert client.get(f"/permohonan/{uid}/izin.pdf").status_code == 404
