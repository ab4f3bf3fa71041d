"""The public verification page (the QR code's target) says why a signature could not be
confirmed in its reader's language, and never shows a library's exception text: that goes to
the log."""

from __future__ import annotations

import io
import logging
import re

from pyhanko.pdf_utils.writer import PdfFileWriter

from app import storage
from app.models import IssuedPermit
from tests.backoffice_helpers import page_text
from tests.integration.test_verification import issued  # noqa: F401 (fixture)


def status_line(response) -> str:
    """The text of the signature's status line."""
    found = re.search(r'id="signature-status"[^>]*>(.*?)</p>', response.get_data(as_text=True),
                      re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found)).strip()


def replace_stored(permit: IssuedPermit, data: bytes) -> None:
    storage.current().put_stream(permit.storage_key, io.BytesIO(data), None)


def unsigned_pdf() -> bytes:
    out = io.BytesIO()
    PdfFileWriter().write(out)
    return out.getvalue()


def test_an_unreadable_file_is_explained_in_each_language_without_the_exception(
        client, issued, caplog):  # noqa: F811
    replace_stored(issued, b"not a pdf at all")
    with caplog.at_level(logging.WARNING, logger="eptsp.signing"):
        english = client.get(f"/verifikasi/{issued.token}?_l_=en")
    assert status_line(english) == \
        "The signature could not be confirmed. The file is not a readable PDF."
    assert "header" not in page_text(english).lower()  # pyhanko's "Illegal PDF header"
    assert any("PdfReadError" in r.getMessage() for r in caplog.records)  # logged instead
    indonesian = client.get(f"/verifikasi/{issued.token}?_l_=id")
    assert status_line(indonesian) == \
        "Tanda tangan tidak dapat dipastikan. Berkas bukan PDF yang dapat dibaca."


def test_an_unsigned_document_is_explained_in_each_language(client, issued):  # noqa: F811
    replace_stored(issued, unsigned_pdf())
    english = client.get(f"/verifikasi/{issued.token}?_l_=en")
    assert status_line(english) == \
        "The signature could not be confirmed. The document has no electronic signature."
    assert status_line(client.get(f"/verifikasi/{issued.token}?_l_=id")) == \
        ("Tanda tangan tidak dapat dipastikan. Dokumen tidak memiliki tanda tangan "
         "elektronik.")


def test_a_lost_file_is_explained_in_each_language(client, issued):  # noqa: F811
    storage.current().delete(issued.storage_key)
    assert status_line(client.get(f"/verifikasi/{issued.token}?_l_=en")) == \
        "The signature could not be confirmed. The permit document file was not found in storage."
    assert status_line(client.get(f"/verifikasi/{issued.token}?_l_=id")) == \
        ("Tanda tangan tidak dapat dipastikan. Berkas dokumen izin tidak ditemukan di "
         "penyimpanan.")


def test_an_unknown_token_is_explained_in_each_language(client, issued):  # noqa: F811
    english = client.get("/verifikasi/tidak-ada?_l_=en")
    assert english.status_code == 404 and "Permit document not found" in page_text(english)
    indonesian = client.get("/verifikasi/tidak-ada?_l_=id")
    assert "Dokumen izin tidak ditemukan" in page_text(indonesian)


def test_a_tampered_file_is_explained_in_each_language(client, issued):  # noqa: F811
    changed = storage.current().read_bytes(issued.storage_key).replace(b"/Type", b"/Typo", 1)
    replace_stored(issued, changed)
    assert status_line(client.get(f"/verifikasi/{issued.token}?_l_=en")) == \
        "The signature could not be confirmed. The signature is broken or invalid."
    assert status_line(client.get(f"/verifikasi/{issued.token}?_l_=id")) == \
        "Tanda tangan tidak dapat dipastikan. Tanda tangan tidak utuh atau tidak sah."
