"""Benchmark: Laporan at 1,000,000 applications (target p95 <= 500 ms per report for a year).

Fills a database migrated with the project's own migrations with N applications over five
years (the verifier-queue benchmark's generator, with the permit locations spread over the
office province's regencies), then builds the report counters with `flask reports rebuild`'s
function. Each report part (received by status per permit/type/Dinas/region, SLA and
processing days, trend, overdue now) is timed for a year of data and shorter periods, for
every Dinas and for one, and the whole Laporan page through the Flask test client. Every
SQL statement is recorded and replayed on the DBAPI connection for the raw SQL time. A
baseline counts the same year straight from the application table, to show what the
counters save.

    .venv/bin/python bench/reports_p95.py [--rows 1000000] [--runs 20]
        [--sqlite /tmp/eptsp-reports-bench.db] [--pg URL | --no-pg] [--reuse] [--no-docs]

Without --pg a throwaway PostgreSQL is started (bench/harness/services.py).
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from bench.harness import cli  # noqa: E402
from bench.harness.cli import start_fresh  # noqa: E402
from bench.harness.timing import SelectRecorder, percentile, vacuum_analyze  # noqa: E402
from bench.queue_p95 import Generator, fill, prepare, setup_people, staff_client  # noqa: E402

HEADING = "## Reports: Laporan at 1,000,000 applications"
TARGET_MS = 500.0
PARTS = ("received", "closed", "trend", "overdue")


class RegionalGenerator(Generator):
    """The queue benchmark's applications, located in the province's regencies."""

    def __init__(self, *args, regencies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.regencies = regencies

    def application(self, i: int):
        row, tasks = super().application(i)
        code = self.regencies[i % len(self.regencies)]
        row["data"] = row["data"].replace('"regency_code": "64.72"',
                                          f'"regency_code": "{code}"')
        return row, tasks


def scenarios(today: date) -> list[tuple[str, object, object]]:
    """(label, period, scope): a year (last 365 days, and a calendar year), a quarter and a
    month, for every Dinas, one Dinas and one permit."""
    from app.reports.figures import Scope
    from app.reports.period import Period

    year_ago = today - timedelta(days=364)
    periods = [Period("rentang", year_ago, today), Period("tahun", date(today.year - 1, 1, 1),
                                                         date(today.year - 1, 12, 31)),
               Period("triwulan", date(today.year - 1, 4, 1), date(today.year - 1, 6, 30)),
               Period.month_of(today)]
    scopes = [Scope(), Scope("DINKES"), Scope(None, "SIPA")]
    return [(f"{p.kind}/{s.agency or s.permit or 'semua'}", p, s)
            for p in periods for s in scopes]


def measure_parts(app, runs: int) -> dict[str, dict]:
    """p50/p95 of each report part over all scenarios, and of its replayed SQL."""
    from app.extensions import db
    from app.reports import figures
    from app.services import calendar

    with app.app_context():
        today = calendar.today()
        cases = scenarios(today)
        calls = {"received": lambda p, s: figures.received(s, p),
                 "closed": lambda p, s: figures.closed(s, p),
                 "trend": lambda p, s: figures.trend(s, p),
                 "overdue": lambda p, s: figures.overdue(s, today)}
        results = {}
        for part, call in calls.items():
            views, batches = [], []
            with SelectRecorder(db.engine) as recorder:
                for _round in range(runs):
                    for _label, period, scope in cases:
                        recorder.take()
                        started = time.perf_counter()
                        call(period, scope)
                        views.append((time.perf_counter() - started) * 1000)
                        batches.append(recorder.take())
            sql = recorder.replay(batches)
            results[part] = {"p50": percentile(views, 50), "p95": percentile(views, 95),
                             "max": max(views), "sql_p95": percentile(sql, 95),
                             "n": len(views)}
            db.session.remove()
        return results


def direct_baseline(app, runs: int) -> dict:
    """The received-by-status breakdown of the last 365 days counted straight from the
    application table (what the page would do without counters)."""
    from app.extensions import db
    from app.models import Application
    from app.services import calendar

    with app.app_context():
        today = calendar.today()
        since = calendar.utc_start_of(today - timedelta(days=364))
        region = Application.data[("location", "regency_code")].as_string()
        columns = (Application.agency_code, Application.permit_code,
                   Application.application_type, region, Application.status)
        stmt = select(*columns, func.count()).where(Application.submitted_at >= since) \
            .group_by(*columns)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            db.session.execute(stmt).all()
            timings.append((time.perf_counter() - started) * 1000)
        db.session.remove()
    return {"p50": percentile(timings, 50), "p95": percentile(timings, 95)}


def measure_page(app, staff, runs: int) -> dict:
    """The whole Laporan page for the office's signing official (every Dinas), a year."""
    from app.services import calendar

    email, password = next((e, p) for e, p, role, *_ in staff if role == "Penandatangan")
    client = staff_client(app, email, password)
    with app.app_context():
        today = calendar.today()
    urls = [f"/admin/laporan/?periode=rentang&dari={today - timedelta(days=364)}"
            f"&sampai={today}", f"/admin/laporan/?periode=tahun&tahun={today.year - 1}",
            f"/admin/laporan/?periode=tahun&tahun={today.year - 1}&instansi=DINKES",
            "/admin/laporan/"]
    client.get(urls[0])  # warm templates and connection
    timings = []
    for n in range(runs * len(urls)):
        started = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return {"p50": percentile(timings, 50), "p95": percentile(timings, 95), "n": len(timings)}


