"""`make run`: the web server (gunicorn, a few workers) and one outbox worker side by side,
started and stopped together, the same two kinds of process as in production.

Both children get their own session, so Ctrl+C reaches only this script, which then asks both
to stop (SIGTERM: gunicorn finishes the requests it is serving, the worker its current pass)
and waits for them. When either child ends on its own, the other is stopped too and its exit
status is passed on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv that runs this script
STOP_WAIT_SECONDS = 40  # above gunicorn's graceful timeout (30)


def commands() -> dict[str, list[str]]:
    return {
        "web": [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                "run:app"],
        "worker": [str(BIN / "flask"), "--app", "run", "worker"],
    }


def stop_all(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def public_base_url(env: dict) -> str | None:
    """The address links in e-mails and receipts point to when PUBLIC_BASE_URL is not set:
    where this server listens (WEB_BIND's first address), not the default port, so that a
    `WEB_BIND=127.0.0.1:5201 make run` sends working links. None when set, or on a socket."""
    if env.get("PUBLIC_BASE_URL"):
        return None
    bind = (env.get("WEB_BIND") or "127.0.0.1:5000").split(",")[0].strip()
    if bind.startswith(("unix:", "fd://")) or ":" not in bind:
        return None
    host, _, port = bind.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):  # every interface: this machine reaches it here
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def main() -> int:
    env = dict(os.environ)
    env.setdefault("WEB_WORKERS", "3")
    base_url = public_base_url(env)
    if base_url:
        env["PUBLIC_BASE_URL"] = base_url
    asked_to_stop = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda num, _frame: asked_to_stop.append(num))
    children = {name: subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
                for name, command in commands().items()}
    while not asked_to_stop and all(c.poll() is None for c in children.values()):
        time.sleep(0.2)
    ended = {name: c.returncode for name, c in children.items() if c.returncode is not None}
    stop_all(children)
    if asked_to_stop:
        print("E-PTSP berhenti.", flush=True)
        return 0
    name, code = next(iter(ended.items()))
    print(f"Proses {name} berhenti (kode {code}); semua dihentikan.", file=sys.stderr)
    return code or 1


if __name__ == "__main__":
    sys.exit(main())
