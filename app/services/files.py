"""File Saya: uploading, listing, opening and deleting the applicant's own documents.

A file's type is decided by its first bytes as well as its name: a renamed executable is not
a PDF. Uploads are copied to storage in chunks, so a 50 MB file never sits in memory.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO
from urllib.parse import quote

from flask import current_app, g, has_request_context
from sqlalchemy import func, or_, select

from catalogue.file_kinds import FILE_KINDS, accepted_text
from catalogue.file_kinds import KIND_LABELS as KIND_LABELS  # File Saya names kinds by it

from .. import storage
from ..extensions import db
from ..i18n import N_
from ..models import ApplicationDocument, StoredFile
from .errors import DomainError, NotFound
from .ownership import owned

MB = 1024 * 1024
FOLDER = "files"  # storage folder of File Saya uploads
# the accepted kinds (extension -> mime, magic prefixes) and their names live with the
# catalogue, whose check of a requirement's formats reads the same list
INLINE_KINDS = frozenset({"pdf", "jpg", "jpeg", "png", "gif"})
SNIFF_BYTES = 16
# what a message may carry (a complaint's or a chat's attachment): a document or a photo its
# reader opens in the browser; drawings and maps belong to a requirement's slot
MESSAGE_KINDS = ("pdf", "jpg", "jpeg", "png")
# the refusals the upload scripts also give before sending (app/script_texts.py)
MSG_CHOOSE = N_("Pilih berkas yang akan diunggah.")
MSG_FORMAT = N_("Format berkas .{ext} tidak diterima. Gunakan: {formats}.")
MSG_SIZE = N_("Ukuran berkas melebihi batas {limit}.")
MSG_EMPTY = N_("Berkas kosong; pilih berkas yang berisi dokumen.")
MSG_CONTENT = N_("Isi berkas bukan {kind} yang sah (nama berkas tidak sesuai isinya).")


class FileNotFound(NotFound):
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
    return int(float(current_app.config["UPLOAD_MAX_MB"]) * MB)


def mb_text(limit: int) -> str:
    """50 MB, 2,5 MB: the limit as people read it (Indonesian decimal comma)."""
    value = limit / MB
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text} MB"


def human_size(size: int | None, language: str = "id") -> str:
    """Bytes as "820 B", "12,4 KB", "3,1 MB": the Indonesian decimal comma, or the English
    point for an English reader (pass i18n.locale()); the CLI and records keep Indonesian."""
    size = int(size or 0)
    if size < 1024:
        return f"{size} B"
    sign = "." if language == "en" else ","
    for unit in ("KB", "MB", "GB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "GB":
            text = f"{size_f:.1f}".replace(".", sign)
            return f"{text.removesuffix(sign + '0')} {unit}"
        size = size_f
    raise AssertionError("unreachable")


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


def attachment_rules(kinds: Iterable[str] = MESSAGE_KINDS) -> dict:
    """What a form's file field tells before the upload, from the rules store_checked applies
    to it: the kinds as the refusal names them, the browser's accept= list and the limit."""
    kinds = tuple(kinds)
    return {"label": accepted_text(kinds), "accept": ",".join(f".{k}" for k in kinds),
            "max": mb_text(max_bytes())}


def narrowing(allowed: str | Iterable[str] | None, max_mb: str | float | None
              ) -> tuple[tuple[str, ...] | None, int | None]:
    """What a caller (e.g. a requirement's slot) asks for: fewer kinds, a lower limit.

    Unknown kinds are dropped; asking only for unknown kinds, or for a limit that is not a
    positive number, is an error rather than a silent return to the general rules."""
    kinds = None
    if isinstance(allowed, str):
        allowed = [allowed]
    requested = [k.strip().lower().lstrip(".") for item in allowed or ()
                 for k in (item or "").split(",") if k.strip()]
    if requested:
        kinds = tuple(dict.fromkeys(k for k in requested if k in FILE_KINDS))
        if not kinds:
            raise FileRejected("Format berkas yang diminta tidak didukung.", field="file")
    limit = None
    if max_mb not in (None, ""):
        try:
            value = float(max_mb)
        except (TypeError, ValueError):
            value = 0.0
        if not 0 < value < 1e6:
            raise FileRejected("Batas ukuran berkas tidak sah.", field="file")
        limit = int(value * MB)
    return kinds, limit


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


