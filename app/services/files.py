"""File Saya: uploading, listing, opening and deleting the applicant's own documents.

A file's type is decided by its first bytes as well as its name: a renamed executable is not
a PDF. Uploads are copied to storage in chunks, so a 50 MB file never sits in memory.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from flask import current_app
from sqlalchemy import func, or_, select

from .. import storage
from ..extensions import db
from ..models import ApplicationDocument, StoredFile
from .errors import DomainError

# extension -> (mime type, magic prefixes the content must start with)
FILE_KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    # AutoCAD drawings start with their format version: AC1012 (R13) .. AC1032 (2018+)
    "dwg": ("image/vnd.dwg", tuple(f"AC10{n:02d}".encode() for n in range(12, 40))),
}
SNIFF_BYTES = 16


class FileNotFound(DomainError):
    pass


class FileRejected(DomainError):
    pass


class FileInUse(DomainError):
    pass


@dataclass(frozen=True)
class Upload:
    stream: BinaryIO
    filename: str


def max_bytes() -> int:
    return int(current_app.config["UPLOAD_MAX_MB"]) * 1024 * 1024


def extension_of(filename: str) -> str:
    return PurePath(filename or "").suffix.lower().lstrip(".")


def clean_name(text: str, fallback: str) -> str:
    """A display name without control characters or path parts, at most 200 characters."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r"[\\/]+", " ", text).strip()
    return (text or fallback)[:200]


def sniff(head: bytes, ext: str) -> bool:
    _mime, prefixes = FILE_KINDS[ext]
    return any(head.startswith(prefix) for prefix in prefixes)


class _HashingReader:
    """Wraps the upload stream: hashes and keeps the first bytes while storage copies it."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.sha = hashlib.sha256()
        self.head = b""

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        if len(self.head) < SNIFF_BYTES:
            self.head += chunk[: SNIFF_BYTES - len(self.head)]
        self.sha.update(chunk)
        return chunk


def save_upload(owner_id: int, upload: Upload, name: str = "",
                allowed: tuple[str, ...] | None = None, limit: int | None = None) -> StoredFile:
    """Checks extension, size and content, then stores. The caller commits.

    `allowed`/`limit` narrow the general rules for one requirement's slot."""
    original = clean_name(PurePath(upload.filename or "").name, "berkas")
    ext = extension_of(original)
    kinds = allowed or tuple(FILE_KINDS)
    if ext not in FILE_KINDS or ext not in kinds:
        raise FileRejected(
            f"Format berkas .{ext or '?'} tidak diterima. Gunakan: "
            f"{', '.join(k.upper() for k in kinds)}.", field="file")
    limit = min(limit or max_bytes(), max_bytes())
    reader = _HashingReader(upload.stream)
    try:
        key, size = storage.save_stream(reader, "files", f".{ext}", limit)
    except storage.FileTooLarge as exc:
        raise FileRejected(f"Ukuran berkas melebihi batas {limit // (1024 * 1024)} MB.",
                           field="file") from exc
    if size == 0:
        storage.delete(key)
        raise FileRejected("Berkas kosong; pilih berkas yang berisi dokumen.", field="file")
    if not sniff(reader.head, ext):
        storage.delete(key)
        raise FileRejected(
            f"Isi berkas bukan {ext.upper()} yang sah (nama berkas tidak sesuai isinya).",
            field="file")
    stored = StoredFile(
        uid=secrets.token_urlsafe(16), owner_id=owner_id,
        name=clean_name(name, PurePath(original).stem or original), original_filename=original,
        ext=ext, mime=FILE_KINDS[ext][0], size=size, sha256=reader.sha.hexdigest(),
        storage_key=key,
    )
    db.session.add(stored)
    return stored


def get_owned(owner_id: int, uid: str) -> StoredFile:
    """The same answer for "not yours" and "does not exist", so ids reveal nothing."""
    found = db.session.scalar(
        select(StoredFile).where(StoredFile.uid == uid, StoredFile.owner_id == owner_id))
    if found is None:
        raise FileNotFound("Berkas tidak ditemukan.")
    return found


def search_owned(owner_id: int, query: str = ""):
    stmt = select(StoredFile).where(StoredFile.owner_id == owner_id)
    if query.strip():
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(StoredFile.name).like(like),
                              func.lower(StoredFile.original_filename).like(like)))
    return stmt.order_by(StoredFile.created_at.desc(), StoredFile.id.desc())


def form_files(owner_id: int) -> dict[str, dict]:
    """The applicant's files in the shape forms_schema's FormContext.files expects."""
    rows = db.session.scalars(select(StoredFile).where(StoredFile.owner_id == owner_id))
    return {f.uid: f.as_form_file() for f in rows}


def is_used(file: StoredFile) -> bool:
    return db.session.scalar(
        select(func.count(ApplicationDocument.id)).where(ApplicationDocument.file_id == file.id)
    ) > 0


def delete_owned(owner_id: int, uid: str) -> None:
    file = get_owned(owner_id, uid)
    if is_used(file):
        raise FileInUse("Berkas ini dipakai oleh permohonan yang sudah dikirim dan tidak dapat "
                        "dihapus.")
    key = file.storage_key
    db.session.delete(file)
    db.session.commit()
    storage.delete(key)
