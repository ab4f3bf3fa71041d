"""File storage outside the web root. Keys are random; the database says who owns what."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from flask import current_app

CHUNK = 1024 * 1024


class FileTooLarge(Exception):
    pass


def _root() -> Path:
    root = Path(current_app.config["UPLOAD_DIR"]).resolve()
    root.mkdir(parents=True, exist_ok=True)
    return root


def path_for(key: str) -> Path:
    root = _root()
    path = (root / key).resolve()
    if root not in path.parents:
        raise ValueError("invalid storage key")
    return path


def new_key(folder: str, suffix: str) -> str:
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def save_stream(stream: BinaryIO, folder: str, suffix: str, max_bytes: int) -> tuple[str, int]:
    """Copy in chunks (never the whole file in memory); refuse past max_bytes."""
    key = new_key(folder, suffix)
    path = path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(path, "wb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                out.close()
                path.unlink(missing_ok=True)
                raise FileTooLarge
            out.write(chunk)
    return key, size


def save_bytes(data: bytes, folder: str, suffix: str) -> str:
    key = new_key(folder, suffix)
    path = path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return key


def open_file(key: str) -> BinaryIO:
    return open(path_for(key), "rb")


def iter_file(key: str) -> Iterator[bytes]:
    """Resolves the path now: the generator runs after the request context is gone."""
    path = path_for(key)

    def chunks() -> Iterator[bytes]:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    return chunks()


def delete(key: str | None) -> None:
    if key:
        path_for(key).unlink(missing_ok=True)


def copy_to(key: str, target: os.PathLike) -> None:
    shutil.copyfile(path_for(key), target)
