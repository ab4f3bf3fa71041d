"""Checking a signed PDF against our own trust roots (tests and the public verification page).

The trust roots are passed in rather than taken from the operating system: a permit is genuine
only if it chains to the root this office configured (the development root, or BSrE's), not
merely to some CA a browser happens to trust. Nothing is fetched from the network (no OCSP/CRL
look-ups), so a verification page answers quickly and the check runs offline.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from ..i18n import N_
from ..privacy.masking import scrub
from .base import pyhanko

log = logging.getLogger("eptsp.signing")
# what a reader is told (marked: the public page shows them in its reader's language); why
# a file could not be read goes to the log, not to the public: a library's words in English
# on an Indonesian page tell a visitor nothing and the staff reading the log everything
UNREADABLE = N_("Berkas bukan PDF yang dapat dibaca.")
UNSIGNED = N_("Dokumen tidak memiliki tanda tangan elektronik.")
UNCHECKABLE = N_("Tanda tangan tidak dapat diperiksa.")


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
    """Why the document could not be checked at all: a marked Indonesian text (N_)."""

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.covers_whole_file


def _unchecked(problem: str, exc: Exception | None = None) -> SignatureReport:
    if exc is not None:  # the library's reason, masked like any free text in a log
        log.warning("signature check: %s (%s: %s)", problem, type(exc).__name__,
                    scrub(str(exc))[:300])
    return SignatureReport(False, False, False, None, None, None, False, problem)


def validate_pdf_signature(pdf: bytes, trust_roots_pem: list[bytes]) -> SignatureReport:
    """Report on the document's last signature (the one that covers the most of the file)."""
    pades = pyhanko()
    try:
        embedded = pades.last_signature(pdf)
    except (pades.PdfError, ValueError, KeyError, TypeError) as exc:
        return _unchecked(UNREADABLE, exc)
    if embedded is None:
        return _unchecked(UNSIGNED)
    context = pades.validation_context(trust_roots_pem)
    try:
        status = pades.validate(embedded, context)
    except (pades.PdfError, ValueError, KeyError, TypeError) as exc:
        return _unchecked(UNCHECKABLE, exc)
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
