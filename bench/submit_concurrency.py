"""Benchmark: 200 applicants pressing Submit at the same moment, against PostgreSQL.

Target (issue 5): 0 errors, 0 duplicate receipts (resi) or registration numbers, and the
submission throughput reported as a ratio to a bare endpoint on the same server.

1. A database: a throwaway PostgreSQL server started here (initdb + pg_ctl in a temporary
   directory on a free port, as `.ci/run` does; stopped and removed at the end, on Ctrl+C and
   on errors too), or `--pg URL` for an existing database, or `--sqlite` for the embedded
   SQLite file. It is migrated, roles are synced and the sample catalogue is published.
2. N applicants (`--applicants`, default 200), each with a complete draft built by the tests'
   own builders (`tests/helpers.py`), spread over SIP-DOKTER, SIPA and IZIN-PENELITIAN so that
   several per-permit sequences are used and many applicants hit the same sequence row.
3. The real app served by Werkzeug in a separate process (one process, a thread per
   connection), captcha, rate limits and the in-process outbox off.
4. Untimed: every applicant logs in over HTTP (`POST /masuk`, own cookie jar) and opens step 5
   (`/permohonan/<uid>/langkah/detail`) for its CSRF token and `_submit_key`.
5. Timed: N threads wait on a barrier, then each posts its step-5 form with `_nav=submit`
   (a new connection per request, like a browser without keep-alive). Success is a 302 to
   Permohonan Saya. The same burst shape against `GET /healthz` (one `SELECT 1`, JSON) on the
   same server is the baseline. Then the database is checked: applications in process, distinct
   receipts, registration numbers distinct per permit and their sequence values exactly
   k0+1..k0+k per permit (k0 = the counter before the burst: no gaps, no duplicates).

    .venv/bin/python bench/submit_concurrency.py [--applicants 200] [--pg URL | --sqlite]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PERMITS = ("SIP-DOKTER", "SIPA", "IZIN-PENELITIAN")
SECRET_KEY = "bench-submit-secret"
SUCCESS_PATH = "/permohonan"


def app_settings(url: str, upload_dir: Path) -> dict:
    """The same settings for the preparing process and the server process."""
    return dict(SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(upload_dir), SECRET_KEY=SECRET_KEY,
                CAPTCHA_ENABLED=False, RATELIMIT_ENABLED=False, OUTBOX_INPROCESS=False,
                SMTP_URL=None, WHATSAPP_GATEWAY_URL=None,
                FAB_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")  # fast logins, as in tests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# the database --------------------------------------------------------------------------------
@contextmanager
def throwaway_postgres():
    """initdb + pg_ctl in a temporary directory on a free port; as root through `su postgres`, like
    .ci/run. PostgreSQL's own defaults otherwise (fsync and synchronous_commit on)."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                  key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                  else 0)
    if not bins:
        raise SystemExit("no PostgreSQL binaries under /usr/lib/postgresql/*/bin; use --pg URL")
    pgbin = bins[-1].parent
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
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=100"
    started = False
    try:
        as_pg(f"{q(str(pgbin / 'pg_ctl'))} -D {q(str(data))} -w -l {q(str(data / 'server.log'))}"
              f" -o {q(options)} start")
        started = True
        as_pg(f"{q(str(pgbin / 'createdb'))} -h 127.0.0.1 -p {port} -U postgres eptsp_bench")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/eptsp_bench", \
            _postgres_version(pgbin)
    finally:
        if started:
            as_pg(f"{q(str(pgbin / 'pg_ctl'))} -D {q(str(data))} -m fast -w stop", check=False)
        shutil.rmtree(data, ignore_errors=True)


def _postgres_version(pgbin: Path) -> str:
    out = subprocess.run([str(pgbin / "postgres"), "--version"], capture_output=True, text=True)
    return out.stdout.strip().replace("postgres (PostgreSQL) ", "PostgreSQL ")


