"""The figures of a run and the docs/benchmarks.md text that reports them."""

from __future__ import annotations

import platform
from datetime import date

from bench.harness.timing import percentile, view_and_sql

TARGET_MS = 200.0


def summarise(result: dict) -> dict:
    return {**view_and_sql(result["queue"]["view"], result["queue"]["sql"]),
            "semua_p95": percentile(result["semua"]["view"], 95),
            "semua_sql_p95": percentile(result["semua"]["sql"], 95),
            "statements": result["queue"]["statements"]}


def report(results: list[dict], args) -> str:
    lines = [
        f"{args.rows:,} applications (82 % issued, 6 % in process at every step of the sample "
        "catalogue's routings, the rest in revision, rejected, cancelled, expired or draft) "
        "with their open and closed tasks; three staff members logged in with password + TOTP; "
        f"{args.requests} requests of `/admin/antrian/` through the Flask test client (first "
        "pages and pages up to 40, sorted by SLA or submission date either way, filtered by "
        "permit, step, overdue, date range or application type, searched by resi or name); "
        "every SQL "
        "statement of each request replayed on the DBAPI connection for the raw SQL time. "
        f"Python {platform.python_version()} on {platform.machine()}; "
        f"`.venv/bin/python bench/queue_p95.py`, {date.today():%Y-%m-%d}.",
        "",
        "| database | p50 (ms) | p95 (ms) | max (ms) | target | raw SQL p50 (ms) | raw SQL p95 "
        "(ms) | ratio p95 page / p95 SQL | fill (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        s = summarise(result)
        fill_s = f"{result['fill_seconds']:.0f}" if result["fill_seconds"] else "?"
        lines.append(f"| {result['label']} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} "
                     f"| <= {TARGET_MS:.0f} ms | {s['sql_p50']:.1f} | {s['sql_p95']:.1f} | "
                     f"{s['ratio']:.2f}x | {fill_s} |")
    lines.append("")
    for result in results:
        s = summarise(result)
        sizes = ", ".join(f"{k}: {v:,}" for k, v in result["open"].items()
                          if k in result["staff"])
        lines.append(
            f"{result['label']}: {result['tasks']:,} task rows; open queues of the measured "
            f"staff {sizes}; {s['statements']:.1f} SELECTs per page (session check, user, "
            f"roles, count, page, summary strip). \"Semua Permohonan\" (every application, "
            f"count capped at 10,000) p95 {s['semua_p95']:.1f} ms (raw SQL "
            f"{s['semua_sql_p95']:.1f} ms).")
    lines += [
        "",
        "How the page stays flat: \"Antrian Saya\" reads running applications in the order "
        "shown from `ix_application_running` (partial: status 'in_process' only, covering the "
        "grid's filter columns) and probes each for an open task of the person's role and "
        "agency in `ix_task_open_probe` (partial: open tasks only), stopping at the page; the "
        "queue total and the per-step strip are counted on `ix_task_queue_step` alone; counts "
        "stop at 10,001. Sorting is offered only where an index gives the order (SLA and date "
        "in the queue; date, resi, registration number and status in \"Semua\"), so no "
        "request sorts a whole result. SQLite runs with its defaults (no ANALYZE statistics, "
        "2 MB page cache); PostgreSQL 15 ran with `shared_buffers=512MB` and `fsync=off` after "
        "`VACUUM ANALYZE`. The gap between page and SQL is Flask, the server-side session "
        "check, Flask-AppBuilder's permission look-ups for the menu, Jinja rendering and the "
        "per-row SLA computation. Timings vary with machine load (other suites share the "
        "2 CPUs); the ratio is measured in the same run.",
    ]
    return "\n".join(lines)
