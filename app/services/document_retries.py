"""A permit document that could not be produced: tried again later, less and less often, and
the office told once when it keeps failing.

The permit is issued (its number, its row) in the signing official's transaction; its PDF is
printed right after (issuance.produce_document). When that fails (above all a catalogue
certificate template too heavy for the hard limits of documents/bounded.py), the outbox
worker, the applicant's download and the public verification page try again. A template that
is always too heavy would then be printed, up to 2 x TEMPLATE_MAX_SECONDS + 1 s of a child
process each time, on every pass and every click, forever, and nobody would know.

So each failure is counted per permit with the login delays' growing wait (security/throttle:
one UPDATE, so two workers failing at once both count; the key is an HMAC, so the table
holds no permit number): DOCUMENT_RETRY_SECONDS after the first, doubling up to
DOCUMENT_RETRY_MAX_SECONDS. Until it is due again nobody renders it; the applicant reads
that the document is being prepared, as before. After DOCUMENT_FAILURES_BEFORE_NOTICE
failures the office is told once: an audit log entry, and an e-mail to every active staff
member whose role opens the catalogue screens (who can fix a template or ask for the limits
to be raised), with the reason in the reader's language and no personal data (the permit's
number and type, never its holder). A success clears the count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from flask_appbuilder.security.sqla.models import PermissionView, Role, User, ViewMenu
from sqlalchemy import select

from .. import i18n
from ..extensions import db
from ..i18n import N_
from ..models import AuditEntry, IssuedPermit, full_name
from ..notify import enqueue_email
from ..security import throttle
from ..security.roles import SCREEN_CATALOGUE
from . import audit
from .errors import DomainError
from .notices import permit_name_for_email

NOTICE_KIND = "application.document_failed"
SUBJECT = N_("Dokumen izin tidak dapat dibuat")
SUMMARY = N_("Dokumen izin nomor {number} ({code}) belum dapat dibuat setelah {count} kali "
             "percobaan: {reason}")
# a failure that is not a refusal in the admin's words: its text may hold anything (a path,
# a holder's name in a signing error), so only its kind is told
MSG_UNEXPECTED = N_("kesalahan tak terduga ({kind}); rinciannya ada di log aplikasi.")


def policy() -> throttle.Policy:
    """Free: none (the first failure already waits DOCUMENT_RETRY_SECONDS)."""
    config = current_app.config
    return throttle.Policy("document", 1, config["DOCUMENT_RETRY_SECONDS"],
                           config["DOCUMENT_RETRY_MAX_SECONDS"], timedelta(days=30))


def _key(permit_id: int) -> str:
    return f"permit:{permit_id}"


def due(permit_id: int) -> bool:
    """Whether the permit's document may be tried now (never failed, or its wait is over)."""
    return throttle.wait_seconds(policy(), _key(permit_id)) == 0


def attempt(permit_id: int, produce: Callable[[int], object]) -> bool:
    """`produce(permit_id)` when the permit is due; True when it ran without failing. A
    failure is logged (without the holder), rolled back, counted, and told once when it is
    the DOCUMENT_FAILURES_BEFORE_NOTICE-th in a row."""
    if not due(permit_id):
        return False
    try:
        produce(permit_id)
    except Exception as exc:  # one broken template must not stop anything else
        db.session.rollback()
        current_app.logger.exception("permit %s: document not produced", permit_id)
        _failed(permit_id, exc)
        return False
    throttle.succeeded(policy(), _key(permit_id))
    db.session.commit()
    return True


def purge_settled() -> int:
    """Rows no longer in force (throttle.kept_for, the policy's month) whose permit has its
    document by now: a permit still without one keeps its row however old, so its wait and
    its count go on across the purge (the office is told once either way: tell_office asks
    the audit log). The caller commits."""
    from .issuance import without_document

    return throttle.purge(policy(), keep=[_key(permit_id) for permit_id in without_document()])


def reason_of(exc: Exception) -> str:
    """The failure in the admin's words (a marked Indonesian text), else only its kind."""
    if isinstance(exc, DomainError) and exc.message:
        return exc.message
    return MSG_UNEXPECTED.format(kind=type(exc).__name__)


def _failed(permit_id: int, exc: Exception) -> None:
    failures = throttle.failed(policy(), _key(permit_id))
    if failures == current_app.config["DOCUMENT_FAILURES_BEFORE_NOTICE"]:
        issued = db.session.get(IssuedPermit, permit_id)
        if issued is not None:
            tell_office(issued, failures, reason_of(exc))
    db.session.commit()


def catalogue_admins() -> list[User]:
    """Active staff whose role opens the catalogue screens (roles are data: asked of FAB's
    permission tables, not named)."""
    roles = select(Role.id).join(Role.permissions).join(PermissionView.view_menu).where(
        ViewMenu.name == SCREEN_CATALOGUE)
    return list(db.session.scalars(
        select(User).where(User.active.is_(True), User.roles.any(Role.id.in_(roles)))
        .order_by(User.id)))


def tell_office(issued: IssuedPermit, failures: int, reason: str) -> None:
    """The audit entry and the e-mails, in the caller's transaction; once per permit (a
    streak that starts again after a month does not tell again)."""
    subject = f"{issued.number} ({issued.permit_code})"
    if db.session.scalar(select(AuditEntry.id).where(AuditEntry.kind == NOTICE_KIND,
                                                     AuditEntry.subject == subject).limit(1)):
        return
    values = {"number": issued.number, "code": issued.permit_code, "count": failures}
    audit.record(NOTICE_KIND, SUMMARY.format(reason=reason, **values), subject=subject,
                 details={"permit_id": issued.id, "failures": failures, "reason": reason})
    for admin in catalogue_admins():
        enqueue_email(admin.email, SUBJECT, "mail/document_failed.txt",
                      key=f"permit{issued.id}:document-failed:{admin.id}",
                      name=full_name(admin),
                      permit=permit_name_for_email(issued.application),
                      reason=i18n.InLanguage(lambda lang: i18n.marked_in(reason, lang)),
                      **values)
