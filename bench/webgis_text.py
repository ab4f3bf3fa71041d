"""The WebGIS benchmark's summary: figures per backend and the docs/benchmarks.md section."""

from __future__ import annotations

import platform
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.queue_bench.measure import percentile  # noqa: E402

HEADING = "## WebGIS Perizinan: map data at 1,000,000 issued permits"
TARGET_MS = 300.0
MAP_W, MAP_H = 1366, 700  # the viewport the requests are sized for


def summarise(result: dict) -> dict:
    view, sql = result["view"], result["sql"]
    return {"p50": percentile(view, 50), "p95": percentile(view, 95), "max": max(view),
            "sql_p50": percentile(sql, 50), "sql_p95": percentile(sql, 95),
            "ratio": percentile(view, 95) / max(percentile(sql, 95), 0.001),
            "markers": statistics.mean(result["markers"]), "n": len(view)}


def report(results: list[dict], args, versions: dict) -> str:
    lines = [
        f"{args.rows:,} issued permits of the sample catalogue's mapped permit types (65 % "
        "around the regency towns of the office's province, the rest spread over it; years "
        "2019-2026), each with its application, its issued_permit row and its map point; the "
        "grid cells counted by `permit_map.recount_cells`. "
        f"{args.requests} requests of `/webgis/data` through the Flask test client for the "
        f"viewports of a {MAP_W} x {MAP_H} map (zoom 6 to 18, overview weighted most, centres "
        "around towns or anywhere; 40 % with a permit type, Dinas, year, or regency + sector "
        "filter); every SQL statement of a request replayed on the DBAPI connection for the "
        f"raw SQL time. Python {platform.python_version()} on {platform.machine()}; "
        f"`.venv/bin/python bench/webgis_p95.py`, {date.today():%Y-%m-%d}.",
        "",
        "| database | p50 (ms) | p95 (ms) | max (ms) | target | raw SQL p50 (ms) | raw SQL p95 "
        "(ms) | ratio p95 endpoint / p95 SQL | markers per answer | fill (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        s = summarise(result)
        fill_s = f"{result['fill_seconds']:.0f}" if result["fill_seconds"] else "?"
        label = versions.get(result["label"], result["label"])
        lines.append(f"| {label} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} "
                     f"| <= {TARGET_MS:.0f} ms | {s['sql_p50']:.1f} | {s['sql_p95']:.1f} | "
                     f"{s['ratio']:.2f}x | {s['markers']:.0f} | {fill_s} |")
    lines.append("")
    for result in results:
        levels = ", ".join(f"{n:,}" for n in result["per_level"])
        lines.append(f"{result['label']}: {result['cells']:,} pre-counted cells (levels 1°, "
                     f"1/4°, 1/16°, 1/64°: {levels}).")
    lines += [
        "",
        "How it stays fast: the browser asks only for its viewport and zoom. Up to zoom 12 the "
        "answer is read from `permit_map_cell` (one row per cell, permit type, Dinas, sector, "
        "regency and year, kept by the issuing and revoking transactions), so a whole province "
        "is a few hundred rows whatever the number of permits. From zoom 13 the points in the "
        "viewport are grouped on the fly by integer division of their micro-degree "
        "coordinates, read from the covering index `ix_permit_map_point_bbox` only; from zoom "
        "16 single permits are sent when there are at most 2,000. The gap between endpoint "
        "and SQL is Flask, JSON encoding of the clusters and points, and the catalogue look-up "
        "of the filters. SQLite runs with its defaults; PostgreSQL was started by the "
        "benchmark with its defaults and `VACUUM ANALYZE` after the load. Timings vary with "
        "machine load (other suites share the 2 CPUs); the ratio is measured in the same run.",
    ]
    return "\n".join(lines)
