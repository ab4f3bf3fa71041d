"""Benchmark: the whole office at once on loopback — 200 applicants pressing Submit while 20
verifiers act, then 200 visitors tracking by resi — on the production server and on Flask's
development server, in the same run.

Targets (issue "Reproducible and deployable"): on the production server (gunicorn, 4 workers,
PostgreSQL + Redis) 0 errors and 0 duplicate receipts or registration numbers; submissions
per second at least 0.25 of `GET /healthz` on the same server in the same run; public
tracking (`/lacak`, rate limit off) at least 0.6 of `/healthz`.

1. A throwaway PostgreSQL and Redis (or `--pg URL`, `--sqlite`, `--no-redis`); migrated,
   roles synced, the sample catalogue published.
2. Per server: N applicants (`--applicants`, 200) with complete drafts built by the tests'
   builders, and S verifiers (`--staff`, 20), each with one submitted application at the
   verification step. Untimed: everyone logs in over HTTP (staff with TOTP), applicants open
   Validasi Data (CSRF token, submit key), verifiers open their application (form, lock version).
3. Timed, each burst's threads released together by a barrier, a new connection per request:
   `/healthz` x N (three bursts, the median rate is the submissions' baseline); the mixed
   burst (N submissions + S "Teruskan" actions with every document valid); then three pairs
   of a `/healthz` burst and a `/lacak?resi=...` burst over the receipts just issued, each
   pair back to back: the tracking ratio is the median of the three pairs' ratios, so its
   baseline is measured right beside it (the database is still busy with the mixed burst's
   writes for a while, which must not weigh on one side only).
4. The database is checked: every submission in process with a distinct resi, registration
   numbers distinct per permit and gap-free, every verifier's application moved on.

    .venv/bin/python bench/load_mixed.py [--servers dev,gunicorn] [--workers 4] [--write-docs]
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import people, services  # noqa: E402
from bench.harness.checks import check_submissions, moved_on  # noqa: E402
from bench.harness.http import Browser, Burst, burst, page_problem  # noqa: E402
from bench.harness.servers import cpu_seconds, postgres_cpu_seconds, server  # noqa: E402

SECRET_KEY = "bench-load-secret"


def settings(url: str, redis_url: str | None, upload_dir: Path) -> dict[str, str]:
    """Environment of the served app: as an operator would configure it, with captcha, rate
    limits and the in-process outbox off (the outbox rows are still written)."""
    env = {"DATABASE_URL": url, "UPLOAD_DIR": str(upload_dir), "SECRET_KEY": SECRET_KEY,
           "CAPTCHA_ENABLED": "0", "RATELIMIT_ENABLED": "0", "OUTBOX_INPROCESS": "0",
           "SMTP_URL": "", "WHATSAPP_GATEWAY_URL": ""}
    if redis_url:
        env.update(REDIS_URL=redis_url, RATELIMIT_STORAGE_URI=redis_url)
    return env


# jobs ----------------------------------------------------------------------------------
def submit_job(applicant: people.Applicant):
    def job():
        status, headers, body = applicant.browser.request(
            "POST", people.review_path(applicant.uid), people.submit_fields(applicant))
        location = urlsplit(headers.get("Location", "")).path
        ok = status == 302 and location == "/permohonan"
        return ok, status, "" if ok else page_problem(status, location, body)
    return job


def staff_job(staff: people.Staff):
    def job():
        status, headers, body = staff.browser.request(
            "POST", f"/admin/antrian/{staff.uid}/tindakan", staff.form)
        location = urlsplit(headers.get("Location", "")).path
        ok = status == 302 and not location.endswith(staff.uid)
        problem = page_problem(status, location, body)
        if status == 302 and not ok:  # back to the detail page: read what it flashed
            _s, _h, page = staff.browser.request("GET", location)
            problem = page_problem(status, location, page)
        return ok, status, "" if ok else problem
    return job


def get_job(port: int, path: str, expect: bytes):
    def job():
        status, _headers, body = Browser(port).request("GET", path)
        ok = status == 200 and expect in body
        return ok, status, "" if ok else page_problem(status, path, body)
    return job


def cpu_of(child_pid: int, run):
    """`run()` and the CPU seconds it cost the server's processes, PostgreSQL and this client:
    where the machine's two cores went, which the rates alone do not say."""
    before = (cpu_seconds(child_pid), postgres_cpu_seconds(), time.process_time())
    found = run()
    after = (cpu_seconds(child_pid), postgres_cpu_seconds(), time.process_time())
    return found, tuple(a - b for a, b in zip(after, before, strict=True))


