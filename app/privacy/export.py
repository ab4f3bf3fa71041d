"""An applicant's copy of everything held about them (UU PDP 27/2022, right of access): one
zip with data.json (account, profile, applications with their history, files, inbox) and
each of their stored files under files/. Built in a temporary file (files can be large), so
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
from ..models import Application, ApplicationEvent, InboxMessage, StoredFile
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
        "applications": [{**_row(a), "history": history(a)} for a in applications],
        "files": [{**_row(f), "path_in_zip": _file_path(f)} for f in files],
        "inbox": [_row(m) for m in inbox],
        "_files": files,
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