@dataclass(frozen=True)
class Checked:
    """An upload that passed the rules and now sits in storage under `key`."""

    key: str
    ext: str
    mime: str
    size: int
    sha256: str
    original: str


def store_checked(upload: Upload, folder: str, allowed: tuple[str, ...] | None = None,
                  limit: int | None = None) -> Checked:
    """The one upload rule: extension among the accepted kinds, size within the limit, not
    empty, and content that starts as that kind's files do; then stored in `folder`. Used
    by File Saya and by every other upload (e.g. portal banners); the caller records the key
    (storage.discard_unless_committed) and commits.

    `allowed`/`limit` narrow the general rules; they never widen them (unknown kinds are
    ignored, a limit above UPLOAD_MAX_MB is capped)."""
    original = clean_name(PurePath(upload.filename or "").name, "berkas")
    if not upload.filename or upload.stream is None:
        raise FileRejected(MSG_CHOOSE, field="file")
    ext = extension_of(original)
    kinds = tuple(FILE_KINDS) if allowed is None else tuple(
        k for k in (a.lower() for a in allowed) if k in FILE_KINDS)
    if ext not in kinds:
        raise FileRejected(MSG_FORMAT.format(ext=ext or "?", formats=accepted_text(kinds) or "-"),
                           field="file")
    limit = max_bytes() if limit is None else max(0, min(limit, max_bytes()))
    reader = _HashingReader(upload.stream)
    store = storage.current()
    try:
        key, size = store.save_stream(reader, folder, f".{ext}", limit)
    except storage.FileTooLarge as exc:
        raise FileRejected(MSG_SIZE.format(limit=mb_text(limit)), field="file") from exc
    if size == 0:
        store.delete(key)
        raise FileRejected(MSG_EMPTY, field="file")
    if not sniff(reader.head, ext):
        store.delete(key)
        raise FileRejected(MSG_CONTENT.format(kind=ext.upper()), field="file")
    return Checked(key, ext, FILE_KINDS[ext][0], size, reader.sha.hexdigest(), original)


def save_upload(owner_id: int, upload: Upload, name: str = "",
                allowed: tuple[str, ...] | None = None, limit: int | None = None) -> StoredFile:
    """A File Saya upload: checked and stored (store_checked), then its row, committed
    (docs/architecture.md, "Transactions"); a refused file leaves nothing behind."""
    checked = store_checked(upload, FOLDER, allowed, limit)
    stored = StoredFile(
        uid=secrets.token_urlsafe(16), owner_id=owner_id,
        name=clean_name(name, PurePath(checked.original).stem or checked.original),
        original_filename=checked.original, ext=checked.ext, mime=checked.mime,
        size=checked.size, sha256=checked.sha256,
        storage_key=storage.discard_unless_committed(checked.key),
    )
    db.session.add(stored)
    _forget_form_files(owner_id)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()  # the stored object goes with it (discard_unless_committed)
        raise
    return stored


def get_owned(owner_id: int, uid: str) -> StoredFile:
    """The same answer for "not yours" and "does not exist", so ids reveal nothing."""
    return owned(StoredFile.uid, uid, StoredFile.owner_id, owner_id,
                 FileNotFound("Berkas tidak ditemukan."))