def load(app, args) -> dict:
    """The data (filled once, kept with --reuse) and the counters, rebuilt and timed."""
    from app import regions
    from app.extensions import db
    from app.reports import summary
    from app.services import calendar

    cat, version_id, version_number, applicant_ids, staff = setup_people(app)
    with app.app_context():
        existing = db.session.scalar(text("SELECT count(*) FROM application"))
        today, engine = calendar.today(), db.engine
        regencies = [r.code for r in regions.children(app.config["OFFICE_PROVINCE"])]
    fill_seconds = None
    if existing < args.rows:
        if existing:
            raise SystemExit(f"{existing:,} rows present; run without --reuse")
        gen = RegionalGenerator(cat, version_id, version_number, applicant_ids,
                                [s[4] for s in staff], today, regencies=regencies)
        print(f"  filling {args.rows:,} applications ...", flush=True)
        _tasks, fill_seconds = fill(engine, gen, args.rows)
    with app.app_context():
        started = time.perf_counter()
        counted = summary.rebuild()
        rebuild_seconds = time.perf_counter() - started
        counters = db.session.scalar(text("SELECT count(*) FROM report_count"))
        db.session.remove()
    vacuum_analyze(engine, ("report_count",))
    print(f"  counters rebuilt from {counted:,} applications in {rebuild_seconds:.0f} s "
          f"({counters:,} counter rows)", flush=True)
    return {"staff": staff, "fill_seconds": fill_seconds, "rebuild_seconds": rebuild_seconds,
            "counted": counted, "counters": counters}


def run_backend(label: str, url: str, args) -> dict:
    start_fresh(url, args.reuse)
    print(f"== {label}: {url}", flush=True)
    app = prepare(url, tempfile.mkdtemp(prefix="bench-reports-"), fresh=not args.reuse)
    loaded = load(app, args)
    print("  measuring ...", flush=True)
    parts = measure_parts(app, args.runs)
    return {"label": label, **loaded, "parts": parts,
            "direct": direct_baseline(app, max(5, args.runs // 4)),
            "page": measure_page(app, loaded["staff"], max(3, args.runs // 4)),
            "scenarios": len(scenarios(date.today()))}


def report(results: list[dict], args) -> str:
    lines = [
        f"{args.rows:,} applications over five years (the verifier-queue benchmark's mix: "
        "82 % issued, 6 % in process, the rest in revision, rejected, cancelled, expired or "
        "draft; permit locations spread over the province's regencies), report counters "
        "built by `flask reports rebuild`. Each report part was called "
        f"{args.runs} times for each of {results[0]['scenarios']} cases (the last 365 days, "
        "last calendar year, a quarter and this month; every Dinas, one Dinas, one permit); "
        "its SQL recorded and replayed on the DBAPI connection for the raw SQL time. "
        f"Python {platform.python_version()} on {platform.machine()}; "
        f"`.venv/bin/python bench/reports_p95.py`, {date.today():%Y-%m-%d}.",
        "",
        "| database | report | p50 (ms) | p95 (ms) | max (ms) | target | raw SQL p95 (ms) | "
        "ratio p95 / raw SQL p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for part in PARTS:
            s = result["parts"][part]
            lines.append(f"| {result['label']} | {part} | {s['p50']:.1f} | {s['p95']:.1f} | "
                         f"{s['max']:.1f} | <= {TARGET_MS:.0f} ms | {s['sql_p95']:.1f} | "
                         f"{s['p95'] / max(s['sql_p95'], 0.001):.2f}x |")
        page = result["page"]
        lines.append(f"| {result['label']} | whole Laporan page | {page['p50']:.1f} | "
                     f"{page['p95']:.1f} |  |  |  |  |")
    lines.append("")
    for result in results:
        direct, received = result["direct"], result["parts"]["received"]
        fill_s = f"{result['fill_seconds']:.0f} s" if result["fill_seconds"] else "reused"
        lines.append(
            f"{result['label']}: counters rebuilt from {result['counted']:,} submitted "
            f"applications in {result['rebuild_seconds']:.0f} s ({result['counters']:,} "
            f"counter rows; fill {fill_s}). Baseline: the same year's received-by-status "
            f"breakdown counted straight from `application` (GROUP BY permit, type, Dinas, "
            f"region from the JSON, status) p50 {direct['p50']:.0f} ms, p95 "
            f"{direct['p95']:.0f} ms, {direct['p95'] / max(received['p95'], 0.001):.0f}x the "
            "counters' p95.")
    return "\n".join(lines)


def main() -> int:
    args = cli.parser(__doc__, sqlite_file="eptsp-reports-bench.db", runs=20).parse_args()
    results, _versions = cli.run_each(args, run_backend)
    return cli.finish(args, HEADING, report(results, args),
                      max(r["parts"][p]["p95"] for r in results for p in PARTS), TARGET_MS)


if __name__ == "__main__":
    sys.exit(main())
