"""The local signer opens its PKCS#12 once per process (its key derivation cost about 50 ms
per permit issued), without ever signing with a key the file no longer holds or accepting a
password the file does not: a key file replaced at the same path signs with the new key, and a
wrong password is refused after the right one was used."""

from __future__ import annotations

import shutil

import pytest

from app.documents import render_pdf
from app.signing import Pkcs12Signer, SigningError, create_dev_ca, validate_pdf_signature


def signer_of(pdf: bytes) -> str:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    return signature.signer_cert.subject.native["common_name"]


def test_a_replaced_key_file_signs_with_the_new_key_and_a_wrong_password_stays_refused(
        tmp_path):
    first = create_dev_ca(tmp_path / "first")
    second = create_dev_ca(tmp_path / "second", signer_cn="Kepala Dinas Baru")
    live = tmp_path / "live.p12"
    shutil.copyfile(first.p12, live)
    pdf = render_pdf("<p>SURAT IZIN</p>")

    signed = Pkcs12Signer(live, first.password()).sign(pdf, reason="uji", location="uji")
    assert signer_of(signed) == "Kepala DPMPTSP (Pengembangan)"
    with pytest.raises(SigningError, match="password PKCS#12 salah"):
        Pkcs12Signer(live, "salah")

    shutil.copyfile(second.p12, live)  # the office rotates its key under the same name
    signed = Pkcs12Signer(live, second.password()).sign(pdf, reason="uji", location="uji")
    assert signer_of(signed) == "Kepala Dinas Baru"
    report = validate_pdf_signature(signed, [second.root_pem.read_bytes()])
    assert report.intact and report.trusted
    with pytest.raises(SigningError, match="password PKCS#12 salah"):
        Pkcs12Signer(live, first.password())
