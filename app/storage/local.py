"""Local disk storage (the default): a directory outside the web root (UPLOAD_DIR).

A write goes to a temporary file in the key's own directory, is flushed and fsynced, then
renamed onto the key with os.replace: a reader sees the old object, the whole new one, or
none, never half a file. Files are created 0600 and directories 0700, so only the service
account reads them. Keys are resolved under the root; anything escaping it is refused.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from .base import (
    ChunkStream,
    InvalidKey,
    ObjectInfo,
    ObjectMissing,
    Storage,
    check_key,
    check_prefix,
    copy_limited,
)

PARTIAL_PREFIX = ".partial-"  # temporary names: hidden, never a valid key
DIR_MODE = 0o700


class LocalStorage(Storage):
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        check_key(key)
        path = (self.root / key).resolve()
        if self.root not in path.parents:
            raise InvalidKey("invalid storage key")
        return path

    def _make_dirs(self, folder: Path) -> None:
        """Creates the missing directories from the root down, each 0700."""
        missing = []
        while not folder.is_dir():
            missing.append(folder)
            if folder == folder.parent:
                break
            folder = folder.parent
        for path in reversed(missing):
            try:
                path.mkdir(mode=DIR_MODE)
            except FileExistsError:
                continue  # another writer made it first
            path.chmod(DIR_MODE)

    def put_stream(self, key: str, stream: BinaryIO, max_bytes: int | None) -> int:
        path = self._path(key)
        self._make_dirs(path.parent)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=PARTIAL_PREFIX)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as out:
                size = copy_limited(stream, out.write, max_bytes, self.chunk_size)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _fsync_dir(path.parent)  # the rename itself survives a power cut
        return size

    def open(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise ObjectMissing(key) from exc

    def iter_chunks(self, key: str) -> ChunkStream:
        handle = self.open(key)
        size = self.chunk_size
        return ChunkStream(iter(lambda: handle.read(size), b""), handle.close)

    def stat(self, key: str) -> ObjectInfo | None:
        try:
            found = self._path(key).stat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        if not _is_file(found):
            return None
        return _info(key, found)

    def delete(self, key: str | None) -> None:
        if key:
            self._path(key).unlink(missing_ok=True)

    def list(self, prefix: str) -> Iterator[ObjectInfo]:
        for key, found in self._walk(prefix):
            if not key.rpartition("/")[2].startswith(PARTIAL_PREFIX):
                yield _info(key, found)

    def list_incomplete(self, prefix: str) -> Iterator[ObjectInfo]:
        """Temporary files left by a process killed mid-write (their key is their own
        relative path, which is not a valid object key)."""
        for key, found in self._walk(prefix):
            if key.rpartition("/")[2].startswith(PARTIAL_PREFIX):
                yield ObjectInfo(key, found.st_size, _mtime(found), key)

    def discard_incomplete(self, info: ObjectInfo) -> None:
        path = (self.root / info.version).resolve()
        if self.root not in path.parents or not path.name.startswith(PARTIAL_PREFIX):
            raise InvalidKey("not a temporary file of this storage")
        path.unlink(missing_ok=True)

    def _walk(self, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
        """(key, stat) of every file under the prefix, in key order."""
        check_prefix(prefix)
        start = self.root / prefix.rpartition("/")[0]
        if not start.is_dir():
            return
        for folder, dirs, files in os.walk(start):
            dirs.sort()
            base = Path(folder).relative_to(self.root).as_posix()
            for name in sorted(files):
                key = name if base == "." else f"{base}/{name}"
                if not key.startswith(prefix):
                    continue
                try:
                    found = os.stat(os.path.join(folder, name))
                except FileNotFoundError:
                    continue  # deleted while listing
                if _is_file(found):
                    yield key, found


def _is_file(found: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(found.st_mode)


def _mtime(found: os.stat_result) -> datetime:
    return datetime.fromtimestamp(found.st_mtime, UTC)


def _info(key: str, found: os.stat_result) -> ObjectInfo:
    version = f"{found.st_ino}-{found.st_mtime_ns}-{found.st_size}"  # a rewrite is a new inode
    return ObjectInfo(key, found.st_size, _mtime(found), version)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems do not fsync directories; the data itself is synced
    finally:
        os.close(fd)
