"""The reader's language, in one place: "en" when the visitor chose English, else "id".

Outside a request (the API without a browser, the CLI, the outbox worker, PDFs) it is
Indonesian, the office's language.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_babel import get_locale


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
