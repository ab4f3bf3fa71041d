"""Benchmark: a 50 MB upload must raise the web server's peak memory by at most 30 MB.

Starts the real app in a separate process (werkzeug's `make_server`, one thread, SQLite and an
upload folder in a temporary directory), logs an applicant in over HTTP like a browser (login
form, captcha, session cookie), then uploads through the real File Saya endpoint
(`POST /file-saya/unggah`, multipart, streamed from disk by the client). While each request
runs, a thread samples the server's VmRSS in /proc every few milliseconds; the peak kernel
high-water mark (VmHWM, reset through /proc/<pid>/clear_refs before each request) is read too.
The 1 MB upload in the same run is the baseline; the 50 MB download of the stored file shows
that opening it streams as well; a control posts the same body to a bench-only route that reads
it whole (`request.get_data()`), to show the probe does see a buffered body.

    .venv/bin/python bench/upload_memory.py [--mb 50] [--no-docs]
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402

HEADING = "## File Saya: upload memory"
TARGET_MB = 30.0
MB = 1024 * 1024


# the server process ----------------------------------------------------------------------
def serve(workdir: Path) -> None:
    """Runs in the child: migrate a fresh database, make an applicant, serve one thread."""
    from flask import request
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from app import create_app
    from app.cli import sync_roles
    from app.extensions import csrf
    from config import Config
    from tests.helpers import make_applicant

    app = create_app(Config, SQLALCHEMY_DATABASE_URI=f"sqlite:///{workdir / 'bench.db'}",
                     UPLOAD_DIR=str(workdir / "uploads"), SECRET_KEY="bench-secret",
                     CAPTCHA_TEST_ANSWER="ABCDE", RATELIMIT_ENABLED=False, SMTP_URL=None,
                     OUTBOX_INPROCESS=False, UPLOAD_MAX_MB=50)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        sync_roles()
        _user, data = make_applicant(app, email="bench@contoh.id")

    def read_whole():
        """Control, bench only: the same body read whole into memory, as a naive view would."""
        return {"size": len(request.get_data())}

    app.add_url_rule("/_bench/whole", "bench_whole", csrf.exempt(read_whole), methods=["POST"])
    server = make_server("127.0.0.1", 0, app, threaded=False)
    print(json.dumps({"port": server.server_port, "identity": data["nik"],
                      "password": data["password"]}), flush=True)
    server.serve_forever()


# a small HTTP client with a cookie jar ---------------------------------------------------
class Browser:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None, length=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if length is not None:
            headers["Content-Length"] = str(length)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, conn

    def get(self, path: str) -> tuple[int, bytes]:
        response, conn = self.request("GET", path)
        data = response.read()
        conn.close()
        return response.status, data

    def post_form(self, path: str, fields: dict) -> int:
        from urllib.parse import urlencode

        body = urlencode(fields).encode()
        response, conn = self.request(
            "POST", path, body=body, length=len(body),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        response.read()
        conn.close()
        return response.status

    def upload(self, path: str, fields: dict, file_path: Path, filename: str) -> tuple[int, dict]:
        """multipart/form-data, the file streamed from disk in 1 MB pieces."""
        boundary = uuid.uuid4().hex
        head = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items())
        head += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n').encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        size = file_path.stat().st_size

        def body():
            yield head
            with open(file_path, "rb") as handle:
                while chunk := handle.read(MB):
                    yield chunk
            yield tail

        response, conn = self.request(
            "POST", path, body=body(), length=len(head) + size + len(tail),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                     "Accept": "application/json", "X-Requested-With": "XMLHttpRequest"})
        data = response.read()
        conn.close()
        return response.status, json.loads(data or b"{}")

    def download(self, path: str) -> tuple[int, int, str]:
        response, conn = self.request("GET", path)
        sha, total = hashlib.sha256(), 0
        while chunk := response.read(MB):
            sha.update(chunk)
            total += len(chunk)
        conn.close()
        return response.status, total, sha.hexdigest()


def csrf_of(html: bytes) -> str:
    return re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html).group(1).decode()


# measuring the server ----------------------------------------------------------------------
def status_kb(pid: int, field: str) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1))


@dataclass
class Sample:
    before_mb: float
    peak_mb: float
    hwm_mb: float | None
    seconds: float

    @property
    def increase(self) -> float:
        peaks = [self.peak_mb] + ([self.hwm_mb] if self.hwm_mb is not None else [])
        return max(peaks) - self.before_mb


def measured(pid: int, action) -> tuple[Sample, object]:
    """Runs `action` while sampling the server's VmRSS; the peak over the request counts."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        hwm_reset = True
    except OSError:
        hwm_reset = False
    before = status_kb(pid, "VmRSS")
    peak = before
    done = threading.Event()

    def poll():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, status_kb(pid, "VmRSS"))
            time.sleep(0.002)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    started = time.perf_counter()
    try:
        result = action()
    finally:
        seconds = time.perf_counter() - started
        done.set()
        watcher.join()
    peak = max(peak, status_kb(pid, "VmRSS"))
    hwm = status_kb(pid, "VmHWM") if hwm_reset else None
    return Sample(before / 1024, peak / 1024, hwm / 1024 if hwm else None, seconds), result


def make_pdf(path: Path, size: int) -> str:
    """A valid %PDF- header followed by random bytes (incompressible, like a scan)."""
    sha = hashlib.sha256()
    with open(path, "wb") as out:
        head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        out.write(head)
        sha.update(head)
        left = size - len(head)
        while left > 0:
            chunk = os.urandom(min(MB, left))
            out.write(chunk)
            sha.update(chunk)
            left -= len(chunk)
    return sha.hexdigest()


