"""Bulk writes for the 1,000,000-row fills: PostgreSQL COPY, or sqlite3 executemany with
values in the text forms SQLAlchemy itself stores in SQLite (so the app reads them back)."""

from __future__ import annotations

from datetime import date, datetime


def sqlite_value(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


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
