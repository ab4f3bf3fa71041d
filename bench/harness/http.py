"""A small HTTP client with a cookie jar, and bursts of requests released together."""

from __future__ import annotations

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.harness.timing import percentile


class Browser:
    """One person: their cookies; a new connection per request (no keep-alive), as the
    slowest realistic client would."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields=None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        headers = {}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), data


def hidden_value(html: bytes, name: str) -> str:
    match = re.search(rb'name="' + re.escape(name.encode()) + rb'"[^>]*value="([^"]*)"', html)
    if not match:
        raise RuntimeError(f"page has no {name}")
    return match.group(1).decode()


def page_problem(status: int, location: str, body: bytes) -> str:
    """What a failed request said: the page's error texts, else its title."""
    text = body.decode(errors="replace")
    found = re.findall(r'invalid-feedback[^>]*>([^<]+)<|alert-\w+[^>]*>\s*([^<]+)<', text)
    title = re.search(r"<title>([^<]*)</title>", text)
    message = "; ".join(a or b for a, b in found)[:200].strip() or \
        (title.group(1).strip() if title else text[:200])
    return f"{status} {location} {message}".strip()


@dataclass
class Outcome:
    ok: bool
    status: int
    started: float
    ended: float
    kind: str = ""
    detail: str = ""

    @property
    def latency(self) -> float:
        return self.ended - self.started


@dataclass
class Burst:
    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, kind: str) -> Burst:
        return Burst([o for o in self.outcomes if o.kind == kind])

    @property
    def seconds(self) -> float:
        return max(o.ended for o in self.outcomes) - min(o.started for o in self.outcomes)

    @property
    def rate(self) -> float:
        """Requests of the burst divided by the time from the first start to the last end."""
        return len(self.outcomes) / self.seconds

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def percentile(self, p: float) -> float:
        return percentile([o.latency for o in self.outcomes], p)


def burst(jobs: list[tuple[str, object]]) -> Burst:
    """Every (kind, job) in its own thread, released together by a barrier; a job returns
    (ok, status, detail)."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[Outcome | None] = [None] * len(jobs)

    def run(i: int, kind: str, job) -> None:
        barrier.wait()
        started = time.perf_counter()
        try:
            ok, status, detail = job()
        except Exception as exc:  # a refused or reset connection is an error, not a crash
            ok, status, detail = False, 0, repr(exc)
        outcomes[i] = Outcome(ok, status, started, time.perf_counter(), kind, detail)

    threads = [threading.Thread(target=run, args=(i, kind, job))
               for i, (kind, job) in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Burst(outcomes)
