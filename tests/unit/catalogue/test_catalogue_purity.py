"""The catalogue is reusable by another office: no Flask, no app, no permit-specific code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import catalogue

PACKAGE = Path(catalogue.__file__).parent


def test_importing_the_catalogue_pulls_in_no_web_framework():
    code = ("import sys, catalogue, catalogue.__main__; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'app', 'wtforms', "
            "'flask_appbuilder', 'sqlalchemy')]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PACKAGE.parent, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_branching_on_permit_or_agency_codes():
    """Codes may appear in help texts as examples, never in a comparison."""
    codes = {p.stem for p in (PACKAGE / "definitions" / "permits").glob("*.json")}
    codes |= {"DPMPTSP", "DINKES", "DESDM", "DLH", "faskes"}
    for module in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                constants = [n.value for n in [node.left, *node.comparators]
                             if isinstance(n, ast.Constant)]
                assert not codes.intersection(map(str, constants)), (module.name, node.lineno)
