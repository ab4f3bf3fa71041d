"""The command line every 1,000,000-row page benchmark shares: how many rows and requests,
which databases (a SQLite file, and PostgreSQL at a given URL or a throwaway server), reuse of
a filled database, and whether docs/benchmarks.md gets the section."""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.docs_section import write_section
from bench.harness.services import throwaway_postgres


def parser(doc: str, *, sqlite_file: str, requests: int | None = None,
           runs: int | None = None) -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(description=doc.split("\n")[0])
    found.add_argument("--rows", type=int, default=1_000_000)
    if requests is not None:
        found.add_argument("--requests", type=int, default=requests)
    if runs is not None:
        found.add_argument("--runs", type=int, default=runs)
    found.add_argument("--sqlite", default=str(Path(tempfile.gettempdir()) / sqlite_file))
    found.add_argument("--no-sqlite", action="store_true")
    found.add_argument("--pg", help="PostgreSQL URL; default: a throwaway server")
    found.add_argument("--no-pg", action="store_true")
    found.add_argument("--reuse", action="store_true",
                       help="keep an already filled database (same --rows)")
    found.add_argument("--no-docs", action="store_true", help="do not touch benchmarks.md")
    return found


@contextmanager
def databases(args) -> Iterator[list[tuple[str, str, str]]]:
    """(label, SQLAlchemy URL, server version) of each database to run on; a throwaway
    PostgreSQL server lives as long as the block."""
    chosen = []
    if not args.no_sqlite:
        chosen.append(("SQLite", f"sqlite:///{args.sqlite}", f"SQLite {sqlite3.sqlite_version}"))
    if args.no_pg:
        yield chosen
        return
    if args.pg:
        yield [*chosen, ("PostgreSQL", args.pg, "PostgreSQL")]
        return
    with throwaway_postgres() as (url, version):
        yield [*chosen, ("PostgreSQL", url, version)]


def run_each(args, run_backend) -> tuple[list, dict[str, str]]:
    """`run_backend(label, url, args)` on each chosen database in turn (a throwaway PostgreSQL
    server lives until the last run ends): the results, and each database's server version
    by label for the report."""
    with databases(args) as chosen:
        results = [run_backend(label, url, args) for label, url, _version in chosen]
        return results, {label: version for label, _url, version in chosen}


def start_fresh(url: str, reuse: bool) -> None:
    """Unless the run reuses a filled database, a SQLite file (and its WAL) is removed first:
    the fill expects empty tables."""
    if reuse or not url.startswith("sqlite:///"):
        return
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def finish(args, heading: str, text: str, worst_p95: float, target_ms: float) -> int:
    """Prints the section, writes it into docs/benchmarks.md for a full-size run, and exits
    non-zero when the target is missed."""
    print()
    print(text)
    if not args.no_docs and args.rows >= 1_000_000:
        write_section(heading, text)
    return 0 if worst_p95 <= target_ms else 1
