"""Commands run against a database without its tables say what to do instead of a traceback.

The first command on a new install, or one run with the wrong INSTANCE_PATH/DATABASE_URL,
otherwise ends in a screenful of SQLAlchemy frames over "no such table: ab_role". Every command
the app registers is wrapped; Flask-Migrate's `db` group (which creates the tables) is not one
of them.
"""

from __future__ import annotations

import functools

import click
from sqlalchemy.exc import OperationalError, ProgrammingError

UNDEFINED_TABLE = "42P01"  # PostgreSQL's SQLSTATE
MESSAGE = ("Tabel basis data belum ada. Jalankan dulu `flask --app run db upgrade` lalu "
           "`flask --app run setup`, dan periksa DATABASE_URL/INSTANCE_PATH.")


def _missing_table(exc: Exception) -> bool:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) == UNDEFINED_TABLE or "no such table" in str(orig)


def _explained(callback):
    if getattr(callback, "explains_missing_schema", False):
        return callback  # the commands are module-level: every create_app sees them again
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except (OperationalError, ProgrammingError) as exc:
            if not _missing_table(exc):
                raise
            raise click.ClickException(MESSAGE) from None
    run.explains_missing_schema = True
    return run


def explain_missing_schema(group: click.Group) -> None:
    """Wrap the callback of every command in `group` and its subgroups."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            explain_missing_schema(command)
        if command.callback is not None:
            command.callback = _explained(command.callback)