# preparing applicants and drafts (in this process) --------------------------------------------
@dataclass
class Applicant:
    identity: str
    password: str
    uid: str
    permit: str
    fields: list[tuple[str, str]]  # step 5 as the browser posts it, without CSRF and key
    browser: Browser | None = None
    csrf: str = ""
    submit_key: str = ""



def unused_nik() -> str:
    """A valid NIK nobody has yet (`--pg` may point at a database that has applicants)."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import ApplicantProfile
    from tests.helpers import new_nik

    while True:
        nik = new_nik(day=random.randint(1, 28), month=random.randint(1, 12),
                      year=random.randint(60, 99))
        if not db.session.scalar(select(func.count()).where(ApplicantProfile.nik == nik)):
            return nik


def prepare(app, count: int) -> list[Applicant]:
    from flask_migrate import upgrade

    from app.cli import sync_roles
    from app.extensions import db
    from app.services import applications as apps
    from app.services import catalogue_store
    from catalogue import DEFINITIONS
    from tests.helpers import PASSWORD, fill_draft, make_applicant
    from tests.wizard_client import flatten

    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        sync_roles()
        try:
            catalogue_store.import_path(DEFINITIONS)
        except catalogue_store.NothingChanged:  # --pg: a database that already has it
            pass
        applicants = []
        for i in range(count):
            permit = PERMITS[i % len(PERMITS)]
            user, data = make_applicant(app, email=f"bench{i}.{time.time_ns()}@contoh.id",
                                        nik=unused_nik())
            draft = fill_draft(app, user, permit)
            documents = draft.data.get("documents") or {}
            fields = flatten(apps.form_definition(draft), draft.data.get("details") or {})
            fields += [(f"doc-{slot['key']}", documents.get(slot["key"], ""))
                       for slot in apps.document_slots(draft)]
            fields += [("_declaration", "1"), ("_nav", "submit")]
            applicants.append(Applicant(data["nik"], PASSWORD, draft.uid, permit, fields))
            if (i + 1) % 50 == 0:
                print(f"  {i + 1} drafts ready", flush=True)
        db.session.remove()
    return applicants


def sequence_counters(app) -> dict[str, int]:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import NumberSequence

    with app.app_context():
        rows = db.session.execute(select(NumberSequence.permit_code, NumberSequence.year,
                                         NumberSequence.last_value)
                                  .where(NumberSequence.scope == "registration")).all()
        db.session.remove()
    return {f"{r.permit_code}/{r.year}": r.last_value for r in rows}


# the server process --------------------------------------------------------------------------
def serve(url: str, upload_dir: str) -> None:
    """Runs in the child: the real app, Werkzeug, a thread per connection."""
    import logging

    from werkzeug import serving

    from app import create_app
    from config import Config

    app = create_app(Config, **app_settings(url, Path(upload_dir)))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log; errors still go
    serving.BaseWSGIServer.request_queue_size = 1024  # 128 would drop SYNs of a 200 burst
    server = serving.make_server("127.0.0.1", 0, app, threaded=True)
    print(json.dumps({"port": server.server_port}), flush=True)
    server.serve_forever()


@contextmanager
def server_process(url: str, upload_dir: Path, log_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(log_path, "wb") as log:
        child = subprocess.Popen([sys.executable, __file__, "--serve", url, str(upload_dir)],
                                 stdout=subprocess.PIPE, stderr=log, env=env, cwd=str(ROOT),
                                 start_new_session=True)
        try:
            line = child.stdout.readline()
            if not line:
                raise RuntimeError(f"server did not start; see {log_path}")
            yield child, json.loads(line)["port"]
        finally:
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


# a small HTTP client with a cookie jar ----------------------------------------------------
class Browser:
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


def log_in_and_open_step5(port: int, applicant: Applicant) -> None:
    browser = Browser(port)
    status, _headers, page = browser.request("GET", "/masuk")
    assert status == 200, status
    status, headers, _body = browser.request("POST", "/masuk", [
        ("csrf_token", hidden_value(page, "csrf_token")), ("identity", applicant.identity),
        ("password", applicant.password), ("captcha", ""), ("next", "")])
    assert status == 302 and "/masuk" not in headers.get("Location", ""), \
        f"login of {applicant.identity} failed ({status})"
    status, _headers, page = browser.request("GET", f"/permohonan/{applicant.uid}/langkah/detail")
    assert status == 200, f"step 5 of {applicant.uid}: {status}"
    applicant.browser = browser
    applicant.csrf = hidden_value(page, "csrf_token")
    applicant.submit_key = hidden_value(page, "_submit_key")


# bursts ------------------------------------------------------------------------------------
@dataclass
class Outcome:
    ok: bool
    status: int
    started: float
    ended: float
    detail: str = ""

    @property
    def latency(self) -> float:
        return self.ended - self.started


@dataclass
class Burst:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return max(o.ended for o in self.outcomes) - min(o.started for o in self.outcomes)

    @property
    def rate(self) -> float:
        return len(self.outcomes) / self.seconds

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def percentile(self, p: float) -> float:
        """Nearest rank."""
        values = sorted(o.latency for o in self.outcomes)
        return values[max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))]


def burst(jobs: list) -> Burst:
    """Every job in its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[Outcome | None] = [None] * len(jobs)

    def run(i: int, job) -> None:
        barrier.wait()
        started = time.perf_counter()
        try:
            ok, status, detail = job()
        except Exception as exc:  # a refused or reset connection is an error, not a crash
            ok, status, detail = False, 0, repr(exc)
        outcomes[i] = Outcome(ok, status, started, time.perf_counter(), detail)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Burst(outcomes)


