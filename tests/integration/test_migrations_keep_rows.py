"""Upgrading a database that already holds data keeps every row, migration by migration.

On SQLite a column change copies the table and drops the original; with foreign keys enforced
that drop deleted the original's rows one by one and applied their ON DELETE rules (an issued
permit's map point was cascaded away; at a million rows the upgrade ran for hours). An empty
database, which every other test migrates, cannot show this, so here each table holds a row
before each migration runs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    Time,
    create_engine,
    func,
    insert,
    select,
    text,
)

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def _revisions() -> list[str]:
    """Base first."""
    return [script.revision for script in
            reversed(list(ScriptDirectory(str(MIGRATIONS)).walk_revisions()))]


def _value(column):
    """One plausible value of the column's type; every key is 1, so every reference points
    at the one row its parent table holds."""
    kind = column.type
    if column.foreign_keys or isinstance(kind, Integer):
        return 1
    for types, value in ((Boolean, False), (DateTime, datetime(2025, 1, 2, 3, 4)),
                         (Date, date(2025, 1, 2)), (Time, datetime(2025, 1, 2).time()),
                         (JSON, {}), (Numeric, 1), (LargeBinary, b"x")):
        if isinstance(kind, types):
            return value
    length = getattr(kind, "length", None) or 8
    return "x" * min(length, 8)


def _count_then_fill(url: str) -> tuple[dict[str, int], dict[str, int]]:
    """(rows per table as the migration left them, rows per table after giving each empty
    table one row)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("PRAGMA foreign_keys=OFF"))
            metadata = MetaData()
            metadata.reflect(connection)
            found, filled = {}, {}
            for table in metadata.tables.values():
                if table.name == "alembic_version":
                    continue
                found[table.name] = filled[table.name] = connection.execute(
                    select(func.count()).select_from(table)).scalar()
                if not found[table.name]:
                    connection.execute(insert(table).values(
                        {column.name: _value(column) for column in table.columns}))
                    filled[table.name] = 1
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        return found, filled
    finally:
        engine.dispose()


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # reflection of partial indexes
def test_each_migration_keeps_the_rows_already_stored(another_app, tmp_path):
    from flask_migrate import upgrade

    url = f"sqlite:///{tmp_path / 'upgraded.db'}"
    app = another_app(SQLALCHEMY_DATABASE_URI=url, SECRET_KEY="test-secret-key",
                      UPLOAD_DIR=str(tmp_path / "uploads"))
    before: dict[str, int] = {}
    for revision in _revisions():
        with app.app_context():
            upgrade(directory=str(MIGRATIONS), revision=revision)
        found, before_next = _count_then_fill(url)
        lost = {name: (count, found[name]) for name, count in before.items()
                if name in found and found[name] < count}  # a dropped table went by design
        assert lost == {}, f"rows lost by migration {revision}"
        before = before_next
    assert len(before) > 40  # every table of the schema took part
