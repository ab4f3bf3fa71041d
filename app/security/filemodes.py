"""Files and folders that hold personal data or secrets are the owner's alone: folders 0700,
files 0600, created so from the start (never briefly world-readable) and tightened when an
older install left them looser. Covers instance/, the secret key, the SQLite database and its
-wal/-shm files and the development CA; the storage adapter does the same for uploads."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def _tighten(path: Path, mode: int) -> None:
    """chmod to `mode` when group or others have any access and we own the path."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.getuid():
        path.chmod(mode)


def private_dir(path: str | os.PathLike) -> Path:
    """The folder (and missing parents) exists and is 0700."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    _tighten(path, DIR_MODE)
    return path


def private_file(path: str | os.PathLike) -> Path:
    """The file exists (created empty with 0600 when missing) and is 0600."""
    path = Path(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        _tighten(path, FILE_MODE)
    return path


def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new file of its own next to `path` (0600, as mkstemp creates it): two processes
    writing the same file at once never share a temporary name."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    return fd, Path(name)


def write_private(path: str | os.PathLike, data: bytes) -> None:
    """Replace `path` with `data`, written under a temporary name created 0600."""
    path = Path(path)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def create_private(path: str | os.PathLike, data: bytes) -> bool:
    """Create `path` holding `data` unless it exists; True when this call created it.

    The file appears whole (written under a temporary name, then linked into place), and of
    processes creating it at once exactly one succeeds: the others keep the winner's content,
    so every worker of a first start reads the same secret."""
    path = Path(path)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def sqlite_files(database: str | os.PathLike) -> None:
    """The database file before SQLite first opens it, so SQLite (which gives -wal, -shm and
    -journal files the database file's permissions) creates them 0600 too; an existing
    database and its companions are tightened."""
    database = Path(database)
    if database.parent.exists():
        private_file(database)
    for suffix in ("-wal", "-shm", "-journal"):
        _tighten(database.with_name(database.name + suffix), FILE_MODE)
