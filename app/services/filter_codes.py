"""Whether a list's filter code (an agency, a status, a category ...) names something: the one
rule for the API and the web pages.

A code that names nothing must never read as "nothing found" (an empty list) nor pass
silently as "no filter" (the whole list, as if filtered). The API refuses it with 400 and
the known values (app/api/filters.known); a page says so in a notice and shows the list
unfiltered, its filter control back on "all" (`checked`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ..i18n import N_

MSG_IGNORED = N_("{what} '{value}' tidak dikenal; filter diabaikan, menampilkan semua.")
VALUE_MAX = 40  # what a notice repeats of a value typed into the address


def is_known(value: str, codes: Iterable[str]) -> bool:
    """An empty value is no filter, so it is known; otherwise it is one of `codes`."""
    return not value or value in (codes if isinstance(codes, Collection) else set(codes))


def checked(value: str, codes: Iterable[str], what: str, notices: list[str]) -> str:
    """`value` when it is known; else "" (no filter) with MSG_IGNORED added to `notices`.
    `what` names the filter as its control is labelled (a text marked with N_)."""
    if is_known(value, codes):
        return value
    shown = value if len(value) <= VALUE_MAX else value[:VALUE_MAX] + "…"
    notices.append(MSG_IGNORED.format(what=what, value=shown))
    return ""
