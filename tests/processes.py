"""Real server processes for tests: redis-server, and the app under gunicorn with the shipped
deploy/gunicorn.conf.py, each on a free loopback port, stopped when the test is done."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
START_SECONDS = 120  # two cores shared by parallel test workers: an app start can take a while


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, seconds: float = START_SECONDS, what: str = "a server"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not come up within {seconds} s")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, seconds: float = 30) -> int:
    if process.poll() is None:
        process.send_signal(sig)
        _reap(process, seconds)
    return process.returncode


def _reap(process: subprocess.Popen, seconds: float = 30) -> None:
    """Waits for a signalled process; one that outlives `seconds` is killed."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def redis_server(workdir: Path):
    """A throwaway redis-server: no snapshots, no append-only file, gone afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        client = redis.Redis.from_url(url)

        def answers():
            try:
                return client.ping()
            except redis.ConnectionError:
                if process.poll() is not None:
                    raise RuntimeError("redis-server exited") from None
                return False

        wait_until(answers, 20, "redis-server")
        client.close()
        yield url
    finally:
        stop(process)


def http_get(url: str, timeout: float = START_SECONDS) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def server_env(database_url: str, instance: Path, **settings: str) -> dict[str, str]:
    """The environment of a server process: this venv, one database, nothing inherited that
    could point it at another database, Redis or mail server."""
    env = {key: value for key, value in os.environ.items()
           if key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(DATABASE_URL=database_url, INSTANCE_PATH=str(instance),
               SECRET_KEY="server-test-secret", UPLOAD_DIR=str(instance / "uploads"),
               WEB_WORKERS="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(settings)
    return env


class Gunicorn:
    """`gunicorn -c deploy/gunicorn.conf.py run:app`, as systemd and `make run` start it."""

    def __init__(self, env: dict[str, str], workdir: Path, name: str = "web"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.access_log = workdir / f"{name}-access.log"
        self.output = workdir / f"{name}-output.log"
        self.env = dict(env, WEB_BIND=f"127.0.0.1:{self.port}",
                        WEB_ACCESS_LOG=str(self.access_log))
        self.process: subprocess.Popen | None = None

    def start(self) -> Gunicorn:
        with open(self.output, "ab") as out:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                 "run:app"], cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        return self

    def wait_ready(self) -> Gunicorn:
        def healthy():
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.output.read_text()[-3000:]}")
            try:
                return http_get(f"{self.url}/healthz", timeout=5)[0] == 200
            except OSError:
                return False

        wait_until(healthy, what=f"gunicorn on {self.url}")
        return self

    def log_lines(self) -> list[str]:
        return self.access_log.read_text().splitlines() if self.access_log.exists() else []

    def stop(self) -> int:
        return stop(self.process) if self.process else 0


def stop_all(servers: list[Gunicorn]) -> list[int]:
    """Stops servers together: each gets SIGTERM first, then each is waited for, so their
    graceful shutdowns (a long-poll finishing, say) overlap instead of adding up. The exit
    codes, in order."""
    running = [server.process for server in servers if server.process]
    for process in running:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in running:
        _reap(process)
    return [server.process.returncode if server.process else 0 for server in servers]


def migrate_sqlite(path: Path) -> str:
    """A SQLite file with the whole schema, made by Alembic like `flask db upgrade`."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from config import TestConfig

    url = f"sqlite:///{path}"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, SECRET_KEY="migrate")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        db.session.remove()
        db.engine.dispose()
    return url