def submit_job(applicant: Applicant):
    def job():
        fields = [("csrf_token", applicant.csrf), ("_submit_key", applicant.submit_key),
                  *applicant.fields]
        status, headers, body = applicant.browser.request(
            "POST", f"/permohonan/{applicant.uid}/langkah/detail", fields)
        location = urlsplit(headers.get("Location", "")).path
        if status == 302 and location == SUCCESS_PATH:
            return True, status, ""
        text = body.decode(errors="replace")
        found = re.findall(r'invalid-feedback[^>]*>([^<]+)<|alert-\w+[^>]*>\s*([^<]+)<', text)
        title = re.search(r"<title>([^<]*)</title>", text)
        message = "; ".join(a or b for a, b in found)[:200].strip() or \
            (title.group(1).strip() if title else text[:200])
        return False, status, f"{location} {message}".strip()
    return job


def health_job(port: int):
    def job():
        status, _headers, body = Browser(port).request("GET", "/healthz")
        ok = status == 200 and json.loads(body or b"{}").get("status") == "ok"
        return ok, status, "" if ok else body[:200].decode(errors="replace")
    return job


# checking the database after the burst --------------------------------------------------------
def check_database(app, applicants: list[Applicant], before: dict[str, int]) -> dict:
    from sqlalchemy import func, select

    import catalogue as cat_lib
    from app.extensions import db
    from app.models import Application, ApplicationEvent
    from app.services import applications as apps
    from app.services import calendar

    uids = [a.uid for a in applicants]
    with app.app_context():
        rows = db.session.scalars(select(Application).where(Application.uid.in_(uids))).all()
        applicant_ids = {r.applicant_id for r in rows}
        total_rows = db.session.scalar(select(func.count(Application.id)).where(
            Application.applicant_id.in_(applicant_ids)))
        submitted_events = db.session.scalar(select(func.count(ApplicationEvent.id)).where(
            ApplicationEvent.application_id.in_([r.id for r in rows]),
            ApplicationEvent.kind == "submitted"))
        in_process = [r for r in rows if r.status == "in_process"]
        resis = [r.resi for r in rows if r.resi]
        per_permit: dict[str, dict] = {}
        sentinel = 987654321
        for row in in_process:
            permit = apps.permit_of(row)
            day = calendar.local_date(row.submitted_at)
            pattern = re.escape(cat_lib.format_number(
                permit["registration_number"], seq=sentinel, date=day, agency=permit["agency"],
                permit=permit["code"], app_type=row.application_type))
            pattern = pattern.replace(str(sentinel), r"(\d+)")
            match = re.fullmatch(pattern, row.registration_number or "")
            entry = per_permit.setdefault(row.permit_code, {"numbers": [], "seqs": [],
                                                            "years": set()})
            entry["numbers"].append(row.registration_number)
            entry["years"].add(day.year)
            entry["seqs"].append(int(match.group(1)) if match else -1)
        db.session.remove()
    report = {"applications": len(rows), "rows_of_these_applicants": total_rows,
              "in_process": len(in_process), "submitted_events": submitted_events,
              "resi": len(resis), "distinct_resi": len(set(resis)), "permits": {}}
    for code, entry in sorted(per_permit.items()):
        k = len(entry["seqs"])
        (year,) = entry["years"] if len(entry["years"]) == 1 else (None,)
        k0 = before.get(f"{code}/{year}", 0)
        report["permits"][code] = {
            "count": k, "distinct_numbers": len(set(entry["numbers"])), "first_before": k0,
            "gap_free": sorted(entry["seqs"]) == list(range(k0 + 1, k0 + k + 1)),
            "min": min(entry["seqs"]), "max": max(entry["seqs"])}
    return report


