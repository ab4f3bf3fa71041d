"""Object-level authorisation for an applicant's own things (applications, files, Inbox
messages, chat conversations): one query decides, and another person's row answers exactly
like a row that does not exist, so that ids and links reveal nothing."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db


def owned(key_column, key, owner_column, owner_id: int, missing: Exception):
    """The row whose `key_column` is `key` and whose `owner_column` is `owner_id`; raises
    `missing` (a NotFound of the caller's kind) for another's row and for no row alike."""
    found = db.session.scalar(select(key_column.class_).where(
        key_column == key, owner_column == owner_id))
    if found is None:
        raise missing
    return found
