"""An applicant's copy of everything held about them (UU PDP 27/2022, right of access): one
zip with data.json (account, profile, the privacy consent, applications with their history,
files, inbox, complaints, helpdesk chats, survey answers, requests about their data) and each
of their stored files under files/. Built in a temporary file (files can be large), so
memory stays flat; the caller streams it and closes it."""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import date, datetime
from typing import IO

from sqlalchemy import inspect, select

from .. import storage
from ..extensions import db
from ..models import (
    Application,
    ApplicationEvent,
    ChatConversation,
    ChatMessage,
    Complaint,
    InboxMessage,
    PrivacyRequest,
    StoredFile,
    SurveyResponse,
)
from ..services import chat_notes
from ..services.users import profile_of

_SKIP = frozenset({"id", "user_id", "owner_id", "applicant_id", "storage_key", "photo_key",
                   "submit_key", "lock_version", "application_id", "actor_id"})


def _row(obj) -> dict:
    """The row's own columns, minus internal keys that mean nothing outside the database."""
    return {c.key: getattr(obj, c.key) for c in inspect(obj).mapper.column_attrs
            if c.key not in _SKIP}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _file_path(stored: StoredFile) -> str:
    return f"files/{stored.uid}.{stored.ext}"


def collect(user) -> dict:
    """The data part of the export, as plain JSON-able values."""
    profile = profile_of(user)
    applications = db.session.scalars(select(Application).where(
        Application.applicant_id == user.id).order_by(Application.id)).all()
    files = db.session.scalars(select(StoredFile).where(
        StoredFile.owner_id == user.id).order_by(StoredFile.id)).all()
    inbox = db.session.scalars(select(InboxMessage).where(
        InboxMessage.user_id == user.id).order_by(InboxMessage.id)).all()

    def history(application):
        events = db.session.scalars(select(ApplicationEvent).where(
            ApplicationEvent.application_id == application.id).order_by(ApplicationEvent.id))
        return [_row(e) for e in events]

    return {
        "account": {"email": user.email, "username": user.username,
                    "created_on": user.created_on, "last_login": user.last_login},
        "profile": _row(profile) if profile else None,
        "privacy_consent": _consent(profile),
        "applications": [{**_row(a), "history": history(a)} for a in applications],
        "files": [{**_row(f), "path_in_zip": _file_path(f)} for f in files],
        "inbox": [_row(m) for m in inbox],
        **_exchanges(user.id),
        "_files": files,
    }


def _consent(profile) -> dict | None:
    """The privacy notice the person accepted at registration, and when; both null when no
    consent was recorded (an account not made by registering, or made before it was)."""
    if profile is None:
        return None
    return {"accepted_at": profile.privacy_consent_at,
            "notice_version": profile.privacy_notice_version}


def _exchanges(user_id: int) -> dict:
    """What the person wrote to the office and got back, as they saw it on their pages:
    complaints without the staff's internal notes, chats, survey answers (linked to the
    account until it is erased), their requests about their data."""
    complaints = db.session.scalars(select(Complaint).where(
        Complaint.user_id == user_id).order_by(Complaint.id)).all()
    chats = db.session.scalars(select(ChatConversation).where(
        ChatConversation.user_id == user_id).order_by(ChatConversation.id)).all()

    def thread(complaint):
        return [{"kind": m.kind, "body": m.body, "created_at": m.created_at}
                for m in complaint.messages if m.kind != "note"]

    def chat_messages(chat):
        rows = db.session.scalars(select(ChatMessage).where(
            ChatMessage.conversation_id == chat.id).order_by(ChatMessage.id))
        return [{"sender": m.sender, "body": chat_notes.text(m, "id", staff_view=False),
                 "attachment": m.attachment_name, "created_at": m.created_at} for m in rows]

    return {
        "complaints": [{"ticket": c.ticket, "status": c.status, "name": c.name,
                        "email": c.email, "phone": c.phone, "body": c.body,
                        "created_at": c.created_at, "closed_at": c.closed_at,
                        "attachments": [a.name for a in c.attachments],
                        "messages": thread(c)} for c in complaints],
        "chats": [{"status": c.status, "created_at": c.created_at,
                   "messages": chat_messages(c)} for c in chats],
        "survey_responses": [
            {"answers": r.answers, "suggestion": r.suggestion, "submitted_at": r.submitted_at}
            for r in db.session.scalars(select(SurveyResponse).where(
                SurveyResponse.user_id == user_id).order_by(SurveyResponse.id))],
        "privacy_requests": [
            {"kind": r.kind, "status": r.status, "reason": r.reason,
             "requested_at": r.requested_at, "handled_at": r.handled_at,
             "note": r.handler_note}
            for r in db.session.scalars(select(PrivacyRequest).where(
                PrivacyRequest.user_id == user_id).order_by(PrivacyRequest.id))],
    }


def build_zip(user) -> IO[bytes]:
    """The zip, rewound, in a temporary file the caller closes; a stored file whose bytes are
    gone is listed in data.json as missing rather than failing the whole export."""
    data = collect(user)
    files = data.pop("_files")
    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    backend = storage.current()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for stored, entry in zip(files, data["files"], strict=True):
            try:
                chunks = backend.iter_chunks(stored.storage_key)
                with archive.open(_file_path(stored), "w") as target:
                    for chunk in chunks:
                        target.write(chunk)
            except (storage.ObjectMissing, storage.InvalidKey):
                entry["missing"] = True
        archive.writestr("data.json", json.dumps(data, default=_plain, ensure_ascii=False,
                                                 indent=2))
    out.seek(0)
    return out
