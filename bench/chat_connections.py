"""Benchmark: 500 chat clients connected at once to the production server (gunicorn), each
waiting for its conversation's messages, while messages are posted into every conversation;
how many arrive and how long from "Send" to the other side's screen (p50/p95).

Baseline in the same run: `GET /healthz` latency (p95) on the same server before the clients
connect. The figure: p95 delivery latency and its ratio to that baseline. Target: every
message delivered, p95 delivery under 2 s.

1. A throwaway PostgreSQL and Redis (`--no-redis`: the embedded default, clients poll every
   second), migrated; gunicorn with `--workers` processes of `--threads` threads (gthread: a
   waiting long-poll holds a thread, not a process), captcha and rate limits off.
2. Untimed: N visitors (`--clients`, 500) open a conversation over HTTP (session cookie).
3. Timed: every client waits on `/chat/percakapan/<token>/pesan?after=<id>&wait=1` in its own
   thread (a new connection per request); `--messages` per conversation are posted at
   `--rate` per second by a pool of senders from a second session of the same conversation
   (the visitor's other tab): a message goes through the same store-then-publish path as the
   helpdesk's reply, and may be accepted by another worker process than the one waiting.
   Each body carries its send time; the listener records receipt minus send.

    .venv/bin/python bench/chat_connections.py [--clients 500] [--no-redis] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402
from bench.harness import services  # noqa: E402
from bench.harness.http import Browser, hidden_value  # noqa: E402
from bench.harness.servers import server  # noqa: E402

SECRET_KEY = "bench-chat-secret"
HEADING = "## Chat: simultaneous connections and delivery latency"


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Client:
    """One visitor's conversation: a listening session and a sending one (same cookie)."""

    def __init__(self, port: int):
        self.browser = Browser(port)
        self.base = ""
        self.csrf = ""
        self.after = 0
        self.marks = ""
        self.latencies: list[float] = []
        self.received: set[str] = set()
        self.errors = 0

    def open(self) -> None:
        _s, _h, page = self.browser.request("GET", "/bantuan/chat")
        status, _h, _b = self.browser.request("POST", "/bantuan/chat", [
            ("csrf_token", hidden_value(page, "csrf_token")), ("name", "Pengunjung Uji"),
            ("contact", "uji@contoh.id")])
        assert status == 302, status
        _s, _h, page = self.browser.request("GET", "/bantuan/chat/percakapan")
        text = page.decode()
        start = text.index('data-messages-url="') + len('data-messages-url="')
        self.base = text[start:text.index('"', start)].rsplit("/", 1)[0]
        self.csrf = hidden_value(page, "csrf_token")

    def listen(self, stop: threading.Event, long_poll: bool) -> None:
        while not stop.is_set():
            started = time.monotonic()
            path = f"{self.base}/pesan?after={self.after}&marks={quote(self.marks)}"
            try:
                status, _h, body = self.browser.request(
                    "GET", path + ("&wait=1" if long_poll else ""))
                now = time.time()
                answer = json.loads(body) if status == 200 else None
            except Exception:
                answer, now = None, time.time()
            if answer is None:
                self.errors += 1
                time.sleep(1)
                continue
            for message in answer["messages"]:
                self.after = max(self.after, message["id"])
                tag, sent = message["body"].split()[1:3]
                if tag not in self.received:
                    self.received.add(tag)
                    self.latencies.append(now - float(sent))
            self.marks = answer["marks"]
            if not long_poll:
                time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))

    def send(self, tag: str) -> bool:
        fields = [("csrf_token", self.csrf), ("body", f"uji {tag} {time.time():.6f}")]
        status, _h, _b = Browser.request(self._sender(), "POST", f"{self.base}/kirim", fields)
        return status == 201

    def _sender(self) -> Browser:
        sender = Browser(self.browser.port)
        sender.cookies = dict(self.browser.cookies)
        return sender


def healthz_p95(port: int, count: int = 400) -> float:
    browser = Browser(port)

    def one(_):
        started = time.perf_counter()
        status, _h, _b = browser.request("GET", "/healthz")
        assert status == 200
        return time.perf_counter() - started

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(one, range(count)))  # warm-up: every worker booted and connected
        return percentile(list(pool.map(one, range(count))), 95)


def post_all(clients: list[Client], messages: int, rate: float) -> tuple[int, int, float]:
    """Posts `messages` per client round-robin at `rate` per second; (accepted, refused,
    seconds)."""
    jobs = [(c, f"{i}-{m}") for m in range(messages) for i, c in enumerate(clients)]
    results: list[bool] = []
    started = time.monotonic()

    def paced(index_job):
        index, (client, tag) = index_job
        wait = started + index / rate - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return client.send(tag)
        except Exception:
            return False

    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(paced, enumerate(jobs)))
    return sum(results), len(results) - sum(results), time.monotonic() - started


