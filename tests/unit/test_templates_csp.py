"""Every template keeps to the Content-Security-Policy (app/security/headers.py): no <script>
or <style> element without the request's nonce, no inline event handler (onclick=, onsubmit=,
...) and no javascript: URL. The browser would refuse to run those; this finds them before a
browser does, naming file:line so they are quick to fix (script code belongs in static/js,
bound with addEventListener; a confirmation is data-confirm="..." on the form)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
NONCES = ('nonce="{{ csp_nonce() }}"', "{{ admin_csp_nonce_attribute }}")
HANDLER = re.compile(r"(?<![\w:.-])on[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def tags(text: str):
    """(line, tag text) of every start tag, reading past Jinja {{ }} / {% %} and quoted
    values, which may hold a ">"."""
    i, n = 0, len(text)
    while i < n:
        start = text.find("<", i)
        if start < 0 or start + 1 >= n:
            return
        if not text[start + 1].isalpha():
            i = start + 1
            continue
        j, quote = start + 1, None
        while j < n:
            if quote:
                if text[j] == quote:
                    quote = None
            elif text.startswith(("{{", "{%", "{#"), j):
                close = {"{{": "}}", "{%": "%}", "{#": "#}"}[text[j:j + 2]]
                j = text.find(close, j + 2)
                if j < 0:
                    return
                j += 1
            elif text[j] in "\"'":
                quote = text[j]
            elif text[j] == ">":
                break
            j += 1
        yield text.count("\n", 0, start) + 1, text[start:j + 1]
        i = j + 1


def problems_in(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(root)
    # Jinja comments are never sent to the browser
    text = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for line, tag in tags(text):
        name = re.match(r"<([a-zA-Z][\w-]*)", tag).group(1).lower()
        if name in ("script", "style") and not any(n in tag for n in NONCES):
            found.append(f"{where}:{line}: <{name}> without a nonce; add "
                         f'nonce="{{{{ csp_nonce() }}}}" (inline code belongs in static/js)')
        attributes = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", tag, flags=re.S)[len(name) + 1:]
        handler = HANDLER.search(re.sub(r'"[^"]*"|\'[^\']*\'', '""', attributes))
        if handler:
            found.append(f"{where}:{line}: inline event handler {handler.group(0).strip()}... "
                         f"in <{name}>; bind it with addEventListener in a static/js file")
        if JS_URL.search(attributes):
            found.append(f"{where}:{line}: javascript: URL in <{name}>; use href=\"#\" and a "
                         f"handler in a static/js file")
    return found


def html_templates() -> list[Path]:
    """Every page template; templates/pdf is rendered to PDF by WeasyPrint, never served to a
    browser, so its <style> elements are not a page's."""
    return sorted(p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.relative_to(
        TEMPLATES).parts[:1])


def test_templates_keep_to_the_content_security_policy():
    problems = [p for path in html_templates() for p in problems_in(path)]
    assert not problems, "Templates the Content-Security-Policy would break:\n" + "\n".join(
        problems)


@pytest.mark.parametrize(("snippet", "expected"), [
    ("<script>alert(1)</script>", "<script> without a nonce"),
    ('<script src="/static/x.js"></script>', "<script> without a nonce"),
    ("<style>p{}</style>", "<style> without a nonce"),
    ('<form onsubmit="return confirm(1)">', "inline event handler onsubmit="),
    ("<button\n  type=button OnClick='x()'>", "inline event handler OnClick="),
    ('<a href="javascript:void(0)">', "javascript: URL in <a>"),
    ('<a href="{{ url }}" title="{{ a > b }}" onclick="x()">', "inline event handler onclick="),
])
def test_the_scan_finds_what_the_policy_forbids(tmp_path, snippet, expected):
    """The scan itself: each forbidden form is reported with its file and line."""
    path = tmp_path / "t.html"
    path.write_text("<p>\n" + snippet + "\n</p>", encoding="utf-8")
    found = problems_in(path, tmp_path)
    assert len(found) == 1 and expected in found[0] and found[0].startswith("t.html:2:")


@pytest.mark.parametrize("snippet", [
    '<script nonce="{{ csp_nonce() }}" src="/static/x.js"></script>',
    "<script {{ admin_csp_nonce_attribute }}>x()</script>",
    '<input data-confirm="yes" data-on-change="x" aria-label="online=1">',
    "{# <script>old()</script> #}",
    '<p>Bila onboarding=selesai</p>',
])
def test_the_scan_accepts_what_the_policy_allows(tmp_path, snippet):
    path = tmp_path / "t.html"
    path.write_text(snippet, encoding="utf-8")
    assert problems_in(path, tmp_path) == []
