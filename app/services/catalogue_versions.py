"""The version history as an admin reads it: what each version changed against the one
before (labels, not keys), rolling back (an old version published again as the newest), and
the dry run of a publish: which open applications and drafts it touches — none, because each
stays pinned to the version it started on; the list says which of them are for permits the
new version changes, so nobody is surprised later."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

import catalogue as cat_lib

from ..extensions import db
from ..i18n import N_
from ..models import Application, CatalogueVersion
from ..models import applications as states
from . import catalogue_store as store
from .catalogue_browse import attribute_changes
from .errors import DomainError

MSG_NO_VERSION = N_("Versi {number} tidak ada.")
OPEN = (states.DRAFT, states.IN_PROCESS, states.REVISION, states.EXPIRED)


def previous(version: CatalogueVersion) -> CatalogueVersion | None:
    return db.session.scalar(select(CatalogueVersion)
                             .where(CatalogueVersion.number < version.number)
                             .order_by(CatalogueVersion.number.desc()).limit(1))


def changes(version: CatalogueVersion) -> tuple[cat_lib.CatalogueDiff, dict]:
    """The diff against the version before it, and the before/after values of changed
    permit attributes."""
    before = previous(version)
    old = store.catalogue_of(before) if before else cat_lib.Catalogue({})
    new = store.catalogue_of(version)
    found = cat_lib.diff(old, new)
    return found, attribute_changes(old, new, found)


def rollback(number: int, user_id: int | None, note: str = "") -> CatalogueVersion:
    """Publishes version `number` again as the next version (its templates included); the
    versions in between stay in the history, applications stay on theirs."""
    old = store.get_version(number)
    if old is None:
        raise DomainError(MSG_NO_VERSION.format(number=number))
    return store.publish(store.catalogue_of(old).to_dict(), store.assets_of(old),
                         source=f"pemulihan versi {number}",
                         note=note or f"Kembali ke isi versi {number}.", user_id=user_id)


@dataclass(frozen=True)
class Pinned:
    version: int
    permit_code: str
    drafts: int
    running: int  # submitted, not finished: in process, in revision, expired revisions
    verdict: str  # same | changed | removed: the permit in the new catalogue vs their version


@dataclass(frozen=True)
class DryRun:
    rows: tuple[Pinned, ...]

    @property
    def total(self) -> int:
        return sum(r.drafts + r.running for r in self.rows)

    @property
    def differing(self) -> int:
        return sum(r.drafts + r.running for r in self.rows if r.verdict != "same")


def dry_run(new: cat_lib.Catalogue) -> DryRun:
    """Every open application and draft, by the version it is pinned to and its permit, and
    whether that permit reads differently in `new`."""
    counts = db.session.execute(
        select(Application.catalogue_version_id, Application.catalogue_version_number,
               Application.permit_code, Application.status, func.count(Application.id))
        .where(Application.status.in_(OPEN))
        .group_by(Application.catalogue_version_id, Application.catalogue_version_number,
                  Application.permit_code, Application.status)).all()
    grouped: dict[tuple[int, int, str], list[int]] = {}
    for version_id, number, code, status, count in counts:
        slot = grouped.setdefault((version_id, number, code), [0, 0])
        slot[0 if status == states.DRAFT else 1] += count
    digests = dict(db.session.execute(select(CatalogueVersion.id, CatalogueVersion.digest)
                                      .where(CatalogueVersion.id.in_(
                                          {k[0] for k in grouped}))).all())
    rows = []
    for (version_id, number, code), (drafts, running) in sorted(
            grouped.items(), key=lambda item: (item[0][1], item[0][2])):
        pinned = store.catalogue_by(version_id, digests[version_id]).permit(code)
        after = new.permit(code)
        verdict = "removed" if after is None else "same" if after == pinned else "changed"
        rows.append(Pinned(number, code, drafts, running, verdict))
    return DryRun(tuple(rows))
