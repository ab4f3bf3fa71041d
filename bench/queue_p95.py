"""Benchmark: the verifier grid "Antrian Saya" with 1,000,000 applications (target p95 <= 200 ms).

Fills a database migrated with the project's own migrations with N applications in realistic
statuses (mostly issued, some in process at every step of the sample catalogue's routings,
some in revision, rejected, cancelled, expired, drafts), their open tasks and the closed tasks
of the steps they went through, by bulk insert (sqlite3 executemany / PostgreSQL COPY). Then
logs three staff members in (password + TOTP, as people do) and requests their "Antrian Saya"
through the Flask test client: pages, sorts, filters, searches. Every SQL statement a request
runs is recorded and replayed afterwards straight on the DBAPI connection, which gives the raw
SQL time behind the page and the ratio of the two.

    .venv/bin/python bench/queue_p95.py [--rows 1000000] [--requests 200]
        [--sqlite /tmp/eptsp-queue-bench.db] [--pg postgresql+psycopg://... | --no-pg]
        [--reuse] [--no-sqlite] [--no-docs]

Without --pg a throwaway PostgreSQL server is started for the run.

The parts live in bench/queue_bench/ (data, bulk load, app and staff, timing, report).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench.harness import cli  # noqa: E402
from bench.harness.cli import start_fresh  # noqa: E402
from bench.queue_bench.data import Generator  # noqa: E402
from bench.queue_bench.load import fill  # noqa: E402
from bench.queue_bench.measure import measure, urls_for  # noqa: E402
from bench.queue_bench.office import prepare, setup_people, staff_client  # noqa: E402
from bench.queue_bench.report import TARGET_MS, report, summarise  # noqa: E402

HEADING = "## Verifier queue: Antrian Saya at 1,000,000 applications"
FILLS = Path(tempfile.gettempdir()) / "eptsp-queue-bench-fills.json"  # fill times, for --reuse


def run_backend(label: str, url: str, args) -> dict:
    upload_dir = tempfile.mkdtemp(prefix="bench-queue-")
    start_fresh(url, args.reuse)
    print(f"== {label}: {url}", flush=True)
    app = prepare(url, upload_dir, fresh=not args.reuse)
    cat, version_id, version_number, applicant_ids, staff = setup_people(app)
    from app.extensions import db
    from app.services import calendar

    with app.app_context():
        existing = db.session.scalar(text("SELECT count(*) FROM application"))
        today = calendar.today()
        engine = db.engine
    fills = json.loads(FILLS.read_text()) if FILLS.exists() else {}
    fill_seconds = fills.get(url) if existing == args.rows else None
    if existing < args.rows:
        if existing:
            raise SystemExit(f"{label}: {existing:,} rows present; run without --reuse")
        gen = Generator(cat, version_id, version_number, applicant_ids,
                        [s[4] for s in staff], today)
        print(f"  filling {args.rows:,} applications ...", flush=True)
        _tasks, fill_seconds = fill(engine, gen, args.rows)
        FILLS.write_text(json.dumps({**fills, url: fill_seconds}))
    with app.app_context():
        total_tasks = db.session.scalar(text("SELECT count(*) FROM application_task"))
        open_tasks = db.session.execute(text(
            "SELECT role, agency_code, count(*) FROM application_task WHERE is_open "
            "GROUP BY role, agency_code ORDER BY 3 DESC")).all()
    clients = [staff_client(app, email, password) for email, password, *_ in staff]
    rng = random.Random(7)
    per = args.requests // len(clients)
    urls = [urls_for(app, role, agency, rng, per) for _e, _p, role, agency, _id in staff]
    result = measure(app, clients, urls)
    queue_sizes = {f"{r} {a}": n for r, a, n in open_tasks}
    all_urls = [["/admin/permohonan/", "/admin/permohonan/?hal=7",
                 "/admin/permohonan/?status=issued&hal=3", "/admin/permohonan/?permit=SIPA",
                 "/admin/permohonan/?terlambat=1"] * 4]
    semua = measure(app, clients[:1], all_urls)
    return {"label": label, "fill_seconds": fill_seconds, "tasks": total_tasks,
            "open": queue_sizes, "queue": result, "semua": semua,
            "staff": [f"{r} {a}" for _e, _p, r, a, _i in staff]}


def main() -> int:
    args = cli.parser(__doc__, sqlite_file="eptsp-queue-bench.db", requests=201).parse_args()
    results, _versions = cli.run_each(args, run_backend)
    return cli.finish(args, HEADING, report(results, args),
                      max(summarise(r)["p95"] for r in results), TARGET_MS)


if __name__ == "__main__":
    sys.exit(main())
