"""Retention (UU PDP 27/2022: personal data is kept no longer than its purpose needs). One
`purge` for `flask privacy purge` and the outbox worker (daily), driven by configuration:

- RETENTION_DRAFT_DAYS: drafts untouched that long are deleted, with the files only they
  referenced (files no other application uses and not uploaded since the cutoff);
- RETENTION_ABANDONED_ACCOUNT_DAYS: applicant accounts that never submitted an application
  and have not logged in (or, never logged in, were made) that long ago are erased exactly
  like an approved erasure request (app/privacy/requests.py, recorded the same way);
- RETENTION_OUTBOX_DAYS: sent or failed outbox messages (names, texts) older than that go.
- RETENTION_VISITOR_CHAT_DAYS: helpdesk chats of portal visitors (no account: their name,
  contact, texts and attachments) whose last message is older than that go; an applicant's
  chats go with their account.
- RETENTION_VISITOR_COMPLAINT_DAYS: complaints of portal visitors closed that long ago stop
  naming or reaching the person (name, e-mail, phone) and lose their attachments, as an
  applicant's complaints do on erasure: the ticket, its category, texts and dates stay as the
  office's record of its service (the complaint report counts them).
- RETENTION_AUDIT_IP_DAYS: audit-log entries older than that lose their IP address; who did
  what and when stays (the log's purpose), the address is only needed to look into recent
  events. The one change the append-only log allows (app/models/audit.py).

0 switches a rule off. Every run that removed something writes one audit-log entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, exists, func, or_, select, update

from ..extensions import db
from ..models import (
    ApplicantProfile,
    Application,
    ApplicationDocument,
    AuditEntry,
    ChatConversation,
    ChatMessage,
    Complaint,
    ComplaintAttachment,
    OutboxMessage,
    StoredFile,
    User,
    utcnow,
)
from ..models.applications import DRAFT
from ..services import audit
from . import erasure, requests

SYSTEM_NAME = requests.RETENTION_ACTOR


@dataclass
class Purged:
    drafts: int = 0
    files: int = 0
    accounts: int = 0
    outbox: int = 0
    chats: int = 0
    complaints: int = 0
    audit_ips: int = 0
    keys: list = field(default_factory=list, repr=False)

    def counts(self) -> dict:
        return {"drafts": self.drafts, "files": self.files, "accounts": self.accounts,
                "outbox": self.outbox, "chats": self.chats, "complaints": self.complaints,
                "audit_ips": self.audit_ips}


def _cutoff(setting: str):
    days = int(current_app.config.get(setting) or 0)
    return utcnow() - timedelta(days=days) if days > 0 else None


def purge(*, dry_run: bool = False) -> Purged:
    """Applies every retention rule; `dry_run` counts what would go and changes nothing."""
    result = Purged()
    _stale_drafts(result)
    _old_outbox(result)
    _visitor_chats(result)
    _visitor_complaints(result)
    _old_audit_ips(result)
    if dry_run:
        db.session.rollback()
        result.accounts = len(abandoned_accounts())
        return result
    if any(v for k, v in result.counts().items() if k != "accounts"):
        audit.record("privacy.purged", "Retensi data: " + erasure.counts_text(
            {k: v for k, v in result.counts().items() if k != "accounts"}),
            details=result.counts(), system_name=SYSTEM_NAME)
    db.session.commit()
    erasure.discard_files(result.keys)
    for user in abandoned_accounts():
        requests.erase_abandoned(user)
        result.accounts += 1
    return result


def _stale_drafts(result: Purged) -> None:
    cutoff = _cutoff("RETENTION_DRAFT_DAYS")
    if cutoff is None:
        return
    drafts = db.session.scalars(select(Application).where(
        Application.status == DRAFT, Application.updated_at < cutoff)
        .order_by(Application.id)).all()
    for draft in drafts:
        uids = _file_uids(draft)
        owner_id = draft.applicant_id
        db.session.delete(draft)
        db.session.flush()
        _files_only_it_used(owner_id, uids, cutoff, result)
    result.drafts = len(drafts)


def _file_uids(application: Application) -> set[str]:
    """The File Saya uids a draft points at (chosen documents and file answers)."""
    data = application.data or {}
    values = list((data.get("documents") or {}).values())
    values += [v for v in (data.get("details") or {}).values() if isinstance(v, str)]
    return {v for v in values if isinstance(v, str) and v}


def _files_only_it_used(owner_id: int, uids: set[str], cutoff, result: Purged) -> None:
    if not uids:
        return
    still = set()
    for other in db.session.scalars(select(Application).where(
            Application.applicant_id == owner_id, Application.status == DRAFT)):
        still |= _file_uids(other)
    files = db.session.scalars(select(StoredFile).where(
        StoredFile.owner_id == owner_id, StoredFile.uid.in_(uids - still),
        StoredFile.created_at < cutoff,
        StoredFile.id.not_in(select(ApplicationDocument.file_id)))).all()
    for stored in files:
        result.keys.append(stored.storage_key)
        db.session.delete(stored)
    result.files += len(files)


def _old_outbox(result: Purged) -> None:
    cutoff = _cutoff("RETENTION_OUTBOX_DAYS")
    if cutoff is None:
        return
    result.outbox = db.session.execute(delete(OutboxMessage).where(
        OutboxMessage.status.in_(("sent", "failed")), OutboxMessage.created_at < cutoff)
    ).rowcount or 0


def _visitor_chats(result: Purged) -> None:
    """Visitors' conversations past the cutoff, with their attachments (discarded after the
    commit like every other file)."""
    cutoff = _cutoff("RETENTION_VISITOR_CHAT_DAYS")
    if cutoff is None:
        return
    chats = db.session.scalars(select(ChatConversation).where(
        ChatConversation.user_id.is_(None), ChatConversation.last_message_at < cutoff)).all()
    result.keys.extend(db.session.scalars(select(ChatMessage.attachment_key).where(
        ChatMessage.conversation_id.in_([c.id for c in chats]),
        ChatMessage.attachment_key.is_not(None))))
    for chat in chats:
        db.session.delete(chat)
    result.chats = len(chats)


def _visitor_complaints(result: Purged) -> None:
    """Visitors' complaints closed before the cutoff and not yet anonymised: the contact goes
    (the applicant's erasure's placeholder name), the attachments after the commit."""
    cutoff = _cutoff("RETENTION_VISITOR_COMPLAINT_DAYS")
    if cutoff is None:
        return
    ids = list(db.session.scalars(select(Complaint.id).where(
        Complaint.user_id.is_(None), Complaint.closed_at < cutoff,
        Complaint.name != erasure.PLACEHOLDER_NAME)))
    if not ids:
        return
    attached = ComplaintAttachment.complaint_id.in_(ids)
    result.keys.extend(db.session.scalars(select(ComplaintAttachment.storage_key)
                                          .where(attached)))
    db.session.execute(delete(ComplaintAttachment).where(attached))
    db.session.execute(update(Complaint).where(Complaint.id.in_(ids)).values(
        name=erasure.PLACEHOLDER_NAME, email="", phone=""))
    result.complaints = len(ids)


def _old_audit_ips(result: Purged) -> None:
    """A bulk UPDATE, which the ORM's append-only guard on AuditEntry (a flush event) does
    not see: it guards against editing an entry, and this only forgets its address."""
    cutoff = _cutoff("RETENTION_AUDIT_IP_DAYS")
    if cutoff is None:
        return
    result.audit_ips = db.session.execute(
        update(AuditEntry).where(AuditEntry.created_at < cutoff, AuditEntry.ip.is_not(None))
        .values(ip=None).execution_options(synchronize_session=False)).rowcount or 0


def abandoned_accounts(limit: int = 500) -> list[User]:
    """Applicant accounts past the cutoff that never submitted anything (a batch per run)."""
    cutoff = _cutoff("RETENTION_ABANDONED_ACCOUNT_DAYS")
    if cutoff is None:
        return []
    submitted = exists().where(Application.applicant_id == User.id,
                               Application.status != DRAFT)
    last_seen = func.coalesce(User.last_login, User.created_on)
    return list(db.session.scalars(
        select(User).join(ApplicantProfile, ApplicantProfile.user_id == User.id)
        .where(~submitted, last_seen < cutoff,
               or_(User.email.is_(None), ~User.email.like("%@terhapus.invalid")))
        .order_by(User.id).limit(limit)))
