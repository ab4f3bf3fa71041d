"""A fake WhatsApp HTTP gateway on loopback, for the notification tests.

It records every request (path, headers, JSON body) and behaves like a gateway that honours
`Idempotency-Key`: a message is delivered once per key, a repeat is answered 200 without a
second delivery. It can be told to fail the next N requests with HTTP 500, or to hang the next
N requests past the client's timeout (a hung request still delivers when it wakes up, as a
slow real gateway would; that is what makes a retry dangerous without the key).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict
    answered: int | None = None  # HTTP status, None while hanging


@dataclass
class FakeWhatsApp:
    token: str = "rahasia-gateway"
    requests: list[Request] = field(default_factory=list)
    delivered: dict[str, dict] = field(default_factory=dict)  # Idempotency-Key -> body
    fail_next: int = 0
    hang_next: int = 0
    hang_seconds: float = 3.0

    def __post_init__(self):
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    # control -----------------------------------------------------------------------------
    def start(self) -> FakeWhatsApp:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                gateway._handle(self)

            def log_message(self, *args):  # keep the test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="fake-whatsapp",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes hanging handlers
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/send"

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Until no request is hanging any more (a late delivery has happened)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(r.answered is not None for r in self.requests):
                    return
            time.sleep(0.05)
        raise AssertionError("the fake gateway still has a hanging request")

    # behaviour ---------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_raw": raw.decode(errors="replace")}
        request = Request(handler.path, {k: v for k, v in handler.headers.items()}, body)
        with self._lock:
            self.requests.append(request)
            fail = self.fail_next > 0
            hang = not fail and self.hang_next > 0
            if fail:
                self.fail_next -= 1
            elif hang:
                self.hang_next -= 1
        if handler.headers.get("Authorization") != f"Bearer {self.token}":
            return self._answer(handler, request, 401, {"error": "unauthorized"})
        if fail:
            return self._answer(handler, request, 500, {"error": "gateway sibuk"})
        if hang:
            self._stop.wait(self.hang_seconds)  # the client has given up by now
        key = handler.headers.get("Idempotency-Key") or f"no-key-{len(self.requests)}"
        with self._lock:
            duplicate = key in self.delivered
            if not duplicate:
                self.delivered[key] = body
        self._answer(handler, request, 200, {"status": "duplicate" if duplicate else "sent"})

    def _answer(self, handler, request: Request, status: int, payload: dict) -> None:
        """Records the answer before sending it: once the client has read it, a test that
        looks at `answered` must find it (recording after the write raced the client)."""
        data = json.dumps(payload).encode()
        with self._lock:
            request.answered = status
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:  # the client hung up (timed out) before the answer
            pass
