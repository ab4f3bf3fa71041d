"""File Saya through the web: upload (each accepted type, every rejection), list, search,
pagination, open/download headers, delete, object-level access and CSRF. Real database, real
stored files: every test runs on the local folder and on an S3 bucket (moto's server)."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from app import storage
from app.extensions import db
from app.models import StoredFile
from tests.answer_factory import SAMPLE_BYTES
from tests.helpers import (
    csrf_from,
    make_applicant,
    make_file,
    make_submitted,
    publish_catalogue,
)

STORAGE_BACKENDS = ("local", "s3")
JSON = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = SAMPLE_BYTES["png"]
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _token(client) -> str:
    return csrf_from(client.get("/file-saya").get_data(as_text=True))


def _upload(client, content: bytes, filename: str, *, name: str = "", as_json: bool = True,
            token: str | None = None, **extra):
    """A multipart post as a browser sends it."""
    values = {"csrf_token": _token(client) if token is None else token, "name": name,
              "file": (io.BytesIO(content), filename), **extra}
    return client.post("/file-saya/unggah", data=values, headers=JSON if as_json else {})


def _stored_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(StoredFile.id)))


def _stored_objects() -> list[bytes]:
    """The content of every object in storage (folder or bucket), in key order."""
    backend = storage.current()
    return [backend.read_bytes(info.key) for info in backend.list("")]


def _rows(html: str) -> list[str]:
    """The file names in the list, in order."""
    return re.findall(r'class="file-name fw-semibold">([^<]+)</a>', html)


# uploading ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("ext", "label"), [
    ("pdf", "Dokumen PDF"), ("jpg", "Gambar JPG"), ("jpeg", "Gambar JPG"),
    ("png", "Gambar PNG"), ("gif", "Gambar GIF"), ("dwg", "Gambar Teknik DWG"),
    ("xlsx", "Lembar kerja XLSX")])
def test_each_accepted_type_is_stored_and_listed(app, client, user, ext, label):
    content = SAMPLE_BYTES[ext] + b"\x01" * 2000
    response = _upload(client, content, f"scan.{ext.upper()}", name=f"Berkas {ext}")
    assert response.status_code == 200, response.json
    answer = response.json
    assert answer["name"] == f"Berkas {ext}" and answer["ext"] == ext
    stored = db.session.scalar(select(StoredFile).where(StoredFile.uid == answer["uid"]))
    assert stored.owner_id == user.id and stored.size == len(content)
    assert _stored_objects() == [content]
    page = client.get("/file-saya").get_data(as_text=True)
    row = page.split(f'data-file="{answer["uid"]}"')[1].split("</tr>")[0]
    assert f"Berkas {ext}" in row and label in row and "2 KB" in row


def test_a_plain_form_post_redirects_with_a_message_and_highlights_the_file(app, client, user):
    response = _upload(client, PDF, "akta.pdf", name="Akta Pendirian", as_json=False)
    assert response.status_code == 302
    assert response.location.startswith("/file-saya?baru=")
    page = client.get(response.location).get_data(as_text=True)
    assert "Upload berhasil: Akta Pendirian" in page
    assert 'class="table-success"' in page
    shown = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    assert shown.count("Upload berhasil") == 1  # the flash, not the script's banner as well


def test_the_name_defaults_to_the_file_name(app, client, user):
    answer = _upload(client, PDF, "NPWP Perusahaan.pdf").json
    assert answer["name"] == "NPWP Perusahaan"


TOO_BIG = b"%PDF-1.4\n" + b"0" * (1024 * 1024)


@pytest.mark.parametrize(("content", "filename", "message"), [
    (TOO_BIG, "besar.pdf", "Ukuran berkas melebihi batas 1 MB."),
    (PNG, "gambar.pdf", "Isi berkas bukan PDF yang sah"),
    (EXE, "setup.pdf", "Isi berkas bukan PDF yang sah"),
    (PDF, "dokumen.jpg", "Isi berkas bukan JPG yang sah"),
    (EXE, "setup.exe",
     "Format berkas .exe tidak diterima. Gunakan: PDF, JPG, PNG, GIF, DWG, KMZ, XLSX."),
    (PDF, "tanpa-ekstensi", "Format berkas .? tidak diterima"),
    (b"", "kosong.pdf", "Berkas kosong; pilih berkas yang berisi dokumen."),
], ids=["too-big", "png-as-pdf", "exe-as-pdf", "pdf-as-jpg", "exe", "no-extension", "empty"])
def test_every_rejection_says_why_and_stores_nothing(app, client, user, content, filename,
                                                     message):
    app.config["UPLOAD_MAX_MB"] = 1
    response = _upload(client, content, filename, name="Dokumen Saya")
    assert response.status_code == 400
    assert message in response.json["error"] and response.json["field"] == "file"
    assert _stored_count() == 0 and _stored_objects() == []
    # the same post without a script: the form again, the message next to the file field and
    # the typed name kept
    page = _upload(client, content, filename, name="Dokumen Saya", as_json=False)
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    error = re.search(r'data-error-for="file">([^<]*)<', html).group(1)
    assert message.replace('"', "&#34;") in error
    assert 'value="Dokumen Saya"' in html
    assert _stored_count() == 0 and _stored_objects() == []


def test_a_post_without_a_file_asks_for_one(app, client, user):
    response = client.post("/file-saya/unggah", data={"csrf_token": _token(client),
                                                      "name": "x"}, headers=JSON)
    assert response.status_code == 400
    assert response.json["error"] == "Pilih berkas yang akan diunggah."


def test_the_caller_can_narrow_the_rules_but_never_widen_them(app, client, user):
    app.config["UPLOAD_MAX_MB"] = 1
    only_pdf = _upload(client, PNG, "foto.png", allowed="pdf")
    assert only_pdf.status_code == 400
    assert only_pdf.json["error"] == "Format berkas .png tidak diterima. Gunakan: PDF."
    small = _upload(client, PDF + b"x" * 2048, "a.pdf", allowed="pdf", max_mb="0.001")
    assert small.status_code == 400
    assert "Ukuran berkas melebihi batas" in small.json["error"]
    unknown = _upload(client, EXE, "setup.exe", allowed="exe,pdf")
    assert unknown.status_code == 400 and "Format berkas .exe tidak diterima" in \
        unknown.json["error"]
    only_unknown = _upload(client, EXE, "setup.exe", allowed="exe")
    assert only_unknown.json["error"] == "Format berkas yang diminta tidak didukung."
    bad_limit = _upload(client, PDF, "a.pdf", max_mb="-5")
    assert bad_limit.json["error"] == "Batas ukuran berkas tidak sah."
    higher = _upload(client, TOO_BIG, "besar.pdf", max_mb="500")
    assert higher.status_code == 400 and "melebihi batas 1 MB" in higher.json["error"]
    assert _stored_count() == 0
    fits = _upload(client, PDF, "a.pdf", allowed="pdf", max_mb="0.5")
    assert fits.status_code == 200


def test_an_oversized_request_is_refused_before_it_is_read(app, client, user):
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    body = PDF + b"0" * (100 * 1024)
    as_json = _upload(client, body, "besar.pdf")
    assert as_json.status_code == 413
    assert as_json.json["error"].startswith("Ukuran berkas melebihi batas 50 MB.")
    page = _upload(client, body, "besar.pdf", as_json=False)
    assert page.status_code == 413
    html = page.get_data(as_text=True)
    assert "Berkas terlalu besar" in html and "Ukuran berkas melebihi batas 50 MB" in html
    assert _stored_count() == 0 and _stored_objects() == []


def test_the_configured_request_limit_leaves_room_for_the_largest_upload(app):
    assert app.config["MAX_CONTENT_LENGTH"] > app.config["UPLOAD_MAX_MB"] * 1024 * 1024
    assert app.config["MAX_CONTENT_LENGTH"] <= (app.config["UPLOAD_MAX_MB"] + 2) * 1024 * 1024


def test_the_upload_page_works_without_the_dialog(app, client, user):
    page = client.get("/file-saya/unggah").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and "Nama File" in page
    assert ("Format yang diterima: PDF, JPG, PNG, GIF, DWG, KMZ, XLSX. Ukuran berkas maksimal "
            "50 MB.") in page


# listing -----------------------------------------------------------------------------------
def test_an_empty_library_says_so(app, client, user):
    page = client.get("/file-saya").get_data(as_text=True)
    assert "Belum ada file" in page and "Hal 1 dari" not in page


def test_list_search_and_pagination(app, client, user):
    for n in range(1, 13):
        make_file(app, user, "pdf", f"Surat {n:02d}")
    make_file(app, user, "png", "KTP Direktur")
    make_file(app, user, "pdf", "Laporan 100% final")
    first = client.get("/file-saya").get_data(as_text=True)
    assert "Hal 1 dari 2" in first
    assert _rows(first)[:3] == ["Laporan 100% final", "KTP Direktur", "Surat 12"]
    assert len(_rows(first)) == 10
    assert re.findall(r'data-col="no">(\d+)<', first) == [str(n) for n in range(1, 11)]
    second = client.get("/file-saya?hal=2").get_data(as_text=True)
    assert "Hal 2 dari 2" in second and _rows(second) == ["Surat 04", "Surat 03", "Surat 02",
                                                          "Surat 01"]
    assert re.findall(r'data-col="no">(\d+)<', second) == ["11", "12", "13", "14"]
    found = client.get("/file-saya?q=ktp").get_data(as_text=True)
    assert _rows(found) == ["KTP Direktur"] and "Hal 1 dari 1" in found
    percent = client.get("/file-saya?q=100%25").get_data(as_text=True)
    assert _rows(percent) == ["Laporan 100% final"]
    wildcard = client.get("/file-saya?q=%25").get_data(as_text=True)
    assert _rows(wildcard) == ["Laporan 100% final"]  # % is a character, not a wildcard
    none = client.get("/file-saya?q=akta").get_data(as_text=True)
    assert _rows(none) == [] and 'Tidak ada file yang cocok dengan "akta".' in \
        none.replace("&#34;", '"')
    assert "Belum ada file" not in none


def test_only_the_owners_files_are_listed(app, client, user):
    other, _ = make_applicant(app)
    make_file(app, other, "pdf", "Milik Orang Lain")
    make_file(app, user, "pdf", "Milik Saya")
    assert _rows(client.get("/file-saya").get_data(as_text=True)) == ["Milik Saya"]
    assert _rows(client.get("/file-saya?q=orang").get_data(as_text=True)) == []


# opening and downloading -------------------------------------------------------------------
def test_open_shows_inline_and_download_saves(app, client, user):
    stored = make_file(app, user, "pdf", "Izin Lama")
    opened = client.get(f"/file-saya/{stored.uid}")
    assert opened.status_code == 200
    assert opened.mimetype == "application/pdf"
    assert opened.headers["Content-Disposition"] == 'inline; filename="Izin Lama.pdf"'
    assert opened.headers["X-Content-Type-Options"] == "nosniff"
    assert opened.headers["Content-Length"] == str(len(SAMPLE_BYTES["pdf"]))
    assert opened.data == SAMPLE_BYTES["pdf"]
    saved = client.get(f"/file-saya/{stored.uid}/unduh")
    assert saved.headers["Content-Disposition"] == 'attachment; filename="Izin Lama.pdf"'
    assert saved.data == SAMPLE_BYTES["pdf"]


def test_a_drawing_is_always_downloaded(app, client, user):
    stored = make_file(app, user, "dwg", "Denah")
    opened = client.get(f"/file-saya/{stored.uid}")
    assert opened.headers["Content-Disposition"].startswith("attachment;")
    assert opened.mimetype == "image/vnd.dwg"


@pytest.mark.parametrize(("name", "fallback"), [
    ("Surat Keterangan Domisili – Ñusa Ümbara", "Surat Keterangan Domisili Nusa Umbara.pdf"),
    ("Akta 日本", "Akta.pdf"),
    ('Surat "resmi"; bagian\\2', "Surat _resmi__ bagian 2.pdf"),
    ("Izin\r\nSet-Cookie: a=b", "IzinSet-Cookie: a=b.pdf"),
])
def test_names_are_header_safe(app, client, user, name, fallback):
    answer = _upload(client, PDF, "x.pdf", name=name).json
    response = client.get(f"/file-saya/{answer['uid']}/unduh")
    value = response.headers["Content-Disposition"]
    assert "\r" not in value and "\n" not in value
    assert not any("a=b" in v for v in response.headers.getlist("Set-Cookie"))
    assert value.startswith(f'attachment; filename="{fallback}"')
    exact = answer["name"] + ".pdf"
    if exact != fallback:
        assert value.endswith(f"; filename*=UTF-8''{quote(exact, safe='')}")


# access ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "path"), [
    ("get", "/file-saya/{uid}"), ("get", "/file-saya/{uid}/unduh"),
    ("get", "/file-saya/{uid}/hapus"), ("post", "/file-saya/{uid}/hapus")])
def test_another_applicant_gets_404(app, client, user, method, path):
    other, _ = make_applicant(app)
    theirs = make_file(app, other, "pdf", "Rahasia")
    url = path.format(uid=theirs.uid)
    kwargs = {"data": {"csrf_token": _token(client)}} if method == "post" else {}
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == 404
    assert "Rahasia" not in response.get_data(as_text=True)
    assert _stored_count() == 1 and len(_stored_objects()) == 1


def test_an_unknown_file_is_404_too(app, client, user):
    assert client.get("/file-saya/tidak-ada").status_code == 404


def test_pages_need_a_logged_in_applicant(app, client):
    response = client.get("/file-saya")
    assert response.status_code == 302 and "/masuk" in response.location


# deleting ----------------------------------------------------------------------------------
def test_an_unused_file_can_be_deleted(app, client, user):
    keep = make_file(app, user, "pdf", "Tetap")
    gone = make_file(app, user, "png", "Foto Lama")
    confirm = client.get(f"/file-saya/{gone.uid}/hapus").get_data(as_text=True)
    assert "Foto Lama" in confirm and "tidak dapat dikembalikan" in confirm
    response = client.post(f"/file-saya/{gone.uid}/hapus",
                           data={"csrf_token": _token(client), "back": "/file-saya?q=foto"})
    assert response.status_code == 302 and response.location == "/file-saya?q=foto"
    page = client.get("/file-saya").get_data(as_text=True)
    assert "Berkas Foto Lama dihapus." in page
    assert _rows(page) == ["Tetap"]
    assert _stored_objects() == [SAMPLE_BYTES["pdf"]]
    assert keep.uid in page


def test_a_file_used_by_a_submitted_application_cannot_be_deleted(app, client, user):
    publish_catalogue(app)
    application = make_submitted(app, user)
    used = application.documents[0].file
    before = len(_stored_objects())
    page = client.get("/file-saya?q=" + used.name).get_data(as_text=True)
    row = page.split(f'data-file="{used.uid}"')[1].split("</tr>")[0]
    assert "Dipakai permohonan" in row and "disabled" in row
    response = client.post(f"/file-saya/{used.uid}/hapus", data={"csrf_token": _token(client)})
    assert response.status_code == 302
    after = client.get("/file-saya").get_data(as_text=True)
    assert ("Berkas ini dipakai oleh permohonan yang sudah dikirim dan tidak dapat dihapus."
            in after)
    assert db.session.get(StoredFile, used.id) is not None
    assert len(_stored_objects()) == before
    confirm = client.get(f"/file-saya/{used.uid}/hapus").get_data(as_text=True)
    assert "tidak dapat dihapus" in confirm and 'id="delete-confirm"' not in confirm


# CSRF --------------------------------------------------------------------------------------
def test_upload_needs_the_csrf_token(app, client, user):
    response = _upload(client, PDF, "a.pdf", token="")
    assert response.status_code == 400
    assert "Formulir sudah kedaluwarsa" in response.get_data(as_text=True)
    assert _stored_count() == 0 and _stored_objects() == []


def test_delete_needs_the_csrf_token(app, client, user):
    stored = make_file(app, user, "pdf", "Tetap Ada")
    response = client.post(f"/file-saya/{stored.uid}/hapus", data={})
    assert response.status_code == 400
    assert db.session.get(StoredFile, stored.id) is not None
    assert client.get(f"/file-saya/{stored.uid}").status_code == 200


# one transaction per service call (docs/architecture.md, "Transactions") --------------------
def test_the_upload_service_commits_its_own_work(app, user):
    """Callers never commit: what save_upload returns survives the caller's rollback."""
    from app.services import files

    stored = files.save_upload(user.id, files.Upload(io.BytesIO(PDF), "akta.pdf"))
    db.session.rollback()
    assert files.get_owned(user.id, stored.uid).name == "akta"
    assert len(_stored_objects()) == 1


def test_a_failed_commit_leaves_no_file_in_storage(app, user):
    """An owner that does not exist breaks the foreign key at commit: the bytes already
    written to storage are removed again, and the session is usable afterwards."""
    from sqlalchemy.exc import IntegrityError

    from app.services import files

    with pytest.raises(IntegrityError):
        files.save_upload(user.id + 10_000, files.Upload(io.BytesIO(PDF), "akta.pdf"))
    assert _stored_objects() == [] and _stored_count() == 0
