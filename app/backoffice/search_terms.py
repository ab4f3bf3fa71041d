"""What staff type into the grid's search box stays out of URLs.

A search term is often a NIK or NPWP. In a query string it would land in the browser history,
in Referer headers and in any access log between the browser and the app. So the search form
is POSTed; the term is kept in the (signed, HttpOnly) session under a random id, and the grid
is opened with ``?cari=<id>``. The id means nothing outside this browser session.
"""

from __future__ import annotations

import secrets

from flask import session

SESSION_KEY = "queue_search"
KEEP = 8  # the latest searches of this session (several tabs, the back button)


def remember(term: str) -> str:
    """The id of `term` in this session ("" for an empty term)."""
    term = (term or "").strip()[:100]
    if not term:
        return ""
    kept = [pair for pair in session.get(SESSION_KEY, []) if pair[1] != term]
    token = secrets.token_urlsafe(9)
    session[SESSION_KEY] = (kept + [[token, term]])[-KEEP:]
    return token


def recall(token: str | None) -> str:
    """The term behind `token` in this session, or "" (unknown, expired or another's)."""
    if not token:
        return ""
    return next((term for known, term in session.get(SESSION_KEY, []) if known == token), "")


def posted_args(form, keys) -> dict[str, str]:
    """A posted filter form as the list's address: the filters named by `keys` as typed,
    the search term by its id (`cari`), empty ones left out."""
    args = {key: (form.get(key) or "").strip() for key in keys}
    args["cari"] = remember(form.get("q", ""))
    return {key: value for key, value in args.items() if value}


def query_args(args) -> dict[str, str]:
    """A list's query string with `q` read back from the session through its `cari` id (a
    `q` in the address itself is ignored: nothing typed comes in by URL either)."""
    found = {key: value for key, value in args.items() if key != "q"}
    found["q"] = recall(found.get("cari"))
    return found
