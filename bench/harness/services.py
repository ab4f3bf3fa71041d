"""Throwaway PostgreSQL and Redis servers for a benchmark run, like `.ci/run` starts them.

Each lives in a temporary directory on a free loopback port and is stopped and removed at the
end (on Ctrl+C and on errors too, through the context managers' `finally`).
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def stop(child: subprocess.Popen, seconds: float) -> None:
    """SIGTERM, then SIGKILL if it has not exited after `seconds`."""
    child.terminate()
    try:
        child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> Path:
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                  key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                  else 0)
    if not bins:
        raise SystemExit("no PostgreSQL binaries under /usr/lib/postgresql/*/bin; use --pg URL")
    return bins[-1].parent


@contextmanager
def throwaway_postgres(max_connections: int = 200):
    """initdb + pg_ctl in a temporary directory; as root through `su postgres`. PostgreSQL's
    own durability defaults (fsync and synchronous_commit on). Yields (url, version text)."""
    pgbin = _pg_bin()
    data = Path(tempfile.mkdtemp(prefix="eptsp-bench-pg-"))
    as_root = os.geteuid() == 0
    if as_root:
        shutil.chown(data, "postgres")

    def as_pg(command: str, check: bool = True) -> None:
        argv = ["su", "postgres", "-s", "/bin/bash", "-c", command] if as_root else \
            ["bash", "-c", command]
        subprocess.run(argv, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       start_new_session=True)

    port = free_port()
    q = shlex.quote
    as_pg(f"{q(str(pgbin / 'initdb'))} -D {q(str(data))} -A trust -U postgres -E UTF8")
    options = (f"-p {port} -k {data} -c listen_addresses=127.0.0.1 "
               f"-c max_connections={max_connections}")
    started = False
    try:
        as_pg(f"{q(str(pgbin / 'pg_ctl'))} -D {q(str(data))} -w -l {q(str(data / 'server.log'))}"
              f" -o {q(options)} start")
        started = True
        as_pg(f"{q(str(pgbin / 'createdb'))} -h 127.0.0.1 -p {port} -U postgres eptsp_bench")
        out = subprocess.run([str(pgbin / "postgres"), "--version"], capture_output=True,
                             text=True).stdout.strip()
        yield (f"postgresql+psycopg://postgres@127.0.0.1:{port}/eptsp_bench",
               out.replace("postgres (PostgreSQL) ", "PostgreSQL "))
    finally:
        if started:
            as_pg(f"{q(str(pgbin / 'pg_ctl'))} -D {q(str(data))} -m fast -w stop", check=False)
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def throwaway_redis():
    """redis-server on a free port without persistence. Yields (url, version text)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    child = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or child.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        version = subprocess.run([binary, "--version"], capture_output=True,
                                 text=True).stdout.split()
        text = next((w.split("=")[1] for w in version if w.startswith("v=")), "?")
        yield f"redis://127.0.0.1:{port}/0", f"Redis {text}"
    finally:
        stop(child, 10)
