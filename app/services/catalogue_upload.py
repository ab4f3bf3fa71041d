"""Uploading a catalogue in the console: a workbook (.xlsx) or a .zip of the JSON folder.

An upload is checked by its content (both are zip archives: the magic bytes, then what the
archive holds), size-limited, read and validated whole. A valid upload is staged server-side
(storage, keyed in the uploader's session) so "Terbitkan" publishes exactly the content that
was previewed; nothing the browser posts back is ever taken as catalogue content.
"""

from __future__ import annotations

import base64
import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from flask import current_app

import catalogue as cat_lib

from .. import storage
from ..i18n import N_
from ..models import CatalogueVersion
from . import catalogue_store as store
from .errors import DomainError

MSG_BROKEN = N_("Berkas rusak: isinya tidak dapat dibuka sebagai .xlsx atau .zip.")
MSG_NOTHING_STAGED = N_("Tidak ada unggahan yang menunggu diterbitkan. Unggah lagi.")
MSG_SAME_AS = N_("Isi berkas sama persis dengan versi {number}; tidak ada yang perlu "
                 "diterbitkan.")
MSG_TOO_BIG = N_("Berkas terlalu besar. Ukuran maksimal {limit} MB.")
MSG_UNSAFE_NAME = N_("Arsip berisi nama berkas yang tidak aman ({name}).")

log = logging.getLogger(__name__)
MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
STAGING = "catalogue-staging"
STAGING_HOURS = 24
MAX_ENTRIES = 5000
EXPANSION = 20  # an archive may unpack to at most this many times the upload limit


class UploadRefused(DomainError):
    """The file cannot be read as a catalogue at all (wrong kind, corrupt, too big)."""


class StagedMissing(DomainError):
    pass


class StagedOutdated(DomainError):
    pass


@dataclass(frozen=True)
class Staged:
    key: str
    name: str
    kind: str
    digest: str
    user_id: int | None
    data: dict
    assets: dict[str, bytes]

    def catalogue(self) -> cat_lib.Catalogue:
        return cat_lib.Catalogue(self.data)


@dataclass(frozen=True)
class UploadReport:
    name: str
    kind: str
    issues: list[cat_lib.CatalogueIssue]
    staged: Staged | None
    # False when the file could not be read as a catalogue at all: the content checks
    # (references, routings, forms) could not run, so fixing these issues may show others
    checked: bool = True


def max_bytes() -> int:
    return int(float(current_app.config.get("CATALOGUE_UPLOAD_MAX_MB", 20)) * MB)


def display_name(filename: str | None) -> str:
    name = PurePosixPath((filename or "").replace("\\", "/")).name.strip()
    return "".join(ch for ch in name if ch.isprintable())[:120] or "unggahan"


def receive(stream: BinaryIO, filename: str | None, user_id: int | None) -> UploadReport:
    """Reads, checks and validates an upload; stages it when it has no issue at all."""
    name = display_name(filename)
    _sweep()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "upload.bin"
        _copy_limited(stream, raw)
        kind = _sniff(raw)
        source = Path(tmp) / "src"
        source.mkdir()
        if kind == "xlsx":
            target = source / (Path(name).stem[:80] + ".xlsx" if name else "katalog.xlsx")
            shutil.move(raw, target)
        else:
            target = _extract(raw, source)
        try:
            data, issues, assets = store.read_source(target)
        except DomainError:
            raise
        except Exception as exc:  # a crafted file may break the reader in unforeseen ways
            log.warning("catalogue upload %r unreadable: %r", name, exc)
            raise UploadRefused(N_(
                "Berkas tidak dapat dibaca sebagai katalog. Pastikan berkas tidak rusak dan "
                "dibuat dari templat katalog.")) from exc
    if issues or not data:
        if not issues:
            issues = [cat_lib.CatalogueIssue(name, None, None, "Berkas tidak berisi katalog.")]
        return UploadReport(name, kind, list(issues), None, checked=bool(data))
    cat = cat_lib.Catalogue(data)
    current = store.current_version()
    if current is not None and current.digest == cat.digest() \
            and store.assets_of(current) == assets:
        raise UploadRefused(MSG_SAME_AS.format(number=current.number))
    return UploadReport(name, kind, [], _stage(name, kind, cat, assets, user_id))


def _copy_limited(stream: BinaryIO, target: Path) -> None:
    limit = max_bytes()
    size = 0
    with open(target, "wb") as out:
        while chunk := stream.read(MB):
            size += len(chunk)
            if size > limit:
                raise UploadRefused(MSG_TOO_BIG.format(limit=f"{limit / MB:g}"))
            out.write(chunk)
    if size == 0:
        raise UploadRefused(N_("Berkas kosong. Pilih workbook .xlsx atau arsip .zip katalog."))