# the run ---------------------------------------------------------------------------------
def run(big_mb: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="eptsp-bench-") as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(workdir)}
        child = subprocess.Popen([sys.executable, __file__, "--serve", str(workdir)],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                 cwd=str(ROOT))
        try:
            info = json.loads(child.stdout.readline())
            pid = child.pid
            browser = Browser(info["port"])
            status, page = browser.get("/masuk")
            assert status == 200, status
            assert browser.get("/captcha/login.png")[0] == 200
            status = browser.post_form("/masuk", {
                "csrf_token": csrf_of(page), "identity": info["identity"],
                "password": info["password"], "captcha": "ABCDE", "next": ""})
            assert status == 302, f"login failed ({status})"
            token = csrf_of(browser.get("/file-saya")[1])

            files = {}
            for label, size in (("warm-up", 256 * 1024), ("1 MB", MB), (f"{big_mb} MB",
                                                                        big_mb * MB)):
                path = workdir / f"{label.replace(' ', '')}.pdf"
                files[label] = (path, make_pdf(path, size), size)

            def upload(label):
                path, _sha, _size = files[label]
                return browser.upload("/file-saya/unggah", {"csrf_token": token,
                                                            "name": f"Uji {label}"},
                                      path, path.name)

            upload("warm-up")
            results = {"rss_start_mb": status_kb(pid, "VmRSS") / 1024}
            for label in ("1 MB", f"{big_mb} MB"):
                sample, (status, answer) = measured(pid, lambda label=label: upload(label))
                assert status == 200, (status, answer)
                assert answer["size"] == files[label][2], answer
                results[label] = sample
                results[f"{label} uid"] = answer["uid"]
            uid = results[f"{big_mb} MB uid"]
            sample, (status, total, sha) = measured(
                pid, lambda: browser.download(f"/file-saya/{uid}/unduh"))
            assert status == 200 and total == files[f"{big_mb} MB"][2]
            assert sha == files[f"{big_mb} MB"][1], "downloaded bytes differ from the upload"
            results["download"] = sample
            sample, (status, answer) = measured(pid, lambda: browser.upload(
                "/_bench/whole", {"name": "kontrol"}, files[f"{big_mb} MB"][0], "kontrol.pdf"))
            assert status == 200 and answer["size"] > big_mb * MB, (status, answer)
            results["control"] = sample
            return results
        finally:
            child.terminate()
            child.wait(timeout=30)




def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50, help="size of the large upload")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve))
        return 0

    big = f"{args.mb} MB"
    results = run(args.mb)
    small, large, down = results["1 MB"], results[big], results["download"]
    control = results["control"]
    ratio = large.increase / small.increase if small.increase > 0.05 else float("inf")
    ok = large.increase <= TARGET_MB
    rows = [
        ("upload 1 MB PDF (baseline)", small, ""),
        (f"upload {big} PDF", large, f"<= {TARGET_MB:.0f} MB"),
        (f"download the {big} file (Unduh)", down, ""),
        (f"control: {big} body read whole", control, "(shows the probe sees buffering)"),
    ]
    print(f"server RSS after log-in and a warm-up upload: {results['rss_start_mb']:.1f} MB")
    for name, sample, target in rows:
        hwm = f", VmHWM {sample.hwm_mb:.1f} MB" if sample.hwm_mb is not None else ""
        print(f"{name:32s} before {sample.before_mb:6.1f} MB  peak {sample.peak_mb:6.1f} MB"
              f"{hwm}  increase {sample.increase:5.1f} MB  {sample.seconds:5.2f} s  {target}")
    ratio_text = f"{ratio:.2f}x" if ratio != float("inf") else "n/a"
    print(f"{big} vs 1 MB increase: {ratio_text}; target met: {'yes' if ok else 'NO'}")

    table = "\n".join(
        f"| {name} | {s.before_mb:.1f} | {max(s.peak_mb, s.hwm_mb or 0):.1f} | "
        f"{s.increase:.1f} | {s.seconds:.2f} | {target} |" for name, s, target in rows)
    text = (
        "Werkzeug server in its own process (one thread, SQLite, uploads on local disk), an "
        "applicant logged in over HTTP, a PDF of `%PDF-` plus random bytes posted to "
        "`POST /file-saya/unggah` (multipart, streamed by the client); the server's VmRSS is "
        "sampled every 2 ms during each request and its VmHWM reset before it. "
        f"Python {platform.python_version()} on {platform.machine()}; "
        f"`.venv/bin/python bench/upload_memory.py`, {date.today().isoformat()}.\n\n"
        "| request | RSS before (MB) | peak (MB) | increase (MB) | seconds | target |\n"
        "| --- | ---: | ---: | ---: | ---: | --- |\n"
        f"{table}\n\n"
        f"A {big} upload raised the server's peak memory by {large.increase:.1f} MB "
        f"({ratio_text} the 1 MB upload's {small.increase:.1f} MB): target "
        f"(<= {TARGET_MB:.0f} MB) {'met' if ok else 'NOT met'}. The body is never held "
        "whole: Werkzeug spools the file part to a temporary file past 500 KB, and "
        "`files.save_upload` copies it to storage in 1 MB chunks while hashing it and "
        "sniffing its first bytes; opening or downloading streams the stored file in 1 MB "
        "chunks too (the downloaded copy's SHA-256 matched the upload). A request larger than "
        "`MAX_CONTENT_LENGTH` (the upload limit plus 1 MB) is refused with 413 before its body "
        "is parsed. The control row posts the same body to a bench-only route on the same "
        "server that calls `request.get_data()`: it shows what this probe reports when a body "
        f"is held whole ({control.increase:.1f} MB).\n"
    )
    if not args.no_docs:
        write_section(HEADING, text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
