"""Public verification of an issued permit: `/verifikasi/<token>` is what the QR code on the
certificate opens. No login; rate-limited; the holder's name is partly masked.

It states the permit's status (Berlaku / Dicabut / Kedaluwarsa), the SHA-256 of the signed
PDF as issued, whether the stored PDF is unchanged and its signature validates against this
office's trust roots, and lets anyone upload a copy to check that it is the same document.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import storage
from ..extensions import db, limiter
from ..i18n import N_
from ..models import Application, IssuedPermit
from ..models import applications as states
from ..privacy import masking
from ..services import calendar, issuance
from ..templating import izin_html

bp = Blueprint("verification", __name__)
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
STATUS = {
    "valid": (_l("Berlaku"), "success", "bi-patch-check-fill"),
    "revoked": (_l("Dicabut"), "danger", "bi-x-octagon-fill"),
    "expired": (_l("Kedaluwarsa"), "secondary", "bi-hourglass-bottom"),
    "replaced": (_l("Diganti"), "warning", "bi-arrow-left-right"),
}
# marked Indonesian texts, like verify.py's: a report is kept per process and read by people
# in either language, so the page translates them (the `pesan` filter)
MISSING_FILE = N_("Berkas dokumen izin tidak ditemukan di penyimpanan.")
UNTRUSTED = N_("Tanda tangan tidak terpercaya: sertifikat penandatangan tidak berasal dari "
               "otoritas yang dikonfigurasi.")
BROKEN = N_("Tanda tangan tidak utuh atau tidak sah.")
_reports: dict[tuple, SignatureCheck] = {}
_reports_lock = threading.Lock()


@dataclass(frozen=True)
class SignatureCheck:
    # the stored file still has the SHA-256 recorded at issuance; None: no file to compare
    stored_intact: bool | None
    ok: bool  # intact + valid + trusted + covers the whole file
    signer: str | None
    signed_at: object
    problem: str | None  # a marked Indonesian text (N_), shown through `pesan`


def _find(token: str) -> IssuedPermit | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(IssuedPermit).where(IssuedPermit.token == token))


def signature_check(permit: IssuedPermit) -> SignatureCheck:
    """Validates the stored PDF; the report is kept per process while the stored object (its
    size and version: modification time on disk, ETag on S3) and the trust roots stay the
    same."""
    from ..signing.factory import trust_roots_from_config
    from ..signing.verify import validate_pdf_signature

    roots = trust_roots_from_config(current_app.config)
    if issuance.document_key(permit) is None:  # not produced yet: the worker keeps trying
        return SignatureCheck(None, False, None, None, issuance.MSG_PREPARING)
    backend = storage.current()
    try:
        info = backend.stat(permit.storage_key)
    except (OSError, ValueError):
        info = None
    if info is None:
        return SignatureCheck(None, False, None, None, MISSING_FILE)
    key = (permit.storage_key, permit.sha256, info.size, info.version,
           tuple(hashlib.sha256(r).hexdigest() for r in roots))
    with _reports_lock:
        found = _reports.get(key)
    if found is not None:
        return found
    try:
        pdf = backend.read_bytes(permit.storage_key)
    except (OSError, ValueError):
        return SignatureCheck(None, False, None, None, MISSING_FILE)
    intact = hashlib.sha256(pdf).hexdigest() == permit.sha256
    report = validate_pdf_signature(pdf, roots)
    problem = report.problem
    if problem is None and not report.ok:
        problem = UNTRUSTED if report.intact and report.valid else BROKEN
    found = SignatureCheck(intact, intact and report.ok, report.signer_name, report.signed_at,
                           problem)
    with _reports_lock:
        if len(_reports) > 2048:
            _reports.clear()
        _reports[key] = found
    return found


def _page(permit: IssuedPermit, *, upload: dict | None = None, status_code: int = 200):
    state = permit.status_on(calendar.today())
    label, style, icon = STATUS[state]
    application = permit.application
    return render_template(
        "portal/verification.html", permit=permit, state=state, label=label, style=style,
        icon=icon, holder=masking.mask_name(permit.holder_name),
        # the application's recorded name in the reader's language (Catalogue.recorded_
        # permit_name, through the izin filter); the code when there is no application
        permit_name=izin_html(application) if application else permit.permit_code,
        check=signature_check(permit), upload=upload,
        by_request=state == "revoked" and _revoked_on_request(permit)), status_code


def _revoked_on_request(permit: IssuedPermit) -> bool:
    """Revoked because its holder applied for it (an approved application acting on it that
    issued nothing), rather than by the office on its own."""
    return db.session.scalar(select(Application.id).where(
        Application.subject_permit_id == permit.id, Application.status == states.ISSUED)
        .limit(1)) is not None


def _not_found():
    return render_template("portal/verification_not_found.html"), 404


@bp.get("/verifikasi/<token>")
@limiter.limit("30 per minute")
def show(token: str):
    permit = _find(token)
    if permit is None:
        return _not_found()
    return _page(permit)


@bp.post("/verifikasi/<token>")
@limiter.limit("10 per minute")
def compare(token: str):
    """Is this file the document that was issued? Compares SHA-256 digests; nothing is
    stored."""
    permit = _find(token)
    if permit is None:
        return _not_found()
    upload = request.files.get("berkas")
    if upload is None or not upload.filename:
        return _page(permit, upload={"error": _("Pilih berkas PDF yang ingin dicocokkan.")},
                     status_code=422)
    digest = hashlib.sha256()
    size = 0
    while chunk := upload.stream.read(1024 * 1024):
        size += len(chunk)
        if size > UPLOAD_MAX_BYTES:
            return _page(permit, upload={"error": _("Berkas lebih dari 20 MB; dokumen izin "
                                                    "asli jauh lebih kecil.")}, status_code=422)
        digest.update(chunk)
    found = digest.hexdigest()
    return _page(permit, upload={"name": upload.filename[:200], "sha256": found,
                                 "match": found == permit.sha256})
