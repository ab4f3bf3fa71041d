"""What every page benchmark times the same way: percentiles, the SELECTs a request ran
(recorded on the engine) replayed straight on the DBAPI connection as the raw-SQL baseline,
the page-versus-SQL summary, and PostgreSQL's statistics refreshed after a bulk fill."""

from __future__ import annotations

import time

from sqlalchemy import event

READS = ("SELECT", "WITH")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100), the definition every figure here uses; NaN
    when nothing was measured (a table cell then says so rather than a run failing)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def view_and_sql(view: list[float], sql: list[float]) -> dict:
    """p50/p95/max of the pages, p50/p95 of their replayed SQL, and the p95 ratio."""
    return {"p50": percentile(view, 50), "p95": percentile(view, 95), "max": max(view),
            "sql_p50": percentile(sql, 50), "sql_p95": percentile(sql, 95),
            "ratio": percentile(view, 95) / max(percentile(sql, 95), 0.001), "n": len(view)}


class SelectRecorder:
    """Records the reads (SELECT / WITH) an engine runs while open; `take()` hands over what
    one request ran. `replay()` runs batches again on one DBAPI connection and times each:
    the cost of the SQL alone, without the ORM, templates or HTTP."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def __enter__(self) -> SelectRecorder:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, executemany):
        if not executemany and statement.lstrip().upper().startswith(READS):
            self.statements.append((statement, parameters))

    def take(self) -> list[tuple[str, object]]:
        taken, self.statements = self.statements, []
        return taken

    def replay(self, batches: list[list]) -> list[float]:
        raw = self.engine.raw_connection()
        timings = []
        try:
            cur = raw.cursor()
            for batch in batches:
                started = time.perf_counter()
                for statement, parameters in batch:
                    cur.execute(statement, parameters)
                    cur.fetchall()
                timings.append((time.perf_counter() - started) * 1000)
            raw.rollback()
        finally:
            raw.close()
        return timings


def vacuum_analyze(engine, tables: tuple[str, ...]) -> None:
    """After a bulk fill PostgreSQL plans from stale statistics until autovacuum runs; the
    benchmark does now what autovacuum would soon do. Nothing to do on SQLite."""
    if engine.dialect.name != "postgresql":
        return
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        connection.rollback()
        connection.autocommit = True
        for table in tables:
            connection.execute(f"VACUUM ANALYZE {table}")
        connection.autocommit = False
    finally:
        raw.close()
