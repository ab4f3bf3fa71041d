"""PAdES signing with a PKCS#12 key held by this server (pyHanko).

The key is loaded once per signer object: decrypting a PKCS#12 file costs more than signing.
Signatures use the ETSI.CAdES.detached subfilter (PAdES baseline B-B) and embed the issuing
chain, so a reader can validate against the root alone. They are invisible; the certificate
page itself says "Ditandatangani secara elektronik" and carries the verification QR.
"""

from __future__ import annotations

import io
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter

from .base import SigningError

FIELD_NAME = "TTE"


class Pkcs12Signer:
    def __init__(self, p12_path: str | Path, password: str | bytes | None):
        try:
            data = Path(p12_path).read_bytes()
        except OSError as exc:
            raise SigningError(
                f"Berkas kunci penandatanganan tidak dapat dibaca: {p12_path}",
                code="kunci_tidak_ada") from exc
        secret = password.encode() if isinstance(password, str) else password
        try:
            self._signer = signers.SimpleSigner.load_pkcs12_data(data, (), passphrase=secret)
        except ValueError as exc:
            raise SigningError(
                "Kunci penandatanganan tidak dapat dibuka: password PKCS#12 salah atau berkas "
                "rusak.", code="kunci_tidak_valid") from exc

    @property
    def signer_name(self) -> str:
        return self._signer.signing_cert.subject.native.get("common_name", "")

    def sign(self, pdf: bytes, *, reason: str, location: str, signer_nik: str | None = None,
             passphrase: str | None = None) -> bytes:
        """signer_nik and passphrase belong to remote services; a local key needs neither."""
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, reason=reason, location=location,
            subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            out = signers.sign_pdf(writer, meta, signer=self._signer)
        except (PdfError, ValueError, OSError) as exc:
            raise SigningError(f"Dokumen PDF tidak dapat ditandatangani: {exc}") from exc
        return out.getvalue()
