"""`make audit`'s verdict (scripts/audit_deps.py) from pip-audit's JSON report: a found
vulnerability fails, a report in which packages could not be checked is never a pass (this is
what pip-audit printed here, with "No known vulnerabilities found" and status 0, when the
database answered for no package), and ignore entries need a reason."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_deps.py"
spec = importlib.util.spec_from_file_location("audit_deps", SCRIPT)
audit_deps = importlib.util.module_from_spec(spec)
sys.modules["audit_deps"] = audit_deps  # dataclasses look their module up there
spec.loader.exec_module(audit_deps)

SKIPPED = "Dependency not found on PyPI and could not be audited: {0} ({1})"


def _dep(name, version="1.0", vulns=(), skipped=False):
    if skipped:
        return {"name": name, "skip_reason": SKIPPED.format(name, version)}
    return {"name": name, "version": version, "vulns": list(vulns)}


def test_every_package_checked_and_clean_passes():
    verdict = audit_deps.judge({"dependencies": [_dep("flask", "3.1.3"), _dep("jinja2")]})
    assert verdict.status == audit_deps.PASSED and verdict.checked == 2


def test_a_vulnerability_fails_and_is_named():
    vuln = {"id": "GHSA-aaaa-bbbb-cccc", "fix_versions": ["3.1.4"], "aliases": []}
    verdict = audit_deps.judge({"dependencies": [_dep("werkzeug", "3.1.3", [vuln]),
                                                 _dep("flask", skipped=True)]})
    assert verdict.status == audit_deps.VULNERABLE
    assert verdict.vulnerable == [("werkzeug", "3.1.3", "GHSA-aaaa-bbbb-cccc", "3.1.4")]


def test_nothing_checked_is_unreachable_not_passed(capsys):
    report = {"dependencies": [_dep("flask", "3.1.3", skipped=True),
                               _dep("alembic", "1.20.1", skipped=True)], "fixes": []}
    verdict = audit_deps.judge(report)
    assert verdict.status == audit_deps.UNREACHABLE and verdict.checked == 0
    audit_deps.show(verdict, "pypi", {})
    out = capsys.readouterr().out
    assert "TIDAK DAPAT DIPASTIKAN" in out and "BUKAN lulus" in out and "LULUS -" not in out


def test_some_packages_unchecked_is_incomplete():
    verdict = audit_deps.judge({"dependencies": [_dep("flask"), _dep("alembic", skipped=True)]})
    assert verdict.status == audit_deps.UNREACHABLE and "tidak lengkap" in verdict.message


def test_a_network_failure_is_told_apart_from_other_failures():
    network = audit_deps.judge_failure(1, "requests.exceptions.ConnectionError: "
                                          "HTTPSConnectionPool(host='api.osv.dev') "
                                          "Max retries exceeded")
    other = audit_deps.judge_failure(1, "ValueError: invalid requirement")
    assert network.status == audit_deps.UNREACHABLE
    assert other.status == audit_deps.ERROR


def test_ignore_entries_need_a_reason(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text("# comment\n\nGHSA-aaaa-bbbb-cccc  # only in the docs build\n")
    assert audit_deps.read_ignores(good) == {"GHSA-aaaa-bbbb-cccc": "only in the docs build"}
    bad = tmp_path / "bad.txt"
    bad.write_text("PYSEC-2024-1\n")
    with pytest.raises(ValueError, match="reason"):
        audit_deps.read_ignores(bad)


def test_the_shipped_ignore_file_is_valid():
    audit_deps.read_ignores()
