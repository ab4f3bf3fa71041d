"""PAdES signing with a PKCS#12 key held by this server (pyHanko).

The key is loaded once per signer object, and parsed once: pyHanko's SimpleSigner re-parses
the private key for every raw signature (two per document, one to size the signature field),
and with RSA key checks that was most of the signing time.
Signatures use the ETSI.CAdES.detached subfilter (PAdES baseline B-B) and embed the issuing
chain, so a reader can validate against the root alone. They are invisible; the certificate
page itself says "Ditandatangani secara elektronik" and carries the verification QR.
"""

from __future__ import annotations

import io
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from .base import SigningError, outside_event_loop

FIELD_NAME = "TTE"


class _ParsedKeySigner(signers.SimpleSigner):
    """SimpleSigner that keeps the parsed RSA key (other key types take pyHanko's own path)."""

    def __init__(self, private_key, **kwargs):
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._private_key, RSAPrivateKey):
            return self._private_key.sign(data, PKCS1v15(),
                                          get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)


def _load_p12(data: bytes, password: bytes | None) -> _ParsedKeySigner:
    key, cert, chain = pkcs12.load_key_and_certificates(data, password)
    if key is None or cert is None:
        raise ValueError("PKCS#12 tanpa kunci privat atau sertifikat")
    der = serialization.Encoding.DER
    key_info = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    registry = SimpleCertificateStore()
    registry.register_multiple([asn1_x509.Certificate.load(c.public_bytes(der)) for c in chain])
    return _ParsedKeySigner(key, signing_key=key_info,
                            signing_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
                            cert_registry=registry)


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
            self._signer = _load_p12(data, secret)
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
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, reason=reason, location=location,
            subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            out = outside_event_loop(signers.sign_pdf, writer, meta, signer=self._signer)
        except (PdfError, ValueError, OSError) as exc:
            raise SigningError(f"Dokumen PDF tidak dapat ditandatangani: {exc}") from exc
        return out.getvalue()
