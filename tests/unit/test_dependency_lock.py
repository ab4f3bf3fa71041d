"""Installs are reproducible: the lock decides every version, not the day of the install."""

from __future__ import annotations

import re
import tomllib
import warnings
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _toml(name: str) -> dict:
    return tomllib.loads((ROOT / name).read_text())


def _locked() -> dict[str, list[dict]]:
    by_name: dict[str, list[dict]] = {}
    for package in _toml("uv.lock")["package"]:
        by_name.setdefault(package["name"], []).append(package)
    return by_name


def _declared() -> list[Requirement]:
    project = _toml("pyproject.toml")
    specs = list(project["project"]["dependencies"])
    for extra in project["project"]["optional-dependencies"].values():
        specs += extra
    for group in project["dependency-groups"].values():
        specs += group
    return [Requirement(spec) for spec in specs]


def test_every_declared_dependency_is_locked_at_a_version_it_allows():
    locked = _locked()
    problems = []
    for req in _declared():
        versions = [p["version"] for p in locked.get(canonicalize_name(req.name), [])]
        if not versions:
            problems.append(f"{req.name} is not in uv.lock (run `make upgrade-deps`)")
        elif not any(req.specifier.contains(v, prereleases=True) for v in versions):
            problems.append(f"{req.name}{req.specifier} but uv.lock has {versions}")
    assert problems == []


def test_every_locked_file_carries_a_hash():
    unhashed = []
    for name, packages in _locked().items():
        for package in packages:
            if "registry" not in package.get("source", {}):
                continue
            files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
            assert files, f"{name} has no files in uv.lock"
            unhashed += [f"{name} {f.get('url')}" for f in files
                         if not f.get("hash", "").startswith("sha256:")]
    assert unhashed == []


def test_bootstrap_requirements_match_the_lock():
    """The first install (pip, setuptools, uv) uses requirements/bootstrap.txt; it must say
    the same versions as uv.lock, with hashes."""
    text = (ROOT / "requirements/bootstrap.txt").read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M))
    assert set(pins) == {"pip", "setuptools", "uv"}
    locked = _locked()
    for name, version in pins.items():
        assert version in [p["version"] for p in locked[name]], name
    assert text.count("--hash=sha256:") >= len(pins)


def test_make_installs_exactly_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes" in makefile
    sync_lines = [line for line in makefile.splitlines() if " sync " in line]
    assert sync_lines and all("--frozen" in line for line in sync_lines)
    assert "pip install -e" not in makefile and "pip install -q -e" not in makefile


def _warn_from(module: str, category: type[Warning]) -> None:
    """Raise a warning attributed to `module`, as if that module's code had called warn()."""
    code = compile(f"import warnings\nwarnings.warn('old API', {category.__name__})\n",
                   f"{module.replace('.', '/')}.py", "exec")
    exec(code, {"__name__": module, category.__name__: category})  # noqa: S102


@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
def test_a_deprecation_raised_in_our_code_is_an_error(category):
    with pytest.raises(category):
        _warn_from("app.services.example", category)


@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
def test_a_deprecation_raised_inside_a_library_is_reported_not_fatal(category):
    with warnings.catch_warnings(record=True) as caught:
        _warn_from("somelibrary.module", category)
    assert [w.category for w in caught] == [category]


def test_cryptographys_own_deprecations_inside_a_library_are_reported():
    from cryptography.utils import CryptographyDeprecationWarning

    with warnings.catch_warnings(record=True) as caught:
        _warn_from("pyhanko.sign.signers.pdf_cms", CryptographyDeprecationWarning)
    assert len(caught) == 1


def test_other_warnings_stay_errors():
    with pytest.raises(RuntimeWarning):
        _warn_from("somelibrary.module", RuntimeWarning)
