"""Data-driven means data-driven: no permit, agency, sector, routing or lookup code of the
sample catalogue appears in the code, the templates or our scripts, and no office's name
either (the office is configuration: OFFICE_NAME, OFFICE_AGENCY). A permit the code has never
seen must work exactly like the sample's.

Docstrings, comments and help texts may use a code as an example ("mis. SIP-DOKTER",
"e.g. DINKES"); a string a program compares, uses as a key or prints as fact may not.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = ROOT / "catalogue" / "definitions"
# words that name one particular office rather than any DPMPTSP
OFFICE_WORDS = ("Kalimantan", "Kaltim", "Samarinda", "Balikpapan")


def sample_codes() -> set[str]:
    codes = {p.stem for folder in ("permits", "lookups", "routings")
             for p in (DEFINITIONS / folder).glob("*.json")}
    for name in ("agencies", "sectors"):
        codes |= {item["code"] for item in json.loads((DEFINITIONS / f"{name}.json").read_text())}
    return codes


EXAMPLE = re.compile(r"(?i)\b(mis\.|e\.g\.)[^.;)\n]*")


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def python_offences(path: Path, pattern: re.Pattern) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_nodes(tree)
    return [f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and pattern.search(EXAMPLE.sub("", node.value))]


JINJA_COMMENT = re.compile(r"{#.*?#}", re.S)
JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'])//[^\n]*", re.S)


def text_offences(path: Path, pattern: re.Pattern) -> list[str]:
    source = path.read_text(encoding="utf-8", errors="replace")
    source = JINJA_COMMENT.sub("", source) if path.suffix == ".html" else JS_COMMENT.sub("", source)
    return [f"{path.relative_to(ROOT)}:{n} {line.strip()[:80]}"
            for n, line in enumerate(source.splitlines(), 1)
            if pattern.search(EXAMPLE.sub("", line))]


def _pattern(words) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(words))) + r")(?![\w-])")


def sources():
    yield from ((p, "py") for p in sorted((ROOT / "app").rglob("*.py")))
    yield from ((p, "py") for p in sorted((ROOT / "forms_schema").rglob("*.py")))
    yield from ((p, "py") for p in sorted((ROOT / "catalogue").glob("*.py")))
    yield from ((p, "text") for p in sorted((ROOT / "templates").rglob("*.html")))
    yield from ((p, "text") for p in sorted((ROOT / "static").rglob("*.js"))
                if "vendor" not in p.parts)


def offences(words) -> list[str]:
    pattern = _pattern(words)
    found = []
    for path, kind in sources():
        found += python_offences(path, pattern) if kind == "py" else text_offences(path, pattern)
    return found


def test_no_catalogue_code_in_code_templates_or_scripts():
    assert offences(sample_codes()) == []


def test_no_office_name_in_code_templates_or_scripts():
    assert offences(OFFICE_WORDS) == []


@pytest.mark.parametrize("snippet, kind", [
    ("if permit['code'] == 'SIP-DOKTER':\n    pass\n", "py"),
    ("FEES = {'DINKES': 10}\n", "py"),
    ("{% if application.agency_code == 'DLH' %}x{% endif %}", "text"),
    ("if (agency === 'DINKES') { show(); }", "text"),
])
def test_the_check_finds_a_code_in_a_comparison_or_a_key(tmp_path, snippet, kind):
    path = ROOT / "tests" / "unit" / ("_probe.py" if kind == "py" else "_probe.html")
    try:
        path.write_text(snippet, encoding="utf-8")
        pattern = _pattern(sample_codes())
        found = python_offences(path, pattern) if kind == "py" else text_offences(path, pattern)
    finally:
        path.unlink()
    assert found, snippet


def test_a_code_in_a_docstring_or_comment_is_an_example_not_an_offence(tmp_path):
    path = ROOT / "tests" / "unit" / "_probe.py"
    try:
        path.write_text('"""Like SIP-DOKTER."""\n# DINKES\nx = 1\n', encoding="utf-8")
        assert python_offences(path, _pattern(sample_codes())) == []
    finally:
        path.unlink()
