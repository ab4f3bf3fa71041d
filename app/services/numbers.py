"""Allocating sequence numbers for registration and permit numbers.

One atomic upsert per number: it increments the (scope, permit, year) row inside the caller's
transaction and returns the new value. Concurrent callers wait on that row lock until the
first commits or rolls back, so numbers are never duplicated, and a rolled-back issuance gives
its number back (permit numbers stay gap-free).
"""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import NumberSequence

REGISTRATION = "registration"
PERMIT = "permit"


_STATEMENTS: dict[str, object] = {}  # dialect -> the upsert, built once per process


def _statement(dialect: str):
    found = _STATEMENTS.get(dialect)
    if found is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        table = NumberSequence.__table__
        stmt = insert(table).values(scope=bindparam("scope"), permit_code=bindparam("permit"),
                                    year=bindparam("year"), last_value=1)
        found = _STATEMENTS[dialect] = stmt.on_conflict_do_update(
            index_elements=[table.c.scope, table.c.permit_code, table.c.year],
            set_={"last_value": table.c.last_value + 1},
        ).returning(table.c.last_value)
    return found


def next_value(scope: str, permit_code: str, year: int) -> int:
    """Takes the sequence row's lock until the caller's transaction ends: call it as late
    in the transaction as possible (transitions: `Change.numbering`)."""
    stmt = _statement(db.session.get_bind().dialect.name)
    return int(db.session.execute(
        stmt, {"scope": scope, "permit": permit_code, "year": year}).scalar_one())