def search_owned(owner_id: int, query: str = ""):
    """The owner's files, newest first; `query` matches the name or the original file name
    (as typed: % and _ are not wildcards)."""
    stmt = select(StoredFile).where(StoredFile.owner_id == owner_id)
    if query.strip():
        needle = query.strip().lower()
        stmt = stmt.where(or_(
            func.lower(StoredFile.name).contains(needle, autoescape=True),
            func.lower(StoredFile.original_filename).contains(needle, autoescape=True)))
    return stmt.order_by(StoredFile.created_at.desc(), StoredFile.id.desc())


def form_files(owner_id: int) -> dict[str, dict]:
    """The applicant's files in the shape forms_schema's FormContext.files expects, with
    each file's row id (attaching a chosen file to a submission needs no second read).

    Read once per request: validating and submitting a wizard step asks several times
    (form context, document checks, attaching); saving or deleting a file forgets it."""
    memo = g.setdefault("form_files", {}) if has_request_context() else {}
    if owner_id not in memo:
        from .calendar import local_date

        rows = db.session.scalars(select(StoredFile).where(StoredFile.owner_id == owner_id)
                                  .order_by(StoredFile.created_at.desc(), StoredFile.id.desc()))
        # the upload date (dd/mm/yyyy) tells apart files with the same name in a picker
        memo[owner_id] = {f.uid: {**f.as_form_file(), "id": f.id,
                                  "uploaded": f"{local_date(f.created_at):%d/%m/%Y}"}
                          for f in rows}
    return memo[owner_id]


def _forget_form_files(owner_id: int) -> None:
    if has_request_context():
        g.get("form_files", {}).pop(owner_id, None)


def is_used(file: StoredFile) -> bool:
    return db.session.scalar(
        select(func.count(ApplicationDocument.id)).where(ApplicationDocument.file_id == file.id)
    ) > 0


def used_ids(file_ids: Iterable[int]) -> set[int]:
    """Which of these files a submitted application uses (one query for a whole page)."""
    ids = list(file_ids)
    if not ids:
        return set()
    return set(db.session.scalars(select(ApplicationDocument.file_id).where(
        ApplicationDocument.file_id.in_(ids)).distinct()))


def delete_owned(owner_id: int, uid: str) -> None:
    file = get_owned(owner_id, uid)
    if is_used(file):
        raise FileInUse("Berkas ini dipakai oleh permohonan yang sudah dikirim dan tidak dapat "
                        "dihapus.")
    key = file.storage_key
    db.session.delete(file)
    _forget_form_files(owner_id)
    db.session.commit()
    storage.discard(key)


# opening and downloading ---------------------------------------------------------------
def download_name(file: StoredFile) -> str:
    """The display name with its extension, as the browser should save it."""
    suffix = f".{file.ext}"
    return file.name if file.name.lower().endswith(suffix) else file.name + suffix


def _ascii(text: str) -> str:
    """Accents folded away, anything outside printable ASCII (and " \\ ; %) replaced."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;%' else "_"
                            for ch in folded).split())


def content_disposition(filename: str, *, inline: bool) -> str:
    """A header value that cannot be broken out of: an ASCII fallback in quotes (no quote,
    backslash or control characters) and the exact name as RFC 5987 `filename*`."""
    filename = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C")
    suffix = PurePath(filename).suffix
    suffix = suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix) else ""
    ascii_name = (_ascii(filename[: len(filename) - len(suffix)]) or "berkas") + suffix
    kind = "inline" if inline else "attachment"
    value = f'{kind}; filename="{ascii_name}"'
    if ascii_name != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return value


def shows_inline(file: StoredFile) -> bool:
    return file.ext in INLINE_KINDS


def content(file: StoredFile) -> Iterable[bytes]:
    """The stored bytes in chunks (opened now, read as the response is sent); a row whose
    bytes are gone reads as not found."""
    try:
        return storage.current().iter_chunks(file.storage_key)
    except (storage.ObjectMissing, storage.InvalidKey) as exc:
        raise FileNotFound("Isi berkas tidak ditemukan di penyimpanan.") from exc
