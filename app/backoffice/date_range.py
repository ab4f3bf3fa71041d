"""A range of dates typed by a person: "from" and "to" in the wrong order.

Staff type a start and an end date in several screens (the grid's Semua Permohonan filter,
the report's custom range, the audit log). Typing them the wrong way round is a slip, not a
request for an empty result, so every screen does the same: swap them and say so. This
module is that one rule; the screens call it instead of repeating it.
"""

from __future__ import annotations

from datetime import date

from ..i18n import N_

MSG_SWAPPED = N_("Tanggal awal lebih akhir dari tanggal akhir; keduanya ditukar.")


def ordered(start: date | None, end: date | None) -> tuple[date | None, date | None, str]:
    """(start, end, message): the two dates earliest first, and the message to show when
    they had to be swapped ("" when they were in order or one of them is missing). The
    message is Indonesian, marked for translation (the `pesan` filter shows it in the
    reader's language)."""
    if start is not None and end is not None and start > end:
        return end, start, MSG_SWAPPED
    return start, end, ""
