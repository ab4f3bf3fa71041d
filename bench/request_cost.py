"""Benchmark: the web CPU one request costs, per kind of request, as a ratio to `GET /healthz`
measured in the same run — where the load benchmark's throughput goes.

The load benchmark (bench/load_mixed.py) says how many submissions and tracking pages per
second the server completes; this one says why, one request at a time, without HTTP, threads
or other processes in between: the real app in this process (Flask's test client), its
settings as load_mixed.py serves it (captcha, rate limits and the in-process outbox off), on a
SQLite file and, with `--pg URL` (or `--pg-throwaway`), on PostgreSQL.

1. Migrated, roles synced, the sample catalogue published; N applicants (`--requests`) with
   complete drafts that have reached Validasi Data, built by the tests' builders
   (bench/harness/people.py), each logged in with its own cookie jar. Untimed.
2. Timed one after another, each request's CPU time of this process (`time.process_time`;
   SQLite runs inside it, PostgreSQL's own work does not count) and its wall time, in
   rounds of one request of each kind per applicant: `GET /healthz` (the baseline), `GET /`
   (home), `GET /persyaratan` (the public permit list), step 5 "Lanjut" (the permit's form
   posted again, as the applicant does right before Kirim), Kirim on Validasi Data (the
   submission), and `GET /lacak?resi=` with the receipt it just got (no session cookie).
   The kinds are interleaved so that the machine's load, which moves during a run, weighs
   on all of them alike. A few untimed rounds come first (templates compiled, caches
   filled).
3. `--profile`: a further `--profile-requests` of each kind under cProfile; the top entries
   per kind are printed (`--sort`, own time by default; `--only REGEX` to keep some).

    .venv/bin/python bench/request_cost.py [--requests 40] [--pg URL] [--profile] [--write-docs]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import cli, people  # noqa: E402
from bench.harness.http import hidden_value  # noqa: E402
from bench.harness.timing import percentile  # noqa: E402

SECRET_KEY = "bench-request-cost"
KINDS = ("healthz", "home", "persyaratan", "step5", "submit", "lacak")
LABELS = {"healthz": "`GET /healthz` (baseline)", "home": "`GET /` (home)",
          "persyaratan": "`GET /persyaratan` (permit list)",
          "step5": "step 5 Lanjut (POST)", "submit": "Kirim on Validasi Data (POST)",
          "lacak": "`GET /lacak?resi=`"}


@dataclass
class Cost:
    cpu_ms: list[float] = field(default_factory=list)
    wall_ms: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    profile: str = ""


class StatementCounter:
    """Counts the SQL statements an engine runs (all of them, writes included)."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        self.count += 1


