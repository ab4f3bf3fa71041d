"""Marks the catalogue checks' Indonesian texts for the translation catalogue.

The checks answer in Indonesian, the language of the CLI, the REST API and the stored
records; `make translations` extracts N_, and the web console shows a marked text (a
template with {names} filled in with .format) in its reader's language (app.i18n.marked_in
reads MARKED). The catalogue package imports nothing from the web layer, so it keeps its own
marker; not the form engine's (forms_schema.marked), whose package pulls in WTForms, which
importing the catalogue must not (tests/unit/catalogue/test_catalogue_purity.py)."""

from __future__ import annotations

MARKED: set[str] = set()


def N_(msgid: str) -> str:
    """The Indonesian text itself, recorded in MARKED."""
    MARKED.add(msgid)
    return msgid
