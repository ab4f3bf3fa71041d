"""Every call into pyHanko: opening a PKCS#12 signer, adding a PAdES signature, and validating
the last signature of a PDF. The one module that imports it.

pyHanko (with aiohttp and its certificate validator) costs about a third of a second of CPU to
import, and only signing an issued permit and the public verification page need it. So nothing
imports this module when the app starts: `base.pyhanko()` loads it at first use, for the
signing adapter (local.py) and the verification report (verify.py) alike, which keep their
own messages. The import system runs it once; a second thread asking meanwhile waits for the
first (tests/unit/test_lazy_imports.py checks an ordinary page never loads it).
"""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from .base import outside_event_loop

__all__ = ["PdfError", "ParsedKeySigner", "covers_whole_file", "last_signature", "load_p12",
           "sign", "validate", "validation_context"]


class ParsedKeySigner(signers.SimpleSigner):
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


def load_p12(data: bytes, password: bytes | None) -> ParsedKeySigner:
    """Raises ValueError or TypeError for a wrong password or a damaged file."""
    key, cert, chain = pkcs12.load_key_and_certificates(data, password)
    if key is None or cert is None:
        raise ValueError("PKCS#12 tanpa kunci privat atau sertifikat")
    der = serialization.Encoding.DER
    key_info = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    registry = SimpleCertificateStore()
    registry.register_multiple([asn1_x509.Certificate.load(c.public_bytes(der)) for c in chain])
    return ParsedKeySigner(key, signing_key=key_info,
                           signing_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
                           cert_registry=registry)


def sign(pdf: bytes, signer: ParsedKeySigner, *, field_name: str, reason: str,
         location: str) -> bytes:
    """An invisible PAdES (ETSI.CAdES.detached, SHA-256) signature in a new field; raises
    PdfError, ValueError or OSError for a PDF that cannot be signed."""
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location=location,
        subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    return outside_event_loop(signers.sign_pdf, writer, meta, signer=signer).getvalue()


def last_signature(pdf: bytes) -> EmbeddedPdfSignature | None:
    """The signature that covers the most of the file, or None; raises PdfError, ValueError,
    KeyError or TypeError for a file that is not a readable PDF."""
    signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    return signatures[-1] if signatures else None


def validation_context(trust_roots_pem: list[bytes]) -> ValidationContext:
    """A validation context trusting these roots only, offline (no OCSP/CRL fetching)."""
    roots = [cert for pem in trust_roots_pem for cert in load_certs_from_pemder_data(pem)]
    return ValidationContext(trust_roots=roots, allow_fetching=False)


def validate(embedded: EmbeddedPdfSignature, context: ValidationContext) -> PdfSignatureStatus:
    return outside_event_loop(validate_pdf_signature, embedded, context)


def covers_whole_file(status: PdfSignatureStatus) -> bool:
    return status.coverage == SignatureCoverageLevel.ENTIRE_FILE
