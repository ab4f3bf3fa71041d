"""The storage adapter's contract, the same tests on both backends: the local folder and an
S3 bucket on moto's S3 server (a separate process on loopback, spoken to by boto3 over HTTP).
"""

from __future__ import annotations

import hashlib
import io
import random
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest

from app.storage import FileTooLarge, InvalidKey, ObjectMissing, storage_from_config

STORAGE_BACKENDS = ("local", "s3")
MB = 1024 * 1024


@pytest.fixture
def backend(storage_config, tmp_path):
    return storage_from_config({"UPLOAD_DIR": str(tmp_path / "uploads"), **storage_config})


class Generated:
    """A read-only stream of `size` pseudo-random bytes made as they are read, so the test
    itself never holds the file; it remembers their SHA-256."""

    def __init__(self, size: int, seed: int = 7):
        self.left = size
        self.random = random.Random(seed)
        self.sha = hashlib.sha256()
        self.reads = 0

    def read(self, size: int = -1) -> bytes:
        size = self.left if size is None or size < 0 else min(size, self.left)
        chunk = self.random.randbytes(size)
        self.left -= size
        self.sha.update(chunk)
        self.reads += 1
        return chunk


class Breaks(Generated):
    """A stream whose client disconnects after `after` bytes."""

    def __init__(self, size: int, after: int):
        super().__init__(size)
        self.after = after

    def read(self, size: int = -1) -> bytes:
        if self.after <= 0:
            raise ConnectionResetError("client went away")
        chunk = super().read(min(size, self.after))
        self.after -= len(chunk)
        return chunk


def keys(backend, prefix: str = "") -> list[str]:
    return [info.key for info in backend.list(prefix)]


def test_a_saved_stream_reads_back_whole(backend):
    content = b"%PDF-1.7\n" + bytes(range(256)) * 5000
    key, size = backend.save_stream(io.BytesIO(content), "files", ".pdf", 10 * MB)
    assert size == len(content) and key.startswith("files/") and key.endswith(".pdf")
    assert backend.read_bytes(key) == content
    with backend.open(key) as handle:
        assert handle.read(9) == b"%PDF-1.7\n"
    assert b"".join(backend.iter_chunks(key)) == content
    assert backend.exists(key) and backend.size(key) == len(content)
    info = backend.stat(key)
    assert info.key == key and info.size == len(content)
    assert abs(info.modified - datetime.now(UTC)) < timedelta(minutes=5)


def test_keys_are_random(backend):
    first = backend.save_bytes(b"same", "photos", ".jpg")
    second = backend.save_bytes(b"same", "photos", ".jpg")
    assert first != second and len(first.removeprefix("photos/").removesuffix(".jpg")) == 32
    assert sorted(keys(backend, "photos/")) == sorted([first, second])


def test_delete_removes_and_is_idempotent(backend):
    key = backend.save_bytes(b"sementara", "files", ".pdf")
    backend.delete(key)
    assert not backend.exists(key) and backend.stat(key) is None
    with pytest.raises(ObjectMissing):
        backend.open(key)
    with pytest.raises(ObjectMissing):
        backend.iter_chunks(key)  # at once, not halfway through a response
    with pytest.raises(ObjectMissing):
        backend.size(key)
    backend.delete(key)
    backend.delete(None)
    backend.delete("")
    assert keys(backend) == []


def test_listing_by_prefix(backend):
    made = {folder: sorted(backend.save_bytes(folder.encode() * n, folder, ".bin")
                           for n in (1, 2, 3)) for folder in ("files", "permits")}
    found = list(backend.list("files/"))
    assert sorted(i.key for i in found) == made["files"]
    assert sorted(i.size for i in found) == [5, 10, 15]
    assert sorted(keys(backend, "permits/")) == made["permits"]
    assert sorted(keys(backend)) == sorted(made["files"] + made["permits"])
    assert keys(backend, "photos/") == []


@pytest.mark.parametrize("size", [2 * MB, 12 * MB])  # one request / a multipart upload
def test_a_stream_past_the_limit_is_refused_and_leaves_nothing(backend, size):
    with pytest.raises(FileTooLarge):
        backend.save_stream(Generated(size), "files", ".pdf", size - 1)
    assert keys(backend) == [] and list(backend.list_incomplete("")) == []
    key, stored = backend.save_stream(Generated(size), "files", ".pdf", size)
    assert stored == size and backend.size(key) == size  # exactly at the limit is fine


@pytest.mark.parametrize("size", [MB // 2, 11 * MB])
def test_a_broken_upload_leaves_nothing(backend, size):
    with pytest.raises(ConnectionResetError):
        backend.save_stream(Breaks(size, after=size - 100), "files", ".pdf", None)
    assert keys(backend) == [] and list(backend.list_incomplete("")) == []


def test_an_object_is_visible_only_when_complete(backend):
    key = "files/" + "a" * 32 + ".pdf"
    seen = []

    class Watched(Generated):
        def read(self, size=-1):
            seen.append((backend.exists(key), keys(backend)))
            return super().read(size)

    stream = Watched(7 * MB)
    assert backend.put_stream(key, stream, None) == 7 * MB
    assert len(seen) > 3 and all(found == (False, []) for found in seen)
    assert backend.exists(key) and list(backend.list_incomplete("")) == []
    assert hashlib.sha256(backend.read_bytes(key)).hexdigest() == stream.sha.hexdigest()


def test_rewriting_a_key_replaces_it_whole_and_changes_its_version(backend):
    key = backend.save_bytes(b"versi satu", "permits", ".pdf")
    before = backend.stat(key)
    readers = []

    class Watched(Generated):
        def read(self, size=-1):
            readers.append(backend.read_bytes(key))
            return super().read(size)

    backend.put_stream(key, Watched(3 * MB), None)
    assert set(readers) == {b"versi satu"}  # the old content, whole, until the new is in
    assert backend.size(key) == 3 * MB and backend.stat(key).version != before.version


@pytest.mark.parametrize("key", ["../rahasia", "/etc/passwd", "files/../../x", "files//x",
                                 "files/./x", "files/\x00x", "files\\..\\x", "a" * 201])
def test_keys_that_could_escape_are_refused(backend, key):
    for call in (backend.open, backend.stat, backend.delete, backend.iter_chunks):
        with pytest.raises(InvalidKey):
            call(key)
    with pytest.raises(InvalidKey):
        backend.put_stream(key, io.BytesIO(b"x"), None)
    with pytest.raises(InvalidKey):
        list(backend.list("../"))


def test_a_50_mb_upload_and_download_stream_without_holding_the_file(backend):
    size = 50 * MB
    stream = Generated(size)
    tracemalloc.start()
    try:
        key, stored = backend.save_stream(stream, "files", ".bin", 60 * MB)
        upload_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        downloaded, total = hashlib.sha256(), 0
        for chunk in backend.iter_chunks(key):
            downloaded.update(chunk)
            total += len(chunk)
        download_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert stored == size == total and stream.reads > 10
    assert downloaded.hexdigest() == stream.sha.hexdigest()
    assert upload_peak < 15 * MB, f"upload peak {upload_peak / MB:.1f} MB"
    assert download_peak < 15 * MB, f"download peak {download_peak / MB:.1f} MB"
    backend.delete(key)
