"""The survey invitation the applicant reads when their application is finished.

It is part of the issuing (or rejecting) transition's own notice (app/services/review.py),
so it is written to the Inbox and the e-mail outbox in the transaction that finishes the
application: it is never lost, never sent for a change that did not happen, never sent
twice.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..models import Application
from ..services.notices import public_url
from . import responses, store


def url(application: Application) -> str:
    return public_url(f"/permohonan/{application.uid}/ikm")


def parts(application: Application) -> tuple:
    """The invitation as a paragraph of the notice, or nothing when there is nothing to invite
    to (its %(survey_url)s comes from `values`)."""
    if not responses.is_finished(application) or store.current_version() is None:
        return ()
    return (_l("Bantu kami meningkatkan layanan: isi Survey Kepuasan Masyarakat (IKM) untuk "
               "permohonan ini (satu kali, sekitar 3 menit) melalui tombol IKM di menu "
               "Permohonan Saya atau di %(survey_url)s"),)


def values(application: Application) -> dict:
    return {"survey_url": url(application)}
