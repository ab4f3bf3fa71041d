"""The app served the two ways a benchmark compares: Flask's development server (one
process, a thread per connection) and the production server (gunicorn, N worker processes).

Both run the real app from the checkout with its settings given as environment variables, the
same way an operator configures it (README, configuration table).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .services import free_port, stop

ROOT = Path(__file__).resolve().parents[2]


def dev_server_main(port: int) -> None:
    """Runs in the child: Werkzeug, threaded, no access log (errors still go to stderr)."""
    import logging

    from werkzeug import serving

    sys.path.insert(0, str(ROOT))
    from app import create_app

    app = create_app()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    serving.BaseWSGIServer.request_queue_size = 1024  # 128 would drop SYNs of a 200 burst
    server = serving.make_server("127.0.0.1", port, app, threaded=True)
    print(json.dumps({"port": server.server_port}), flush=True)
    server.serve_forever()


def _wait_listening(port: int, child: subprocess.Popen, log_path: Path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if child.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start; see {log_path}") from None
            time.sleep(0.1)


@contextmanager
def server(kind: str, env: dict[str, str], log_path: Path, *, workers: int = 4):
    """kind "dev" or "gunicorn"; yields (child process, port)."""
    port = free_port()
    full_env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
    if kind == "dev":
        argv = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                "from bench.harness.servers import dev_server_main; "
                "dev_server_main(int(sys.argv[2]))", str(ROOT), str(port)]
    else:
        full_env.update(WEB_WORKERS=str(workers), WEB_BIND=f"127.0.0.1:{port}")
        config = ROOT / "deploy" / "gunicorn.conf.py"
        argv = [str(Path(sys.executable).with_name("gunicorn")),
                *(["--config", str(config)] if config.exists() else []),
                "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--backlog", "2048",
                "run:app"]
    with open(log_path, "wb") as log:
        child = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=full_env,
                                 cwd=str(ROOT), start_new_session=True)
        try:
            _wait_listening(port, child, log_path)
            yield child, port
        finally:
            stop(child, 30)


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(x) for x in task.read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its live descendants (gunicorn's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _descendants(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def postgres_cpu_seconds() -> float:
    """All postgres processes on the machine (the benchmark's throwaway server)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if "(postgres)" in text:
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / ticks
