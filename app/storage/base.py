"""What every storage backend offers, and the rules they share (keys, limits, chunking).

Keys are random (`folder/<32 hex><suffix>`) and relative; the database says who owns what.
Callers never see a filesystem path: they save a stream or bytes, open or stream a key back,
ask its size, delete it, or list a prefix (for cleanup). Backends differ only in where the
bytes go; each guarantees that a key is visible only once its content is complete.
"""

from __future__ import annotations

import io
import re
import secrets
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

MB = 1024 * 1024
CHUNK = MB
KEY_MAX = 200  # the database columns holding keys are String(200)
_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9._-]*"
_KEY = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")


class FileTooLarge(Exception):
    """The stream went past the caller's limit; nothing was stored."""


class InvalidKey(ValueError):
    """Not a key this application could have made (absolute, `..`, odd characters)."""


class ObjectMissing(FileNotFoundError):
    """No object under this key (never stored, deleted, or still being written)."""


class StorageError(OSError):
    """The backend failed (disk, network, credentials); an OSError like a disk failure."""


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    modified: datetime  # timezone-aware, UTC
    version: str  # changes whenever the content may have changed (mtime+size, ETag)


def check_key(key: str) -> str:
    if not isinstance(key, str) or len(key) > KEY_MAX or not _KEY.fullmatch(key):
        raise InvalidKey("invalid storage key")
    return key


def check_prefix(prefix: str) -> str:
    """A listing prefix: a key-like path, usually a folder ending in `/`."""
    if prefix and not _KEY.fullmatch(prefix.removesuffix("/")):
        raise InvalidKey("invalid storage prefix")
    return prefix


def new_key(folder: str, suffix: str) -> str:
    return check_key(f"{folder}/{secrets.token_hex(16)}{suffix}")


def copy_limited(stream: BinaryIO, write: Callable[[bytes], object], max_bytes: int | None,
                 chunk_size: int = CHUNK) -> int:
    """Copies in chunks (never the whole stream in memory); FileTooLarge past max_bytes."""
    size = 0
    while chunk := stream.read(chunk_size):
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise FileTooLarge
        write(chunk)
    return size


class ChunkStream:
    """An opened object as an iterable of chunks. Its source is closed when read to the end,
    and when the response is closed even if it was never iterated (a bare generator would
    not run its `finally` then)."""

    def __init__(self, chunks: Iterable[bytes], close: Callable[[], object]):
        self._chunks = chunks
        self._close: Callable[[], object] | None = close

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._chunks
        finally:
            self.close()

    def close(self) -> None:
        close, self._close = self._close, None
        if close is not None:
            close()


class Storage(ABC):
    """The one interface every caller uses. `put_stream` writes atomically; the `save_*`
    helpers pick a fresh random key for it."""

    chunk_size = CHUNK

    def save_stream(self, stream: BinaryIO, folder: str, suffix: str,
                    max_bytes: int | None) -> tuple[str, int]:
        key = new_key(folder, suffix)
        return key, self.put_stream(key, stream, max_bytes)

    def save_bytes(self, data: bytes, folder: str, suffix: str) -> str:
        key = new_key(folder, suffix)
        self.put_stream(key, io.BytesIO(data), None)
        return key

    def read_bytes(self, key: str) -> bytes:
        """For small objects only (a signed permit, a staged catalogue, an embedded image)."""
        with self.open(key) as handle:
            return handle.read()

    def exists(self, key: str) -> bool:
        return self.stat(key) is not None

    def size(self, key: str) -> int:
        info = self.stat(key)
        if info is None:
            raise ObjectMissing(key)
        return info.size

    @abstractmethod
    def put_stream(self, key: str, stream: BinaryIO, max_bytes: int | None) -> int:
        """Stores the stream under `key` (replacing it), returns its size; FileTooLarge past
        max_bytes, and then nothing is stored."""

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """A readable binary file object; ObjectMissing when there is none."""

    @abstractmethod
    def iter_chunks(self, key: str) -> ChunkStream:
        """Opens now (ObjectMissing now, not halfway through a response), reads lazily."""

    @abstractmethod
    def stat(self, key: str) -> ObjectInfo | None:
        ...

    @abstractmethod
    def delete(self, key: str | None) -> None:
        """Removes the object; a missing object (or no key) is not an error."""

    @abstractmethod
    def list(self, prefix: str) -> Iterator[ObjectInfo]:
        """Every complete object whose key starts with `prefix`."""

    @abstractmethod
    def list_incomplete(self, prefix: str) -> Iterator[ObjectInfo]:
        """Writes that never finished (a process killed mid-upload): temporary files or
        multipart uploads. `modified` is when they started; `version` identifies them."""

    @abstractmethod
    def discard_incomplete(self, info: ObjectInfo) -> None:
        ...
