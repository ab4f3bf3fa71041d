"""PAdES signing with a PKCS#12 key held by this server (pyHanko).

The key is loaded once per process and file, and parsed once: opening the PKCS#12 (its
password-based key derivation) cost about 50 ms, paid for every permit issued when each
signer object opened it again; pyHanko's SimpleSigner re-parses the private key for every raw
signature (two per document, one to size the signature field), and with RSA key checks that
was most of the signing time. A replaced key file or another password is opened afresh (the
cache is keyed by a digest of both).
Signatures use the ETSI.CAdES.detached subfilter (PAdES baseline B-B) and embed the issuing
chain, so a reader can validate against the root alone. They are invisible; the certificate
page itself says "Ditandatangani secara elektronik" and carries the verification QR.
The pyHanko calls themselves are in pades.py, loaded at the first key or signature.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from .base import SigningError, pyhanko

FIELD_NAME = "TTE"
_opened: dict[bytes, object] = {}  # digest of (file content, password) -> parsed signer
_opened_lock = threading.Lock()
_OPENED_MAX = 4


def _open(data: bytes, secret: bytes | None):
    """The parsed key of this file content and password, opened once per process."""
    key = hashlib.sha256(hashlib.sha256(data).digest() + (secret or b"")).digest()
    with _opened_lock:
        found = _opened.get(key)
    if found is None:
        found = pyhanko().load_p12(data, secret)
        with _opened_lock:
            if len(_opened) >= _OPENED_MAX:
                _opened.clear()
            _opened[key] = found
    return found


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
            self._signer = _open(data, secret)
        except (ValueError, TypeError) as exc:
            raise SigningError(
                "Kunci penandatanganan tidak dapat dibuka: password PKCS#12 salah atau berkas "
                "rusak.", code="kunci_tidak_valid") from exc

    @property
    def signer_name(self) -> str:
        return self._signer.signing_cert.subject.native.get("common_name", "")

    def sign(self, pdf: bytes, *, reason: str, location: str, signer_nik: str | None = None,
             passphrase: str | None = None) -> bytes:
        """signer_nik and passphrase belong to remote services; a local key needs neither."""
        pades = pyhanko()
        try:
            return pades.sign(pdf, self._signer, field_name=FIELD_NAME, reason=reason,
                              location=location)
        except (pades.PdfError, ValueError, OSError) as exc:
            raise SigningError(f"Dokumen PDF tidak dapat ditandatangani: {exc}") from exc
