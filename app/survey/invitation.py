"""The survey invitation the applicant reads when their application is finished.

It is part of the issuing (or rejecting) transition's own notice (app/services/review.py),
so it is written to the Inbox and the e-mail outbox in the transaction that finishes the
application: it is never lost, never sent for a change that did not happen, never sent
twice.
"""

from __future__ import annotations

from ..models import Application
from ..services.notices import public_url
from . import responses, store


def url(application: Application) -> str:
    return public_url(f"/permohonan/{application.uid}/ikm")


def paragraph(application: Application) -> str:
    """The invitation to add to the notice, or "" when there is nothing to invite to."""
    if not responses.is_finished(application) or store.current_version() is None:
        return ""
    return ("\n\nBantu kami meningkatkan layanan: isi Survey Kepuasan Masyarakat (IKM) untuk "
            "permohonan ini (satu kali, sekitar 3 menit) melalui tombol IKM di menu "
            f"Permohonan Saya atau di {url(application)}")
