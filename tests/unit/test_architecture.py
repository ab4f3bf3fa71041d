"""The pure engines stay pure: another office must be able to reuse them without our app."""

from __future__ import annotations

import ast
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