def median_burst(child_pid: int, jobs_factory, times: int = 3):
    """The median of `times` bursts by rate, the rates, and the median burst's CPU."""
    runs = [cpu_of(child_pid, lambda: burst(jobs_factory())) for _ in range(times)]
    rates = [b.rate for b, _cpu in runs]
    middle, cpu = sorted(runs, key=lambda run: run[0].rate)[len(runs) // 2]
    return middle, rates, cpu


def paired_bursts(child_pid: int, baseline_factory, measured_factory, times: int = 3) -> dict:
    """`times` pairs of a baseline burst (`/healthz`) right before a measured one (`/lacak`):
    the ratio of each pair, so the baseline is measured under the same conditions as what it
    is compared with (after the mixed burst, PostgreSQL is still busy with what it wrote for
    a while, which would otherwise weigh on the measured bursts only). The median pair by
    ratio is reported, with its measured burst and that burst's CPU."""
    runs = []
    for _ in range(times):
        baseline = burst(baseline_factory())
        measured, cpu = cpu_of(child_pid, lambda: burst(measured_factory()))
        runs.append((measured.rate / baseline.rate, baseline, measured, cpu))
    ratio, _baseline, measured, cpu = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
    return {"ratio": ratio, "ratios": [run[0] for run in runs], "measured": measured,
            "measured_cpu": cpu, "measured_rates": [run[2].rate for run in runs],
            "baseline_rates": [run[1].rate for run in runs],
            "errors": [o for run in runs for o in run[1].errors]}


# one server ----------------------------------------------------------------------------
def run_server(kind: str, args, app, env: dict, workdir: Path) -> dict:
    tag = f"{kind}{time.time_ns()}"
    started = time.perf_counter()
    applicants = people.drafts(app, args.applicants, tag)
    staff = people.verifiers_with_work(app, args.staff, tag)
    print(f"[{kind}] {len(applicants)} drafts and {len(staff)} verifiers with work in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    log_path = workdir / f"{kind}.log"
    with server(kind, env, log_path, workers=args.workers) as (child, port):
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda a: people.log_in_applicant(port, a), applicants))
            list(pool.map(lambda s: people.log_in_staff(port, s), staff))
        for _ in range(30):  # warm every worker's routes and caches
            get_job(port, "/healthz", b"ok")()
            get_job(port, "/lacak", b"Lacak")()
        n = len(applicants)
        health, health_rates, health_cpu = median_burst(child.pid, lambda: [
            ("healthz", get_job(port, "/healthz", b'"ok"')) for _ in range(n)])
        before = people_sequences(app)
        load = os.getloadavg()[0]
        mixed, cpu = cpu_of(child.pid, lambda: burst(
            [("submit", submit_job(a)) for a in applicants]
            + [("staff", staff_job(s)) for s in staff]))
        receipts = resis_of(app, [a.uid for a in applicants])
        pairs = paired_bursts(child.pid, lambda: [
            ("healthz", get_job(port, "/healthz", b'"ok"')) for _ in range(n)], lambda: [
            ("lacak", get_job(port, f"/lacak?resi={r}", b"tracking-status"))
            for r in receipts])
        alive = child.poll() is None
    database = check_submissions(app, [a.uid for a in applicants], before)
    database["staff_moved_on"] = moved_on(app, [s.uid for s in staff])
    return {"kind": kind, "health": health, "health_rates": health_rates, "mixed": mixed,
            "tracking": pairs["measured"], "tracking_rates": pairs["measured_rates"],
            "tracking_ratio": pairs["ratio"], "tracking_ratios": pairs["ratios"],
            "tracking_baseline_rates": pairs["baseline_rates"],
            "baseline_errors": pairs["errors"], "db": database,
            "alive": alive, "load": load, "mixed_cpu": cpu, "health_cpu": health_cpu,
            "tracking_cpu": pairs["measured_cpu"],
            "log": log_path.read_text(errors="replace")}


