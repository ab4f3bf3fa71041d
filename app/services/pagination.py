"""Paging a SQL query (a count and one page of rows, never the whole result) or a list."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..i18n import N_

DATES_SWAPPED = N_("Tanggal awal lebih akhir dari tanggal akhir; keduanya ditukar.")


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    pages: int
    total: int
    per_page: int

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.page * self.per_page, self.total)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page_number(value) -> int:
    try:
        return max(1, int(value or 1))
    except (TypeError, ValueError):
        return 1


def filter_values(args, keys) -> dict[str, str]:
    """A list screen's filter values from its query string: trimmed, at most 100 characters,
    "" when absent (which values are valid is each screen's own decision)."""
    return {k: (args.get(k) or "").strip()[:100] for k in keys}


def link_args(values: dict, **changes) -> dict[str, str]:
    """The query string of a link on a list screen (a page, a sort, an export): `changes`
    applied, empty values and page 1 ("hal") left out."""
    values = {**values, **{k: str(v) for k, v in changes.items()}}
    return {k: v for k, v in values.items() if v and not (k == "hal" and v == "1")}


def ordered_dates(start: date | None, end: date | None) -> tuple[date | None, date | None,
                                                                  str | None]:
    """A period typed backwards (from 31 December to 1 December) is meant forwards: every
    list filtered by dates swaps it and says so (the message), rather than finding nothing."""
    if start and end and start > end:
        return end, start, DATES_SWAPPED
    return start, end, None


def clamp(page, total: int, per_page: int) -> tuple[int, int]:
    """(page number, page count): a page past the end shows the last page rather than an
    empty table."""
    pages = max(1, math.ceil(total / per_page))
    return min(page_number(page), pages), pages


def paginate(stmt, page, per_page: int = 10) -> Page:
    total = db.session.scalar(select(func.count()).select_from(
        stmt.order_by(None).subquery())) or 0
    number, pages = clamp(page, total, per_page)
    items = list(db.session.scalars(stmt.limit(per_page).offset((number - 1) * per_page)))
    return Page(items, number, pages, total, per_page)


def paginate_rows(stmt, page, per_page: int = 10) -> Page:
    """`paginate` for a statement of several entities or columns: items are its rows."""
    total = db.session.scalar(select(func.count()).select_from(
        stmt.order_by(None).subquery())) or 0
    number, pages = clamp(page, total, per_page)
    items = list(db.session.execute(stmt.limit(per_page).offset((number - 1) * per_page)))
    return Page(items, number, pages, total, per_page)


def paginate_list(items: list, page, per_page: int = 10) -> Page:
    """The same for a list already in memory (catalogue documents)."""
    number, pages = clamp(page, len(items), per_page)
    start = (number - 1) * per_page
    return Page(items[start:start + per_page], number, pages, len(items), per_page)
