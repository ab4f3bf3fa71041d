"""Bulk writes for the 1,000,000-row fills: PostgreSQL COPY, or sqlite3 executemany with
values in the text forms SQLAlchemy itself stores in SQLite (so the app reads them back)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime


def sqlite_value(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


@contextmanager
def raw_cursor(engine) -> Iterator[tuple]:
    """(DBAPI connection, cursor, is PostgreSQL) for a fill, closed at the end; SQLite is told
    not to wait for the disk and to keep a large cache (only this connection: the timed
    requests use their own)."""
    postgres = engine.dialect.name == "postgresql"
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if not postgres:
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-400000")
        yield raw, cur, postgres
    finally:
        raw.close()


def reset_sequences(cur, postgres: bool, tables) -> None:
    """After a fill that wrote ids itself, PostgreSQL's id sequences go on after the largest
    id (SQLite needs nothing)."""
    if postgres:
        for table in tables:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))")


def write_rows(cur, postgres: bool, table: str, columns: tuple, rows: list) -> None:
    """Appends `rows` (tuples in `columns` order) to `table` on a DBAPI cursor."""
    if postgres:
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                        f"({', '.join('?' for _ in columns)})",
                        [tuple(sqlite_value(v) for v in row) for row in rows])
