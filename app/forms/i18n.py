"""The definitions' texts in the reader's language, through the same message catalogue as
every other text (translations/en/LC_MESSAGES/messages.po).

Definitions hold Indonesian text only ({"id": ...}); `make translations` extracts it with
`extract_definitions` (babel.cfg), and `localised` adds the reader's language at render time.
Messages (required_message, pattern_message, a rule's message) are extracted too: the checks
write them in Indonesian, like every check's message, and a page shows them in its reader's
language through the `pesan` filter, which finds them in the same catalogue (i18n.name_in).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

TEXT_KEYS = ("label", "help", "placeholder", "title", "description",
             "required_message", "pattern_message", "message")


def texts(node: Any) -> Iterator[str]:
    """Every Indonesian UI text in a definition (or in fields.json), options' labels too."""
    if isinstance(node, dict):
        for attr, value in node.items():
            if attr in TEXT_KEYS and isinstance(value, dict) and value.get("id"):
                yield value["id"]
            else:
                yield from texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from texts(item)


def localised(node: Any, locale: str, translate: Callable[[str], str]) -> Any:
    """A copy of `node` whose texts also carry `locale`, translated from Indonesian."""
    if locale == "id":
        return node
    if isinstance(node, dict):
        out = {}
        for attr, value in node.items():
            if attr in TEXT_KEYS and isinstance(value, dict) and value.get("id"):
                out[attr] = {**value, locale: translate(value["id"])}
            else:
                out[attr] = localised(value, locale, translate)
        return out
    if isinstance(node, list):
        return [localised(item, locale, translate) for item in node]
    return node


def extract_definitions(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method for definitions/*.json: (line, None, text, [])."""
    source = fileobj.read().decode("utf-8")
    for text in dict.fromkeys(texts(json.loads(source))):
        at = source.find(json.dumps(text, ensure_ascii=False))
        yield source.count("\n", 0, max(at, 0)) + 1, None, text, []
