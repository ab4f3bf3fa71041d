"""A certificate template rendered under hard limits where it arrives from an admin: the
console's sample preview (certificate_preview.py), saving a permit and publishing a
catalogue, from the console or from files (`flask catalogue import`: catalogue_store.publish
calls check_catalogue for every source). documents/limits.py and documents/bounded.py say
what the limits are and why a child process.

Only a template stopped by a limit is refused here. Any other problem (a variable the form
does not have, a syntax error) stays what it was: a catalogue issue the draft lists, and the
preview's explanation.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping

import catalogue as cat_lib

from ..documents import bounded
from ..documents.limits import Limits
from ..documents.render import TemplateTooHeavy
from ..i18n import N_
from . import certificate_preview as preview
from . import certificates
from .errors import DomainError

MSG_PERMIT_TOO_HEAVY = N_("Templat sertifikat izin {code} tidak dapat diterbitkan: {message}")

Job = tuple[str, str, dict]  # permit code, template source, sample context
# contents (catalogue, files, limits) whose templates passed in this process: see _passed_key
_PASSED: set[str] = set()
_PASSED_MAX = 32
_passed_lock = threading.Lock()


def _problems(jobs: list[Job]) -> list[tuple[str, str]]:
    """(code, message) of each template stopped by a limit; run in the child, each template
    under its own in-process budget."""
    from ..documents.certificate import certificate_html

    found = []
    for code, source, context in jobs:
        try:
            certificate_html(source, context)
        except TemplateTooHeavy as exc:
            found.append((code, exc.message))
        except DomainError:
            continue  # another template problem: a catalogue issue, not a limit
    return found


def _source(permit: dict, assets: Mapping[str, bytes]) -> str | None:
    spec = (permit.get("certificate") or {}).get("template")
    return certificates.template_source(spec, assets) if spec else None


def _job(cat: cat_lib.Catalogue, permit: dict, assets: Mapping[str, bytes]) -> Job | None:
    source = _source(permit, assets)
    if source is None:
        return None
    return permit.get("code", ""), source, preview.sample_context(cat, permit)


def _limit_problems(jobs: list[Job]) -> list[tuple[str, str]]:
    """All `jobs` in one child (a fork each would cost more than the renders); when the
    child itself is stopped, one child each, to name the template that was."""
    if not jobs:
        return []
    try:
        return bounded.render_limited(_problems, jobs, renders=len(jobs))
    except TemplateTooHeavy as exc:
        if len(jobs) == 1:
            return [(jobs[0][0], exc.message)]
        return [found for job in jobs for found in _limit_problems([job])]


def limit_problem(cat: cat_lib.Catalogue, permit: dict,
                  assets: Mapping[str, bytes]) -> str | None:
    """Why `permit`'s template goes past a limit on sample answers, or None."""
    job = _job(cat, permit, assets)
    found = _limit_problems([job] if job else [])
    return found[0][1] if found else None


def check_catalogue(cat: cat_lib.Catalogue, assets: Mapping[str, bytes],
                    before: cat_lib.Catalogue | None = None,
                    before_assets: Mapping[str, bytes] | None = None) -> None:
    """Before publishing: DomainError naming the first permit whose template goes past a
    limit, so that no version in force holds one. A template the version in force (`before`)
    already prints with is not rendered again: it passed this check when it was published."""
    key = _passed_key(cat, assets)
    with _passed_lock:
        if key in _PASSED:
            return
    jobs = []
    for permit in cat.permits:
        old = before.permit(permit.get("code", "")) if before else None
        if old is None or _source(old, before_assets or {}) != _source(permit, assets):
            job = _job(cat, permit, assets)
            jobs += [job] if job else []
    for code, message in _limit_problems(jobs)[:1]:
        raise DomainError(MSG_PERMIT_TOO_HEAVY.format(code=code, message=message))
    with _passed_lock:
        if len(_PASSED) >= _PASSED_MAX:
            _PASSED.clear()
        _PASSED.add(key)


def _passed_key(cat: cat_lib.Catalogue, assets: Mapping[str, bytes]) -> str:
    """The same catalogue with the same files under the same limits renders the same on
    sample answers, so once it passed here it is not rendered again: a publish retried after
    another took its number, and the sample catalogue every test publishes afresh (building
    15 sample contexts and a child each time doubled those tests' time)."""
    digest = hashlib.sha256(cat.digest().encode())
    for path, content in sorted(assets.items()):
        digest.update(path.encode() + b"\0" + hashlib.sha256(content).digest())
    digest.update(repr(Limits.from_config()).encode())
    return digest.hexdigest()