def people_sequences(app) -> dict[str, int]:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import NumberSequence

    with app.app_context():
        rows = db.session.execute(select(NumberSequence.permit_code, NumberSequence.year,
                                         NumberSequence.last_value)
                                  .where(NumberSequence.scope == "registration")).all()
        db.session.remove()
    return {f"{r.permit_code}/{r.year}": r.last_value for r in rows}


def resis_of(app, uids: list[str]) -> list[str]:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Application

    with app.app_context():
        found = list(db.session.scalars(select(Application.resi).where(
            Application.uid.in_(uids), Application.resi.is_not(None))))
        db.session.remove()
    return found


# the run -------------------------------------------------------------------------------
@contextmanager
def backends(args):
    """(database url, its name, redis url or None, its name)."""
    with ExitStack() as stack:
        if args.sqlite:
            import sqlite3

            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            url, name = f"sqlite:///{workdir / 'bench.db'}", f"SQLite {sqlite3.sqlite_version}"
        elif args.pg:
            url, name = args.pg, "PostgreSQL (--pg)"
        else:
            url, name = stack.enter_context(services.throwaway_postgres())
        redis_url, redis_name = (None, "no Redis")
        if not args.no_redis:
            redis_url, redis_name = stack.enter_context(services.throwaway_redis())
        yield url, name, redis_url, redis_name


def prepare_database(app) -> None:
    from flask_migrate import upgrade

    from app.cli import sync_roles
    from app.services import catalogue_store
    from catalogue import DEFINITIONS

    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        sync_roles()
        try:
            catalogue_store.import_path(DEFINITIONS)
        except catalogue_store.NothingChanged:  # --pg: a database that already has it
            pass