def prepare(url: str, upload_dir: Path) -> None:
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from config import Config

    app = create_app(Config, SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(upload_dir),
                     SECRET_KEY=SECRET_KEY)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()


def run(args) -> dict:
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="eptsp-chat-") as tmp:
        url, db_name = stack.enter_context(services.throwaway_postgres(max_connections=300))
        redis_url, redis_name = (None, "no Redis (clients poll every second)")
        if not args.no_redis:
            redis_url, redis_name = stack.enter_context(services.throwaway_redis())
        workdir = Path(tmp)
        prepare(url, workdir / "uploads")
        env = {"DATABASE_URL": url, "UPLOAD_DIR": str(workdir / "uploads"),
               "SECRET_KEY": SECRET_KEY, "CAPTCHA_ENABLED": "0", "RATELIMIT_ENABLED": "0",
               "OUTBOX_INPROCESS": "0", "SMTP_URL": "", "WEB_THREADS": str(args.threads),
               "CHAT_LONGPOLL_SECONDS": "20", "WEB_ACCESS_LOG": str(workdir / "access.log")}
        if redis_url:
            env["REDIS_URL"] = redis_url
        with server("gunicorn", env, workdir / "server.log", workers=args.workers) as (_c, port):
            result = measure(port, args, long_poll=not args.no_redis)
    return {**result, "database": db_name, "redis": redis_name}


def measure(port: int, args, long_poll: bool) -> dict:
    health = healthz_p95(port)
    clients = [Client(port) for _ in range(args.clients)]
    with ThreadPoolExecutor(32) as pool:
        list(pool.map(Client.open, clients))
    stop = threading.Event()
    listeners = [threading.Thread(target=c.listen, args=(stop, long_poll), daemon=True)
                 for c in clients]
    for thread in listeners:
        thread.start()
    time.sleep(3)  # everyone connected and waiting
    accepted, refused, seconds = post_all(clients, args.messages, args.rate)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and sum(len(c.received) for c in clients) < accepted:
        time.sleep(0.2)
    stop.set()
    latencies = [x for c in clients for x in c.latencies]
    return {"clients": args.clients, "accepted": accepted, "refused": refused,
            "delivered": len(latencies), "post_seconds": seconds,
            "poll_errors": sum(c.errors for c in clients), "health_p95": health,
            "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "max": max(latencies, default=float("nan"))}


def report(r: dict, args) -> str:
    mode = "long-poll woken by Redis pub/sub" if not args.no_redis else "polling every 1 s"
    ratio = r["p95"] / r["health_p95"]
    return "\n".join([
        f"`{' '.join(['.venv/bin/python', 'bench/chat_connections.py', *sys.argv[1:]])}` on "
        f"{platform.node() and 'one machine'} ({platform.machine()}, "
        f"{__import__('os').cpu_count()} cores), gunicorn {args.workers} worker processes x "
        f"{args.threads} threads, {r['database']}, {r['redis']}; delivery by {mode}.",
        "",
        "| clients connected | messages accepted / refused | delivered | delivery p50 (s) | "
        "delivery p95 (s) | max (s) | `/healthz` p95 (s) | delivery p95 / healthz p95 | "
        "poll errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {r['clients']} | {r['accepted']} / {r['refused']} | {r['delivered']} | "
        f"{r['p50']:.3f} | {r['p95']:.3f} | {r['max']:.3f} | {r['health_p95']:.4f} | "
        f"{ratio:.1f} | {r['poll_errors']} |",
        "",
        f"Messages were posted by 32 senders paced at up to {args.rate:g} per second "
        f"({r['accepted'] + r['refused']} in {r['post_seconds']:.1f} s), {args.messages} per "
        "conversation, while all clients waited. Target: every accepted "
        "message delivered, p95 under 2 s. Delivery latency runs from just before the sender's "
        "POST to the listener's receipt, so it includes storing the message. Timings vary with "
        "machine load (other processes share the CPUs); the ratio is measured in the same run.",
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--messages", type=int, default=2)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=160)
    parser.add_argument("--no-redis", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    result = run(args)
    text = report(result, args)
    print(text)
    if args.write_docs:
        write_section(HEADING + (" (polling)" if args.no_redis else ""), text)
    ok = result["delivered"] == result["accepted"] and result["p95"] < 2.0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
