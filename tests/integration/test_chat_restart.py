"""Messages are stored before they are delivered: a server process killed outright (SIGKILL,
no chance to flush anything) right after accepting a message loses none of it; a new process
delivers it to the next poll."""

from __future__ import annotations

import http.cookiejar
import json
import re
import signal
import urllib.parse
import urllib.request

from tests.processes import Gunicorn, migrate_sqlite, server_env


class Browser:
    """A cookie-keeping HTTP client, as a visitor's browser is."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Accept": "application/json"})
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_a_killed_server_loses_no_accepted_message(tmp_path):
    url = migrate_sqlite(tmp_path / "eptsp.db")
    env = server_env(url, tmp_path, CAPTCHA_ENABLED="0")
    server = Gunicorn(env, tmp_path, name="before").start().wait_ready()
    try:
        visitor = Browser(server.url)
        visitor.post("/bantuan/chat", {"csrf_token": csrf(visitor.get("/bantuan/chat")),
                                       "name": "Dewi", "contact": "dewi@contoh.id"})
        page = visitor.get("/bantuan/chat/percakapan")
        base = re.search(r'data-messages-url="(/chat/percakapan/[^/]+)/pesan"', page).group(1)
        status, _body = visitor.post(f"{base}/kirim", {"csrf_token": csrf(page),
                                                       "body": "pesan sebelum mati"})
        assert status == 201
    finally:
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(30)

    again = Gunicorn(env, tmp_path, name="after").start().wait_ready()
    try:
        visitor.base = again.url  # the same browser (session cookie) on the new process
        answer = json.loads(visitor.get(f"{base}/pesan?after=0"))
        assert [m["body"] for m in answer["messages"]] == ["pesan sebelum mati"]
    finally:
        assert again.stop() == 0
