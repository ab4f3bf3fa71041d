"""Private files written by several processes at once (gunicorn workers and the outbox
worker starting together on a fresh install): each writer has its own temporary file, and
the generated secret key is created once, so every process signs sessions with the same key."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from app.security.filemodes import create_private, write_private


def _together(count: int, work) -> list:
    """`work(i)` in `count` threads released at the same moment; their results in order."""
    start, results = threading.Barrier(count), [None] * count

    def run(i: int) -> None:
        start.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_secret_created_at_once_by_many_is_created_once_and_read_alike(tmp_path: Path):
    path = tmp_path / "secret_key"
    created = _together(16, lambda i: create_private(path, f"key-{i}".encode()))
    assert created.count(True) == 1
    winner = created.index(True)
    assert path.read_bytes() == f"key-{winner}".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary file left
    assert create_private(path, b"later") is False and path.read_bytes() == f"key-{winner}".encode()


def test_concurrent_replacements_never_trip_over_each_others_temporary_file(tmp_path: Path):
    path = tmp_path / "signer.pass"
    errors = _together(16, lambda i: _error_of(lambda: write_private(path, f"v{i}".encode())))
    assert errors == [None] * 16
    assert path.read_bytes() in {f"v{i}".encode() for i in range(16)}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["signer.pass"]


def _error_of(call) -> Exception | None:
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the test reports any error a writer met
        return error
    return None
