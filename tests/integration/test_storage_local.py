"""What only the local backend promises, seen on the disk itself: private modes, a temporary
name in the same folder renamed into place, nothing left after a failed write, no escape
from the root."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from app.storage import InvalidKey
from app.storage.local import PARTIAL_PREFIX, LocalStorage

MB = 1024 * 1024


@pytest.fixture
def root(tmp_path) -> Path:
    return tmp_path / "uploads"


@pytest.fixture
def backend(root) -> LocalStorage:
    return LocalStorage(root)


def on_disk(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_0600_and_folders_0700(backend, root):
    old_umask = os.umask(0o022)  # the usual umask would give 0644 / 0755
    try:
        key = backend.save_bytes(b"rahasia", "permits", ".pdf")
        other, _ = backend.save_stream(io.BytesIO(b"x" * 3 * MB), "files", ".pdf", None)
    finally:
        os.umask(old_umask)
    assert mode(root) == 0o700
    for name in (key, other):
        assert mode(root / name) == 0o600
        assert mode((root / name).parent) == 0o700


def test_a_failed_write_leaves_no_temporary_file(backend, root):
    class Breaks:
        def __init__(self):
            self.calls = 0

        def read(self, size=-1):
            self.calls += 1
            if self.calls > 2:
                raise ConnectionResetError("client went away")
            return b"x" * size

    with pytest.raises(ConnectionResetError):
        backend.save_stream(Breaks(), "files", ".pdf", None)
    assert (root / "files").is_dir() and on_disk(root) == []


def test_while_writing_only_a_temporary_name_exists_beside_the_key(backend, root):
    key = "files/" + "b" * 32 + ".pdf"
    seen = []

    class Watched:
        def __init__(self):
            self.left = 4 * MB

        def read(self, size=-1):
            seen.append(on_disk(root))
            chunk = b"y" * min(size, self.left)
            self.left -= len(chunk)
            return chunk

    backend.put_stream(key, Watched(), None)
    during = [names for names in seen if names]
    assert during and all(len(n) == 1 and n[0].startswith("files/" + PARTIAL_PREFIX)
                          for n in during)
    assert key not in {name for names in seen for name in names}
    assert on_disk(root) == [key] and (root / key).stat().st_size == 4 * MB


def test_a_symlink_out_of_the_root_is_refused(backend, root, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("jangan")
    backend.save_bytes(b"ok", "files", ".pdf")
    (root / "files" / "link").symlink_to(outside)
    with pytest.raises(InvalidKey):
        backend.open("files/link/secret.txt")
    with pytest.raises(InvalidKey):
        backend.put_stream("files/link/new.txt", io.BytesIO(b"x"), None)
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]


def test_a_leftover_of_a_killed_write_is_listed_apart_and_discarded(backend, root):
    key = backend.save_bytes(b"utuh", "files", ".pdf")
    leftover = root / "files" / (PARTIAL_PREFIX + "k1ll3d")
    leftover.write_bytes(b"separuh")
    assert [i.key for i in backend.list("files/")] == [key]
    [partial] = backend.list_incomplete("files/")
    assert partial.size == 7
    backend.discard_incomplete(partial)
    assert on_disk(root) == [key]
