"""The pure engines stay pure: another office must be able to reuse them without our app."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("app", "flask", "flask_wtf", "flask_babel", "flask_sqlalchemy", "flask_login",
             "flask_appbuilder", "flask_admin", "sqlalchemy", "werkzeug")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("package", ["catalogue", "forms_schema"])
def test_pure_packages_import_nothing_from_the_web_shell(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no modules"
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_checker_would_catch_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from flask import current_app\nimport app.models\n")
    assert [n for n in imported_modules(bad) if n.split(".")[0] in FORBIDDEN] == [
        "flask", "app.models"]


# one rule, one place: no reaching into another module's private names ---------------------
def private_imports(path: Path) -> list[str]:
    """`from x import _name` and `module._name` on an imported module, in one file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    imported: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name}")
                imported.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in imported and node.attr.startswith("_") \
                and not node.attr.startswith("__"):
            found.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_module_of_app_uses_another_modules_private_names():
    offenders = [hit for path in sorted((ROOT / "app").rglob("*.py"))
                 for hit in private_imports(path)]
    assert offenders == []


def test_the_private_name_check_would_catch_both_forms(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from .workflow import _routing\nfrom . import review\nreview._who()\n")
    assert len(private_imports(bad)) == 2


# small enough to read in one sitting --------------------------------------------------------
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
CHECKED = ("app", "catalogue", "forms_schema", "bench", "scripts", "tests")


def oversized(path: Path) -> list[str]:
    source = path.read_text()
    found = []
    if source.count("\n") > MAX_MODULE_LINES:
        found.append(f"{path.relative_to(ROOT)}: {source.count(chr(10))} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length}")
    return found


def test_no_module_over_400_lines_and_no_function_over_60():
    offenders = [hit for folder in CHECKED for path in sorted((ROOT / folder).rglob("*.py"))
                 for hit in oversized(path)]
    assert offenders == []



# one rule, one place: month names -----------------------------------------------------------
MONTH_NAMES = ("Januari", "Februari", "Maret", "Mei", "Juni", "Juli", "Agustus", "Oktober",
               "Desember", "January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
MONTH_LITERAL = re.compile(r"""(["'])(?:""" + "|".join(MONTH_NAMES) + r""")\1""")
MONTHS_HOME = ROOT / "forms_schema" / "months.py"


def month_literals(path: Path) -> list[str]:
    """Month names written as a string of their own ("Mei", _('Mei')), with their line."""
    text = path.read_text()
    return [f"{path.name}:{text.count(chr(10), 0, m.start()) + 1} {m.group()}"
            for m in MONTH_LITERAL.finditer(text)]


def test_month_names_are_written_in_one_module():
    """Documents, pages, reports and the console read month names from forms_schema.months
    (each caller says the language): a second list drifts, or speaks one language only."""
    sources = [path for folder in ("app", "catalogue", "forms_schema")
               for path in (ROOT / folder).rglob("*.py")]
    sources += [path for pattern in ("*.html", "*.txt")
                for path in (ROOT / "templates").rglob(pattern)]
    sources += list((ROOT / "static" / "js").rglob("*.js"))
    home = {hit.rsplit(" ", 1)[1].strip("'\"") for hit in month_literals(MONTHS_HOME)}
    assert MONTHS_HOME in sources and home == set(MONTH_NAMES)
    offenders = [hit for path in sorted(sources) if path != MONTHS_HOME
                 for hit in month_literals(path)]
    assert offenders == []


def test_the_month_check_would_catch_a_list_or_a_template_text(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("{% set names = [_('Januari'), _(\"Februari\")] %}\nMAY = 'May'\n"
                   "Dibuat 23 Desember 2026\n")
    assert month_literals(bad) == ["bad.html:1 'Januari'", 'bad.html:1 "Februari"',
                                   "bad.html:2 'May'"]
