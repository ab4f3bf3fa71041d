"""Every message a form definition words itself (required_message, pattern_message, a rule's
message) has English: the account and wizard forms' in the translation catalogue, like their
labels (app/forms/i18n.py), the sample catalogue's permits beside the Indonesian."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po

from app import forms
from app.forms import i18n
from catalogue import DEFINITIONS
from forms_schema import compile_definition

PO = Path(__file__).resolve().parents[2] / "translations/en/LC_MESSAGES/messages.po"
MESSAGE_KEYS = ("required_message", "pattern_message", "message")


def messages(node, path=""):
    """(path, text) of every message in a definition."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in MESSAGE_KEYS and isinstance(value, dict):
                yield f"{path}.{key}", value
            else:
                yield from messages(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from messages(item, f"{path}[{i}]")


def test_every_app_form_message_has_english_in_the_catalogue():
    with PO.open("rb") as handle:
        english = {m.id: m.string for m in read_po(handle, locale="en")
                   if m.id and m.string and not m.fuzzy}
    files = sorted(forms.DEFINITIONS.glob("*.json"))
    found = [(f.name, text["id"]) for f in files
             for _path, text in messages(json.loads(f.read_text(encoding="utf-8")))]
    assert len(found) > 20
    assert [item for item in found if item[1] not in english] == []
    extracted = {t for f in files for t in i18n.texts(json.loads(f.read_text()))}
    assert {text for _f, text in found} <= extracted  # `make translations` keeps them there


def test_every_sample_permit_message_has_english():
    missing = []
    for path in sorted(Path(DEFINITIONS).glob("permits/*.json")):
        for where, text in messages(json.loads(path.read_text(encoding="utf-8"))):
            if not (text.get("en") or "").strip():
                missing.append((path.name, where, text.get("id")))
    assert missing == []


def test_a_compiled_form_gives_its_own_messages_in_a_language():
    form = compile_definition({"sections": [{"title": {"id": "A"}, "fields": [
        {"key": "a", "type": "text", "label": {"id": "A"}, "required": True,
         "required_message": {"id": "A wajib diisi", "en": "A is required."},
         "pattern": "^[0-9]+$", "pattern_message": {"id": "Hanya angka"}},
        {"key": "b", "type": "date", "label": {"id": "B"}}]}],
        "rules": [{"check": "b >= a", "message": {"id": "B salah", "en": "B is wrong."}}]})
    assert form.messages("en") == {"A wajib diisi": "A is required.",
                                   "Hanya angka": "Hanya angka", "B salah": "B is wrong."}