# the run ---------------------------------------------------------------------------------
def run(args) -> dict:
    from app import create_app
    from config import Config

    with tempfile.TemporaryDirectory(prefix="eptsp-bench-") as tmp:
        workdir = Path(tmp)
        upload_dir = workdir / "uploads"
        with database(args, workdir) as (url, engine_name):
            print(f"database: {engine_name}", flush=True)
            app = create_app(Config, **app_settings(url, upload_dir))
            started = time.perf_counter()
            applicants = prepare(app, args.applicants)
            print(f"{len(applicants)} applicants with drafts in "
                  f"{time.perf_counter() - started:.1f} s", flush=True)
            with server_process(url, upload_dir, workdir / "server.log") as (child, port):
                started = time.perf_counter()
                with ThreadPoolExecutor(max_workers=8) as pool:
                    list(pool.map(lambda a: log_in_and_open_step5(port, a), applicants))
                print(f"logged in and opened step 5 over HTTP in "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
                for _ in range(20):  # warm-up of the baseline route
                    health_job(port)()
                before = sequence_counters(app)
                load = os.getloadavg()[0]
                health = burst([health_job(port) for _ in applicants])
                submit = burst([submit_job(a) for a in applicants])
                alive = child.poll() is None
            log = (workdir / "server.log").read_text(errors="replace")
            report = check_database(app, applicants, before)
            with app.app_context():
                from app.extensions import db

                db.engine.dispose()
    return {"engine": engine_name, "health": health, "submit": submit, "db": report,
            "server_alive": alive, "server_errors": _server_errors(log), "load": load}


def _server_errors(log: str) -> list[str]:
    """Each kind of traceback in the server's log once, with a count: the exception and the
    innermost frames of our own code (where it happened)."""
    found: Counter[str] = Counter()
    for trace in log.split("Traceback (most recent call last):")[1:]:
        if "the following exception" in trace:
            continue  # the cause of a chained exception: its outermost one is counted
        lines = trace.strip().splitlines()
        error = next((line for line in reversed(lines) if re.match(r"\w[\w.]*(Error|Exception)",
                                                                     line)), lines[-1])
        frames = re.findall(r'File "' + re.escape(str(ROOT)) + r'/((?:app|catalogue)/[^"]+)", '
                            r"line (\d+), in (\w+)", trace)
        where = " <- ".join(f"{path}:{line} {func}" for path, line, func in
                            reversed(frames[-3:]))
        found[f"{error.strip()[:200]} at {where or '?'}"] += 1
    return [f"{n} x {text}" for text, n in found.most_common(10)]


@contextmanager
def database(args, workdir: Path):
    if args.sqlite:
        import sqlite3

        yield f"sqlite:///{workdir / 'bench.db'}", f"SQLite {sqlite3.sqlite_version} (WAL)"
    elif args.pg:
        yield args.pg, "PostgreSQL (--pg)"
    else:
        with throwaway_postgres() as (url, version):
            yield url, version


def print_report(args, result: dict) -> bool:
    health, submit, report = result["health"], result["submit"], result["db"]
    n = args.applicants
    print(f"\n{n} concurrent requests each, one Werkzeug process (thread per connection), "
          f"{result['engine']}")
    print(f"{'burst':28s} {'ok':>5s} {'errors':>6s} {'seconds':>8s} {'req/s':>8s} "
          f"{'p50 (s)':>8s} {'p95 (s)':>8s} {'max (s)':>8s}")
    for name, b in (("GET /healthz (baseline)", health), ("submit (step 5, _nav=submit)",
                                                         submit)):
        print(f"{name:28s} {len(b.outcomes) - len(b.errors):5d} {len(b.errors):6d} "
              f"{b.seconds:8.2f} {b.rate:8.1f} {b.percentile(50):8.3f} {b.percentile(95):8.3f}"
              f" {max(o.latency for o in b.outcomes):8.3f}")
    print(f"submission throughput / baseline: {submit.rate / health.rate:.3f} "
          f"(1 : {health.rate / submit.rate:.1f})")
    for name, b in (("baseline", health), ("submit", submit)):
        if b.errors:
            kinds = Counter((o.status, o.detail[:160]) for o in b.errors)
            print(f"{name} errors:")
            for (status, detail), count in kinds.most_common(10):
                print(f"  {count} x {status} {detail}")
    if result["server_errors"]:
        print("server log:")
        for line in result["server_errors"]:
            print(f"  {line}")
    print(f"database: {report['applications']} applications of these applicants "
          f"({report['rows_of_these_applicants']} rows in all), {report['in_process']} in "
          f"process, {report['submitted_events']} 'submitted' events, {report['resi']} resi "
          f"({report['distinct_resi']} distinct)")
    duplicates = report["resi"] - report["distinct_resi"]
    gap_free = True
    for code, p in report["permits"].items():
        dup = p["count"] - p["distinct_numbers"]
        duplicates += dup
        gap_free &= p["gap_free"]
        print(f"  {code:16s} {p['count']:4d} registration numbers, {dup} duplicate, sequence "
              f"{p['min']}..{p['max']} after {p['first_before']}: "
              f"{'gap-free' if p['gap_free'] else 'GAPS OR DUPLICATES'}")
    ok = (not submit.errors and not health.errors and report["in_process"] == n
          and report["distinct_resi"] == n and report["rows_of_these_applicants"] == n
          and report["submitted_events"] == n and duplicates == 0 and gap_free)
    print(f"errors: {len(submit.errors)}; duplicate receipts or registration numbers: "
          f"{duplicates}; target met: {'yes' if ok else 'NO'}")
    print("\nmarkdown row: | "
          + " | ".join([date.today().isoformat(), result["engine"], str(n),
                        str(len(submit.errors)), str(duplicates),
                        f"{submit.rate:.1f}", f"{health.rate:.1f}",
                        f"{submit.rate / health.rate:.3f}",
                        f"{submit.percentile(50):.2f} / {submit.percentile(95):.2f}",
                        f"{health.percentile(50):.2f} / {health.percentile(95):.2f}"]) + " |")
    print(f"machine: Python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs, 1-minute load average {result['load']:.2f} before the "
          f"bursts; server process {'alive' if result['server_alive'] else 'DIED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applicants", type=int, default=200)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--pg", metavar="URL", help="an existing PostgreSQL database "
                       "(postgresql+psycopg://...); default: a throwaway server")
    where.add_argument("--sqlite", action="store_true", help="the embedded SQLite file instead")
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.serve:
        serve(*args.serve)
        return 0
    # Ctrl+C (even when started in the background) and SIGTERM unwind through the `finally`
    # blocks, so the server process and the throwaway PostgreSQL are stopped and removed
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    result = run(args)
    return 0 if print_report(args, result) else 1


if __name__ == "__main__":
    sys.exit(main())
