"""Checking a signed PDF against our own trust roots (tests and the public verification page).

The trust roots are passed in rather than taken from the operating system: a permit is genuine
only if it chains to the root this office configured (the development root, or BSrE's), not
merely to some CA a browser happens to trust. Nothing is fetched from the network (no OCSP/CRL
look-ups), so a verification page answers quickly and the check runs offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .base import pyhanko


@dataclass(frozen=True)
class SignatureReport:
    intact: bool
    """The signed bytes are unchanged since signing."""
    valid: bool
    """The signature is cryptographically sound for the signer's certificate."""
    trusted: bool
    """The signer's certificate chains to one of the given roots."""
    signer_name: str | None
    signed_at: datetime | None
    subfilter: str | None
    covers_whole_file: bool = False
    """Nothing was appended after signing (an appended update can change what a reader sees)."""
    problem: str | None = None
    """Why the document could not be checked at all, in Indonesian."""

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.covers_whole_file


def _unchecked(problem: str) -> SignatureReport:
    return SignatureReport(False, False, False, None, None, None, False, problem)


def validate_pdf_signature(pdf: bytes, trust_roots_pem: list[bytes]) -> SignatureReport:
    """Report on the document's last signature (the one that covers the most of the file)."""
    pades = pyhanko()
    try:
        embedded = pades.last_signature(pdf)
    except (pades.PdfError, ValueError, KeyError, TypeError) as exc:
        return _unchecked(f"Berkas bukan PDF yang dapat dibaca: {exc}")
    if embedded is None:
        return _unchecked("Dokumen tidak memiliki tanda tangan elektronik.")
    context = pades.validation_context(trust_roots_pem)
    try:
        status = pades.validate(embedded, context)
    except (pades.PdfError, ValueError, KeyError, TypeError) as exc:
        return _unchecked(f"Tanda tangan tidak dapat diperiksa: {exc}")
    subject = status.signing_cert.subject.native
    subfilter = embedded.sig_object.get("/SubFilter")
    return SignatureReport(
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        signer_name=subject.get("common_name"),
        signed_at=status.signer_reported_dt,
        subfilter=str(subfilter)[1:] if subfilter is not None else None,
        covers_whole_file=pades.covers_whole_file(status),
    )