def _sniff(path: Path) -> str:
    """'xlsx' or 'zip' from the content, whatever the file is called."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise UploadRefused(N_("Format Excel lama (.xls) tidak didukung. Buka berkasnya di Excel "
                               "lalu simpan sebagai Excel Workbook (.xlsx)."))
    if not head.startswith(ZIP_MAGIC):
        raise UploadRefused(N_("Berkas bukan workbook Excel (.xlsx) atau arsip .zip. Unggah "
                               "workbook katalog atau folder JSON katalog yang dikompres .zip."))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadRefused(MSG_BROKEN) from exc
    if bad is not None:
        raise UploadRefused(N_("Berkas rusak: sebagian isinya tidak dapat dibaca."))
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > max_bytes() * EXPANSION:
        raise UploadRefused(N_("Isi arsip terlalu besar untuk sebuah katalog."))
    if any(i.flag_bits & 0x1 for i in infos):
        raise UploadRefused(N_("Berkas terenkripsi atau dilindungi kata sandi. Simpan tanpa "
                               "kata sandi lalu unggah lagi."))
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.lower().endswith(".json") for n in names):
        return "zip"
    raise UploadRefused(N_("Arsip .zip tidak berisi katalog JSON (agencies.json, permits/, ...) "
                           "dan bukan workbook Excel."))


def _extract(path: Path, target: Path) -> Path:
    """Unpacks the JSON folder safely and returns the folder holding agencies.json."""
    root = target.resolve()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            if info.is_dir() or not parts or parts[0] == "__MACOSX" \
                    or parts[-1].startswith("."):
                continue
            if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                raise UploadRefused(MSG_UNSAFE_NAME.format(name=display_name(info.filename)))
            out = (root / Path(*parts)).resolve()
            if root not in out.parents:
                raise UploadRefused(N_("Arsip berisi nama berkas yang tidak aman."))
            out.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
    found = sorted(root.rglob("agencies.json"), key=lambda p: len(p.parts))
    if not found:
        raise UploadRefused(N_("Arsip .zip tidak memuat agencies.json. Kompres folder katalog "
                               "JSON (agencies.json, sectors.json, permits/, routings/, ...)."))
    return found[0].parent


def _stage(name: str, kind: str, cat: cat_lib.Catalogue, assets: dict[str, bytes],
           user_id: int | None) -> Staged:
    bundle = {
        "name": name, "kind": kind, "digest": cat.digest(), "user_id": user_id,
        "data": cat.to_dict(),
        "assets": {p: base64.b64encode(c).decode("ascii") for p, c in assets.items()},
    }
    key = storage.current().save_bytes(json.dumps(bundle, ensure_ascii=False).encode("utf-8"),
                                       STAGING, ".json")
    return Staged(key, name, kind, cat.digest(), user_id, cat.to_dict(), dict(assets))


def load(key: str | None, user_id: int | None) -> Staged:
    """The staged upload of this user; StagedMissing when gone (published, cancelled, old)."""
    if not key or not key.startswith(STAGING + "/"):
        raise StagedMissing(MSG_NOTHING_STAGED)
    try:
        bundle = json.loads(storage.current().read_bytes(key))
    except (OSError, ValueError) as exc:
        raise StagedMissing(N_("Unggahan sudah tidak tersedia (kedaluwarsa atau sudah "
                               "diterbitkan). Unggah lagi.")) from exc
    if bundle.get("user_id") != user_id:
        raise StagedMissing(MSG_NOTHING_STAGED)
    assets = {p: base64.b64decode(c) for p, c in bundle["assets"].items()}
    return Staged(key, bundle["name"], bundle["kind"], bundle["digest"], user_id,
                  bundle["data"], assets)


def preview(staged: Staged) -> cat_lib.CatalogueDiff:
    return store.preview(staged.data)


def publish(key: str | None, user_id: int | None, *, digest: str, base: str,
            note: str = "") -> CatalogueVersion:
    """Publishes the staged content, but only the content and base the admin was shown."""
    staged = load(key, user_id)
    if digest != staged.digest:
        raise StagedOutdated(N_("Isi yang akan diterbitkan berbeda dengan pratinjau (mungkin ada "
                                "unggahan lain di tab lain). Periksa pratinjau terbaru."))
    current = store.current_version()
    if base != str(current.number if current else 0):
        raise StagedOutdated(N_("Sementara Anda memeriksa, versi katalog lain telah diterbitkan. "
                                "Periksa lagi perbedaannya dengan versi terkini sebelum "
                                "menerbitkan."))
    version = store.publish(staged.data, staged.assets, source=f"unggah {staged.name}",
                            note=note, user_id=user_id)
    storage.discard(staged.key)
    return version


def discard(key: str | None) -> None:
    if key and key.startswith(STAGING + "/"):
        storage.discard(key)


def _sweep() -> None:
    """Staged uploads nobody published or cancelled are removed after a day (`flask storage
    cleanup` applies the same lifetime)."""
    cutoff = datetime.now(UTC) - timedelta(hours=STAGING_HOURS)
    backend = storage.current()
    try:
        for info in list(backend.list(STAGING + "/")):
            if info.modified < cutoff:
                backend.delete(info.key)
    except OSError:
        log.warning("staged catalogue uploads not swept", exc_info=True)
