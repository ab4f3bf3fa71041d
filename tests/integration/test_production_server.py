"""The production server as deployed: real gunicorn processes started with
deploy/gunicorn.conf.py against a migrated SQLite file, real Redis shared between servers, and
the `make run` launcher with its outbox worker process."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.processes import (
    BIN,
    ROOT,
    Gunicorn,
    http_get,
    server_env,
    stop,
    stop_all,
    wait_until,
)

NIK = "6472011505900001"


def children(pid: int) -> set[int]:
    """Direct children of a process, from /proc."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def descendants(pid: int) -> set[int]:
    found = set()
    for child in children(pid):
        found |= {child} | descendants(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_gunicorn_loads_the_shipped_config_and_refuses_a_broken_setting(tmp_path):
    """The configuration alone, with the servers' environment: gunicorn evaluates the file and
    accepts every setting in it. It checks it with the standard library's demo WSGI app: that
    `run:app` loads and serves under this file is what every server below proves
    (`two_servers`, the Redis pair, `make run`), so this check need not build the whole app
    (seconds of CPU) only to exit, nor a database."""
    env = server_env("sqlite://", tmp_path)
    command = [str(BIN / "gunicorn"), "--check-config", "-c",
               str(ROOT / "deploy" / "gunicorn.conf.py"), "wsgiref.simple_server:demo_app"]
    good = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert good.returncode == 0, good.stderr
    broken = subprocess.run(command, cwd=ROOT, env=dict(env, WEB_WORKERS="vier"),
                            capture_output=True, text=True, timeout=120)
    assert broken.returncode != 0
    assert "'vier'" in broken.stderr  # refused for that setting, not for anything else


@pytest.fixture(scope="module")
def two_servers(served_sqlite, tmp_path_factory):
    """Two gunicorn servers (one worker each) on one database and no Redis: two hosts on the
    embedded defaults. Shared by this module's tests; none depends on what another did."""
    tmp = tmp_path_factory.mktemp("servers")
    env = server_env(served_sqlite, tmp)
    servers = [Gunicorn(env, tmp, name=f"web{i}").start() for i in (1, 2)]
    try:
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        assert stop_all(servers) == [0, 0]  # every one, even if one fails


def test_access_log_names_routes_never_query_strings_tokens_or_cookies(two_servers):
    server = two_servers[0]
    request = urllib.request.Request(
        f"{server.url}/lacak?resi={NIK}&q=NPWP-01.234.567.8-901.000",
        headers={"Cookie": "session=cookie-secret-value",
                 "Referer": f"https://mesin-cari.example/?q={NIK}",
                 "User-Agent": "Browser-Pribadi/1.0"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    http_get(f"{server.url}/lupa-password/pin/reset-token-secret")  # redirects, followed
    assert http_get(f"{server.url}/tidak-ada/{NIK}")[0] == 404
    expected = (" GET /lacak 200 ", " GET /lupa-password/pin/<token> 302 ", " GET - 404 ")
    wait_until(lambda: all(any(e in line for line in server.log_lines()) for e in expected),
               10, "the access log lines")
    log = server.access_log.read_text()
    for secret in (NIK, "01.234.567.8", "reset-token-secret", "cookie-secret-value",
                   "mesin-cari", "Browser-Pribadi", "resi=", "?"):
        assert secret not in log


def test_sighup_replaces_the_workers_while_the_site_keeps_answering(two_servers):
    server = two_servers[1]
    master = server.process.pid
    before = children(master)
    assert len(before) == 1
    os.kill(master, signal.SIGHUP)
    statuses = []

    def replaced():
        statuses.append(http_get(f"{server.url}/healthz")[0])
        now = children(master)
        return len(now) == 1 and not (now & before)

    wait_until(replaced, what="new workers after SIGHUP")
    statuses.append(http_get(f"{server.url}/healthz")[0])
    assert set(statuses) == {200}
    assert server.process.poll() is None  # the same master, still serving


def alternate_lacak(servers) -> list[int]:
    """/lacak allows 30 requests a minute per address; ask two servers in turn 32 times."""
    return [http_get(f"{servers[i % 2].url}/lacak?resi=X")[0] for i in range(32)]


def test_with_memory_counters_each_server_enforces_only_its_own_limit(two_servers):
    assert alternate_lacak(two_servers) == [200] * 32  # 16 each: neither reaches 30


def test_with_redis_two_servers_enforce_one_shared_limit(redis_url, served_sqlite, tmp_path):
    env = server_env(served_sqlite, tmp_path, REDIS_URL=redis_url,
                     REDIS_KEY_PREFIX=f"limit-test-{uuid.uuid4().hex}")
    servers = [Gunicorn(env, tmp_path, name=f"web{i}").start() for i in (1, 2)]
    try:
        for server in servers:
            server.wait_ready()
        assert alternate_lacak(servers) == [200] * 30 + [429, 429]
    finally:
        stop_all(servers)


def test_make_run_serves_sends_outbox_mail_and_stops_both_on_ctrl_c(
        served_sqlite, smtp_server, mailbox, tmp_path):
    from tests.processes import free_port

    _box, smtp_url = smtp_server
    port = free_port()
    env = server_env(served_sqlite, tmp_path, WEB_BIND=f"127.0.0.1:{port}", WEB_WORKERS="1",
                     SMTP_URL=smtp_url, WEB_ACCESS_LOG=str(tmp_path / "access.log"))
    with open(tmp_path / "run.log", "wb") as out:
        launcher = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_local.py")],
                                    cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
    try:
        wait_until(lambda: _healthy(f"http://127.0.0.1:{port}"), what="make run's server")
        # gunicorn's master and worker, and the outbox worker
        processes = wait_until(lambda: len(descendants(launcher.pid)) >= 3
                               and descendants(launcher.pid), what="web and worker processes")
        _enqueue_mail(served_sqlite, "antrian@contoh.id")
        wait_until(lambda: mailbox.to("antrian@contoh.id"), 30, "the outbox worker's mail")
        os.killpg(launcher.pid, signal.SIGINT)  # Ctrl+C reaches the terminal's process group
        assert launcher.wait(timeout=60) == 0
    finally:
        stop(launcher)
    time.sleep(0.2)
    assert not [pid for pid in processes if alive(pid)]
    assert "E-PTSP berhenti." in (tmp_path / "run.log").read_text()


def _healthy(url: str) -> bool:
    try:
        return http_get(f"{url}/healthz", timeout=5)[0] == 200
    except OSError:
        return False


def _enqueue_mail(database_url: str, recipient: str) -> None:
    from app import create_app
    from app.extensions import db
    from app.notify import enqueue_email
    from config import TestConfig

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url, SECRET_KEY="x")
    with app.test_request_context():
        enqueue_email(recipient, "Dari antrian", "mail/welcome.txt", name="A", login_id="1")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _visitor_long_poll(url: str) -> tuple[urllib.request.OpenerDirector, str]:
    """A portal visitor opens a chat over HTTP as a browser would: their cookies and the
    address of the page's waiting poll."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(f"{url}/bantuan/chat", timeout=10).read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrf_token": csrf, "name": "Tamu",
                                   "contact": "tamu@contoh.id"}).encode()
    page = opener.open(urllib.request.Request(f"{url}/bantuan/chat", data=data),
                       timeout=10).read().decode()
    poll = re.search(r'(/chat/percakapan/[\w-]+/pesan)', page).group(1)
    return opener, f"{url}{poll}?after=999999&wait=1"


def test_stopping_a_server_answers_its_open_chat_long_polls_at_once(
        redis_url, served_sqlite, tmp_path):
    """A chat page's poll waits up to CHAT_LONGPOLL_SECONDS (here 120) for a message. Stopping
    or reloading the server must not wait for it (nor kill it): the worker wakes it, it answers
    with what there is, and the stop completes well within that time."""
    env = server_env(served_sqlite, tmp_path, REDIS_URL=redis_url, CAPTCHA_ENABLED="0",
                     WEB_THREADS="4", CHAT_LONGPOLL_SECONDS="120", WEB_GRACEFUL_TIMEOUT="120",
                     REDIS_KEY_PREFIX=f"poll-stop-{uuid.uuid4().hex}")
    server = Gunicorn(env, tmp_path).start().wait_ready()
    answers = []
    try:
        opener, poll = _visitor_long_poll(server.url)
        waiting = threading.Thread(
            target=lambda: answers.append(opener.open(poll, timeout=150).status), daemon=True)
        waiting.start()
        waiting.join(timeout=2)
        assert waiting.is_alive() and answers == []  # it is waiting for a message
        started = time.monotonic()
        assert stop(server.process, seconds=150) == 0
        stopped_in = time.monotonic() - started
        waiting.join(timeout=10)
    finally:
        stop(server.process)
    assert answers == [200]
    assert stopped_in < 60, f"the stop waited {stopped_in:.0f} s for the open long poll"