def run(args) -> dict:
    from app import create_app
    from config import Config

    results = []
    with tempfile.TemporaryDirectory(prefix="eptsp-load-") as tmp, backends(args) as found:
        url, db_name, redis_url, redis_name = found
        workdir = Path(tmp)
        env = settings(url, redis_url, workdir / "uploads")
        app = create_app(Config, SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=env["UPLOAD_DIR"],
                         SECRET_KEY=SECRET_KEY, FAB_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")
        prepare_database(app)
        for kind in args.servers.split(","):
            results.append(run_server(kind, args, app, env, workdir))
        with app.app_context():
            from app.extensions import db

            db.engine.dispose()
    return {"database": db_name, "redis": redis_name, "servers": results}


def describe(kind: str, args) -> str:
    return (f"gunicorn, {args.workers} worker processes" if kind == "gunicorn"
            else "Flask development server (one process, a thread per connection)")


def evaluate(result: dict) -> dict:
    mixed, health, tracking = result["mixed"], result["health"], result["tracking"]
    submit, staff = mixed.of("submit"), mixed.of("staff")
    from bench.harness.checks import duplicates_and_gaps, submissions_ok

    duplicates, gap_free = duplicates_and_gaps(result["db"])
    return {
        "submit": submit, "staff": staff, "duplicates": duplicates, "gap_free": gap_free,
        "submit_ratio": submit.rate / health.rate, "tracking_ratio": result["tracking_ratio"],
        "errors": len(mixed.errors) + len(health.errors) + len(tracking.errors)
        + len(result["baseline_errors"]),
        "database_ok": submissions_ok(result["db"])
        and result["db"]["staff_moved_on"] == len(staff.outcomes),
    }


def table(results: list[dict], args) -> list[str]:
    rows = ["| server | errors | duplicate resi / numbers | submissions per s | staff actions "
            "per s | `/healthz` per s | submissions / healthz | `/lacak` per s | lacak / "
            "healthz | submit p50 / p95 (s) | lacak p50 / p95 (s) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        e = evaluate(r)
        rows.append(
            f"| {describe(r['kind'], args)} | {e['errors']} | {e['duplicates']} | "
            f"{e['submit'].rate:.1f} | {e['staff'].rate:.1f} | {r['health'].rate:.1f} | "
            f"{e['submit_ratio']:.3f} | {r['tracking'].rate:.1f} | {e['tracking_ratio']:.3f} | "
            f"{e['submit'].percentile(50):.2f} / {e['submit'].percentile(95):.2f} | "
            f"{r['tracking'].percentile(50):.3f} / {r['tracking'].percentile(95):.3f} |")
    return rows


def cpu_line(b: Burst, cpu: tuple[float, float, float]) -> str:
    per = [seconds * 1000 / len(b.outcomes) for seconds in cpu]
    return f"{per[0]:.1f} + {per[1]:.1f} + {per[2]:.1f} = {sum(per):.1f}"


def print_report(args, result: dict) -> bool:
    from bench.harness.checks import server_errors

    ok = True
    print(f"\n{args.applicants} applicants + {args.staff} verifiers; {result['database']}, "
          f"{result['redis']}")
    print("\n".join(table(result["servers"], args)))
    for r in result["servers"]:
        e = evaluate(r)
        bursts = {"healthz": r["health"], "mixed": r["mixed"], "lacak": r["tracking"],
                  "healthz beside lacak": Burst(r["baseline_errors"])}
        for name, b in bursts.items():
            for (status, detail), count in Counter(
                    (o.status, o.detail[:160]) for o in b.errors).most_common(8):
                print(f"  [{r['kind']}] {name}: {count} x {detail or status}")
        for line in server_errors(r["log"], str(ROOT)):
            print(f"  [{r['kind']}] server log: {line}")
        print(f"[{r['kind']}] healthz rates {[round(x) for x in r['health_rates']]}, lacak "
              f"rates {[round(x) for x in r['tracking_rates']]}, each after a healthz burst "
              f"of {[round(x) for x in r['tracking_baseline_rates']]} (ratios "
              f"{[round(x, 3) for x in r['tracking_ratios']]}); database: "
              f"{r['db']['in_process']}/{r['db']['count']} in process, "
              f"{r['db']['distinct_resi']} distinct resi, gap-free: {e['gap_free']}, "
              f"verifier actions applied: {r['db']['staff_moved_on']}; load before "
              f"{r['load']:.1f}; server {'alive' if r['alive'] else 'DIED'}")
        print(f"[{r['kind']}] CPU per request (ms: web server, PostgreSQL, this client): "
              + "; ".join(f"{name} {cpu_line(r[key], r[cpu])}" for name, key, cpu in (
                  ("healthz", "health", "health_cpu"), ("mixed burst", "mixed", "mixed_cpu"),
                  ("lacak", "tracking", "tracking_cpu"))))
        if r["kind"] == "gunicorn":
            met = (e["errors"] == 0 and e["database_ok"] and e["submit_ratio"] >= 0.25
                   and e["tracking_ratio"] >= 0.6)
            print(f"[gunicorn] target (0 errors, 0 duplicates, submit >= 0.25, lacak >= 0.6 "
                  f"of healthz): {'met' if met else 'NOT MET'}")
            ok &= met
        else:
            ok &= e["errors"] == 0 and e["database_ok"]
    print(f"machine: Python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs")
    if args.write_docs:
        write_docs(args, result)
    return ok


def write_docs(args, result: dict) -> None:
    from datetime import date

    from bench.docs_section import write_section

    text = "\n".join([
        f"{args.applicants} applicants submitting and {args.staff} verifiers forwarding at "
        f"the same moment, then {args.applicants} visitors tracking; {result['database']}, "
        f"{result['redis']}; Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; `.venv/bin/python bench/load_mixed.py --write-docs`, "
        f"{date.today().isoformat()}.", "", *table(result["servers"], args), "",
        (ROOT / "bench" / "load_mixed.notes.md").read_text().strip()
        if (ROOT / "bench" / "load_mixed.notes.md").exists() else ""])
    write_section("## Whole office under load: production server vs development server", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applicants", type=int, default=200)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--servers", default="gunicorn,dev")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--pg", metavar="URL", help="an existing PostgreSQL database")
    where.add_argument("--sqlite", action="store_true", help="the embedded SQLite file")
    parser.add_argument("--no-redis", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return 0 if print_report(args, run(args)) else 1


if __name__ == "__main__":
    sys.exit(main())
