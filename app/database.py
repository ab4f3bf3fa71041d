"""Engine settings: what the embedded SQLite default needs (a busy timeout, enforced foreign keys
and WAL, so several processes — gunicorn workers, outbox workers — can share one file), and, on
PostgreSQL, read-only transactions that end without forgetting prepared statements."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

_installed = False


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        # one writer at a time: a permit issuance holds the write lock while its PDF is
        # rendered and signed (~0.2 s), so a burst of them queues for seconds, not fails.
        # Set first: with several processes (gunicorn workers, outbox workers) on one file, the
        # journal-mode pragma below may meet a lock too and then waits as long (pysqlite's own
        # default is 5 s).
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        # readers never block the writer nor each other, across processes too
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


# PostgreSQL (psycopg 3) -------------------------------------------------------------------
# psycopg prepares a statement on the server once a connection has run it five times, so
# PostgreSQL stops planning it anew (about 0.3 ms of the server's CPU per statement). But it
# forgets every prepared statement on ROLLBACK (it cannot know what the transaction undid), and
# SQLAlchemy ends every request's transaction with one: a read-only page (most requests) thus
# threw them all away, and no statement was ever prepared. A transaction that only read ends with
# COMMIT instead, which for the data is the same thing; one that wrote, or failed, is rolled back
# as before.
_WROTE = "eptsp.wrote"


def _transaction_began(conn) -> None:
    conn.info[_WROTE] = False


def _statement_seen(conn, _cursor, statement: str, *_rest) -> None:
    # anything but a plain SELECT counts as a write (INSERT, UPDATE, DELETE, WITH ..., SET,
    # DDL): those transactions are rolled back exactly as before
    if not statement.lstrip()[:6].upper() == "SELECT":
        conn.info[_WROTE] = True


def _rolling_back(conn) -> None:
    if conn.info.get(_WROTE) is not False:  # it wrote
        return
    import psycopg

    dbapi = conn.connection.dbapi_connection
    if dbapi.info.transaction_status != psycopg.pq.TransactionStatus.INTRANS:
        return  # nothing begun, or a failed transaction: only a rollback ends it
    try:
        dbapi.commit()  # psycopg's ROLLBACK that follows finds no transaction: a no-op
    except psycopg.Error:  # a lost connection: the rollback that follows reports it
        return


def init_app(app: Flask, db) -> None:
    """The engine settings, then Flask-SQLAlchemy's engines, then their listeners."""
    configure(app)
    db.init_app(app)
    watch_engines(app, db)


def watch_engines(app: Flask, db) -> None:
    """Called once the app's engines exist (after `db.init_app`). Only psycopg engines get
    the listeners: an engine with statement listeners pays SQLAlchemy's event dispatch on
    every statement, which SQLite has no use for."""
    with app.app_context():
        engines = list(db.engines.values())
    for engine in engines:
        if engine.dialect.driver != "psycopg" or event.contains(
                engine, "rollback", _rolling_back):
            continue
        for name, listener in (("begin", _transaction_began),
                               ("before_cursor_execute", _statement_seen),
                               ("rollback", _rolling_back)):
            event.listen(engine, name, listener)


def configure(app: Flask) -> None:
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _sqlite_pragmas)
        _installed = True
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        _private_sqlite_file(uri)
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        options.pop("pool_pre_ping", None)
        if uri in ("sqlite://", "sqlite:///:memory:"):
            from sqlalchemy.pool import StaticPool

            options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _private_sqlite_file(uri: str) -> None:
    """The database file is created 0600 before SQLite opens it (its -wal/-shm follow)."""
    from sqlalchemy.engine import make_url

    from .security.filemodes import sqlite_files

    database = make_url(uri).database
    if database and database != ":memory:" and not database.startswith("file:"):
        sqlite_files(database)


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session has loaded.

    For a request that saves and then goes on with the same rows (step 5 saves the answers,
    then submits them): they were just written by this session, so reading them again is
    waste. A concurrent change is still caught by `Application.lock_version` at the next
    UPDATE, which compares the version this session holds."""
    from .extensions import db

    session = db.session()
    previous = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = previous


_COUNTER_UPSERTS: dict[tuple, object] = {}  # (model, count column, dialect) -> statement


def add_counts(model, rows: list[dict], count: str = "n") -> None:
    """Adds each row's `count` to the counter with the same primary key, creating it when
    new: atomic INSERT ... ON CONFLICT DO UPDATE in the caller's transaction, so concurrent
    writers never lose an increment (SQLite 3.24+ and PostgreSQL). The rows (all with the same
    keys) are written in the order given: callers sort them so that two transactions touching
    the same counters never wait on each other in a cycle. The statement is built once per
    process: composing it costs more than running it, and hot paths (every transition) use it."""
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    from .extensions import db

    name = db.session.get_bind().dialect.name
    stmt = _COUNTER_UPSERTS.get((model, count, name))
    if stmt is None:
        table = model.__table__
        insert = (postgresql if name == "postgresql" else sqlite).insert(table)
        stmt = _COUNTER_UPSERTS[(model, count, name)] = insert.on_conflict_do_update(
            index_elements=[c.name for c in table.primary_key.columns],
            set_={count: table.c[count] + insert.excluded[count]})
    db.session.execute(stmt, rows)
