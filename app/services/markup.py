"""A small, safe text format for content admins write in the console (help pages, FAQ
answers, announcements), rendered to HTML for the portal and for the PDF manual alike.

Everything is escaped first, so no HTML typed by anyone reaches a page. Recognised:
``## Heading`` and ``### Subheading``, blank-line paragraphs, ``- item`` lists, ``1. item``
numbered lists, ``> note`` call-outs, ``**bold**``, ``*italic*`` and ``[text](https://...)`` or
``[text](/path)`` links (other link targets are shown as plain text).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|/)[^\s)]*)\)")
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")


def inline(text: str) -> str:
    """Escapes one line, then turns its marks into tags (the marks survive escaping)."""
    html = str(escape(text))
    html = _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', html)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _ITALIC.sub(r"<em>\1</em>", html)


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _list(lines: list[str], numbered: bool) -> str:
    tag = "ol" if numbered else "ul"
    items: list[str] = []
    for line in lines:
        stripped = line.strip()
        if numbered and _NUMBERED.match(stripped):
            items.append(_NUMBERED.sub("", stripped))
        elif not numbered and stripped.startswith(("- ", "* ")):
            items.append(stripped[2:])
        elif items:  # a continuation line of the previous item
            items[-1] += " " + stripped
    return f"<{tag}>" + "".join(f"<li>{inline(i)}</li>" for i in items) + f"</{tag}>"


def _block(lines: list[str], level_shift: int) -> str:
    first = lines[0].strip()
    if first.startswith("#"):
        marks = len(first) - len(first.lstrip("#"))
        level = min(max(marks, 2), 4) + level_shift
        rest = "".join(_block(lines[1:], level_shift)) if len(lines) > 1 else ""
        return f"<h{level}>{inline(first[marks:].strip())}</h{level}>" + rest
    if all(line.strip().startswith(">") for line in lines):
        body = " ".join(line.strip()[1:].strip() for line in lines)
        return f'<div class="note">{inline(body)}</div>'
    if first.startswith(("- ", "* ")):
        return _list(lines, numbered=False)
    if _NUMBERED.match(first):
        return _list(lines, numbered=True)
    return "<p>" + "<br>".join(inline(line.strip()) for line in lines) + "</p>"


def render(text: str, *, level_shift: int = 0) -> Markup:
    """HTML of a text; `level_shift` moves headings down (a page inside the manual)."""
    return Markup("".join(_block(b, level_shift) for b in _blocks(text)))


def plain(text: str) -> str:
    """The text without its marks, for search and short previews."""
    text = _LINK.sub(r"\1", text or "")
    text = re.sub(r"[*#>]", "", text)
    return " ".join(_NUMBERED.sub("", line.strip().removeprefix("- "))
                    for line in text.splitlines() if line.strip())
