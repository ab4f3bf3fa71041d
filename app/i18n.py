"""The reader's language, in one place: "en" when the visitor chose English, else "id".

Outside a request (the API without a browser, the CLI, the outbox worker, PDFs) it is
Indonesian, the office's language.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, session
from flask_babel import get_babel, get_locale


def locale() -> str:
    found = get_locale() if has_request_context() else None
    return "en" if found is not None and found.language == "en" else "id"


def text(value: Any, language: str = "id") -> str:
    """A multilingual text {"id", "en"} (or a plain string) in `language`, else Indonesian."""
    if isinstance(value, dict):
        return str(value.get(language) or value.get("id") or "")
    return "" if value is None else str(value)


def in_locale(value: Any) -> str:
    """A catalogue text in the reader's language."""
    return text(value, locale())


def choose() -> str:
    """The request's language: `?_l_=` (Flask-AppBuilder's API), else the one the visitor chose
    (/bahasa/<locale> keeps it in the session), else BABEL_DEFAULT_LOCALE.

    Flask-AppBuilder's own selector decides the same but also writes the default into the
    session, so every visitor without a cookie got one (a signed cookie written, and a
    Set-Cookie header, on every public page a tracking link or crawler opens)."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("_l_")
    if asked is not None:
        return asked if asked in current_app.config["LANGUAGES"] else default
    return session.get("locale") or default


def install(app) -> None:
    """Replaces Flask-AppBuilder's locale selector (installed by AppBuilder.init_app)."""
    get_babel(app).locale_selector = choose
