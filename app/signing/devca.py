"""A development CA, so `make run` can issue signed permits with no key material configured.

The root's private key is thrown away after it signs the one signing certificate: nothing can
issue further certificates under it, and the only secrets on disk are the PKCS#12 file and its
random password, both readable by the owner only. Production configures a real key instead
(SIGNING_P12_PATH or the BSrE backend); these files are never committed (instance/ is ignored).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from config import Config

from ..security.filemodes import private_dir, private_file, write_private

ROOT_PEM = "dev-root.pem"
SIGNER_P12 = "signer.p12"
SIGNER_PASS = "signer.pass"
ROOT_CN = "E-PTSP Development Root CA (BUKAN UNTUK PRODUKSI)"
# named after the office's own agency code (configuration): "Kepala <OFFICE_AGENCY> (...)"
SIGNER_CN = f"Kepala {Config.OFFICE_AGENCY} (Pengembangan)"
# id-kp-documentSigning (RFC 9336): tells PDF readers the key is meant for documents
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@dataclass(frozen=True)
class DevCaPaths:
    root_pem: Path
    p12: Path
    password_file: Path
    created: bool

    def password(self) -> str:
        return self.password_file.read_text().strip()


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "E-PTSP (Pengembangan)"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _key_usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign, content_commitment=sign, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False)


def _certificate(subject, issuer, public_key, issuer_key, days, *, ca: bool, issuer_ski=None):
    now = datetime.now(UTC) - timedelta(minutes=5)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(issuer).public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None),
                       critical=True)
        .add_extension(_key_usage(sign=not ca, ca=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer_ski is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski),
            critical=False)
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def create_dev_ca(folder: str | os.PathLike, *, signer_cn: str = SIGNER_CN) -> DevCaPaths:
    """Idempotent: when all three files exist nothing is touched (created=False)."""
    folder = Path(folder)
    paths = DevCaPaths(folder / ROOT_PEM, folder / SIGNER_P12, folder / SIGNER_PASS, False)
    if all(p.is_file() for p in (paths.root_pem, paths.p12, paths.password_file)):
        private_dir(folder)  # an older install may have left them readable by others
        for path in (paths.root_pem, paths.p12, paths.password_file):
            private_file(path)
        return paths
    private_dir(folder)

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    root_cert = _certificate(_name(ROOT_CN), _name(ROOT_CN), root_key.public_key(), root_key,
                             3650, ca=True)
    signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_ski = root_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    signer_cert = _certificate(_name(signer_cn), root_cert.subject, signer_key.public_key(),
                               root_key, 825, ca=False, issuer_ski=root_ski)

    password = secrets.token_urlsafe(24)
    p12 = pkcs12.serialize_key_and_certificates(
        name=signer_cn.encode(), key=signer_key, cert=signer_cert, cas=[root_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()))
    write_private(paths.password_file, password.encode() + b"\n")
    write_private(paths.p12, p12)
    # public, but kept beside the key in a folder only the service reads, and 0600 like it
    write_private(paths.root_pem, root_cert.public_bytes(serialization.Encoding.PEM))
    return DevCaPaths(paths.root_pem, paths.p12, paths.password_file, True)
