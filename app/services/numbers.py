"""Allocating sequence numbers for registration and permit numbers.

One atomic upsert per number: it increments the (scope, permit, year) row inside the caller's
transaction and returns the new value. Concurrent callers wait on that row lock until the
first commits or rolls back, so numbers are never duplicated, and a rolled-back issuance gives
its number back (permit numbers stay gap-free).
"""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import NumberSequence

REGISTRATION = "registration"
PERMIT = "permit"


def next_value(scope: str, permit_code: str, year: int) -> int:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = NumberSequence.__table__
    stmt = insert(table).values(scope=scope, permit_code=permit_code, year=year, last_value=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.scope, table.c.permit_code, table.c.year],
        set_={"last_value": table.c.last_value + 1},
    ).returning(table.c.last_value)
    return int(db.session.execute(stmt).scalar_one())