def make_app(url: str, upload_dir: Path):
    from app import create_app
    from bench.load_mixed import settings
    from config import Config

    overrides = {k: v for k, v in settings(url, None, upload_dir).items()}
    os.environ.update(overrides)  # what the served app reads from its environment
    return create_app(Config, SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(upload_dir),
                      SECRET_KEY=SECRET_KEY, CAPTCHA_ENABLED=False, RATELIMIT_ENABLED=False,
                      OUTBOX_INPROCESS=False, FAB_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")


def log_in(app, applicant: people.Applicant) -> None:
    """As people.log_in_applicant does over HTTP, with the test client as the browser."""
    client = app.test_client()
    page = client.get("/masuk").data
    response = client.post("/masuk", data={
        "csrf_token": hidden_value(page, "csrf_token"), "identity": applicant.identity,
        "password": applicant.password, "captcha": "", "next": ""})
    assert response.status_code == 302 and "/masuk" not in response.location, \
        f"login failed ({response.status_code})"
    page = client.get(people.review_path(applicant.uid))
    assert page.status_code == 200, f"Validasi Data of {applicant.uid}: {page.status_code}"
    applicant.browser = client
    applicant.csrf = hidden_value(page.data, "csrf_token")
    applicant.submit_key = hidden_value(page.data, "_submit_key")


def request_of(app, kind: str, applicant: people.Applicant):
    """(call, check): the request of this kind for this applicant's round, and what its
    answer must be. Tracking reads the receipt the applicant's submission just got."""
    from werkzeug.datastructures import MultiDict

    def anonymous(path: str, expect: bytes):
        client = app.test_client()
        return (lambda: client.get(path),
                lambda r: r.status_code == 200 and expect in r.data)

    a = applicant
    if kind == "healthz":
        return anonymous("/healthz", b'"ok"')
    if kind == "home":
        return anonymous("/", b"<html")
    if kind == "persyaratan":
        return anonymous("/persyaratan", b'id="nav-persyaratan"')
    if kind == "lacak":
        return anonymous(f"/lacak?resi={receipt_of(app, a.uid)}", b"tracking-status")
    if kind == "step5":
        return (lambda: a.browser.post(f"/permohonan/{a.uid}/langkah/detail",
                                       data=MultiDict([("csrf_token", a.csrf), *a.fields])),
                lambda r: r.status_code == 302 and r.location.endswith("/validasi"))
    return (lambda: a.browser.post(people.review_path(a.uid),
                                   data=MultiDict(people.submit_fields(a))),
            lambda r: r.status_code == 302 and r.location.endswith("/permohonan"))


def measure(call, check, counter: StatementCounter, cost: Cost | None, profiler=None) -> None:
    before_sql = counter.count
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler is not None:
        profiler.enable()
    response = call()
    if profiler is not None:
        profiler.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if not check(response):
        raise SystemExit(f"unexpected answer {response.status_code} "
                         f"{response.location or response.data[:300]!r}")
    if cost is not None:
        cost.cpu_ms.append(cpu * 1000)
        cost.wall_ms.append(wall * 1000)
        cost.statements.append(counter.count - before_sql)


def receipt_of(app, uid: str) -> str:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Application

    with app.app_context():
        found = db.session.scalar(select(Application.resi).where(Application.uid == uid))
        db.session.remove()
    assert found, f"{uid} has no receipt"
    return found


def rounds(app, applicants, counter, costs=None, profilers=None) -> None:
    """One request of each kind per applicant, kinds interleaved: a change in the machine's
    load during the run touches every kind alike, so the ratios stay comparable."""
    for applicant in applicants:
        for kind in KINDS:
            call, check = request_of(app, kind, applicant)
            measure(call, check, counter, costs[kind] if costs else None,
                    profilers[kind] if profilers else None)


def run_database(label: str, url: str, args) -> dict[str, Cost]:
    from bench.load_mixed import prepare_database

    cli.start_fresh(url, reuse=False)
    with tempfile.TemporaryDirectory(prefix="eptsp-cost-") as tmp:
        app = make_app(url, Path(tmp) / "uploads")
        prepare_database(app)
        extra = args.profile_requests if args.profile else 0
        started = time.perf_counter()
        everyone = people.drafts(app, args.requests + args.warmup + extra,
                                 f"cost{time.time_ns()}")
        for applicant in everyone:
            log_in(app, applicant)
        print(f"[{label}] {len(everyone)} drafts ready and logged in in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        warm = everyone[:args.warmup]
        timed = everyone[args.warmup:args.warmup + args.requests]
        with app.app_context():
            from app.extensions import db

            counter = StatementCounter(db.engine)
        costs = {kind: Cost() for kind in KINDS}
        rounds(app, warm, counter)
        rounds(app, timed, counter, costs)
        if args.profile:
            profilers = {kind: cProfile.Profile() for kind in KINDS}
            rounds(app, everyone[args.warmup + args.requests:], counter, None, profilers)
            for kind, profiler in profilers.items():
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
                stats.print_stats(*([args.only] if args.only else []), args.top)
                costs[kind].profile = out.getvalue()
        with app.app_context():
            db.engine.dispose()
    return costs


def table(results: list[tuple[str, dict[str, Cost]]]) -> list[str]:
    rows = ["| database | request | n | CPU ms p50 | CPU ms mean | ratio to `/healthz` (CPU "
            "p50) | wall ms p50 | SQL statements per request |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, costs in results:
        base = percentile(costs["healthz"].cpu_ms, 50)
        for kind in KINDS:
            c = costs[kind]
            cpu = percentile(c.cpu_ms, 50)
            rows.append(
                f"| {label} | {LABELS[kind]} | {len(c.cpu_ms)} | {cpu:.2f} | "
                f"{sum(c.cpu_ms) / len(c.cpu_ms):.2f} | {cpu / base:.1f} | "
                f"{percentile(c.wall_ms, 50):.2f} | "
                f"{percentile([float(s) for s in c.statements], 50):.0f} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="timed requests per kind")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sqlite", default=str(Path(tempfile.gettempdir())
                                                / "eptsp-request-cost.db"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--pg", metavar="URL", help="also on this PostgreSQL database")
    parser.add_argument("--pg-throwaway", action="store_true",
                        help="also on a throwaway PostgreSQL server")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--profile-requests", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", help="pstats order, e.g. cumulative")
    parser.add_argument("--only", help="regular expression: print only matching entries "
                                       "(e.g. '/app/' for the project's own functions)")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--machine-note", default="",
                        help="what else ran on the machine (for the docs section)")
    args = parser.parse_args()
    args.no_pg = not (args.pg or args.pg_throwaway)
    load = os.getloadavg()[0]
    results = []
    with cli.databases(args) as chosen:
        for label, url, version in chosen:
            results.append((version, run_database(label, url, args)))
    rows = table(results)
    print("\n".join(rows))
    if args.profile:
        for version, costs in results:
            for kind in KINDS:
                print(f"\n=== {version}: {LABELS[kind]} ===\n{costs[kind].profile}")
    machine = (f"Python {platform.python_version()} on {platform.machine()}, "
               f"{os.cpu_count()} CPUs, 1-minute load average {load:.1f} at the start")
    print(machine)
    if args.write_docs:
        write_docs(args, rows, machine)
    return 0


def write_docs(args, rows: list[str], machine: str) -> None:
    from datetime import date

    from bench.docs_section import write_section

    notes = ROOT / "bench" / "request_cost.notes.md"
    text = "\n".join([
        f"CPU time of the web process per request, one request at a time through Flask's test "
        f"client, {args.requests} requests of each kind after {args.warmup} untimed ones; "
        f"{machine}{'; ' + args.machine_note if args.machine_note else ''}; "
        f"`.venv/bin/python bench/request_cost.py --write-docs`, {date.today().isoformat()}.",
        "", *rows, "", notes.read_text().strip() if notes.exists() else ""])
    write_section("## Request cost: web CPU per request against `/healthz`", text)


if __name__ == "__main__":
    sys.exit(main())
