"""Removing stored objects that nothing refers to (orphans).

An object is stored before the row that names it is committed (a signed permit before the
issuance's commit, an upload before its StoredFile row). When that commit fails the object is
normally deleted at once (storage.discard_unless_committed); a process that dies in between
leaves it behind. This finds those: objects under the folders this application writes that
no database column names and that are older than a threshold (24 hours by default, so an
upload whose commit is still in flight is never touched, even on S3 where a multipart
object's date is when its upload began; keys are random and only ever referenced right after
they are made, so an old unreferenced key stays unreferenced). Staged
catalogue uploads are named by no row (the key is in the admin's session): they go after
their own lifetime. Writes that never finished (temporary files, multipart uploads) older
than the threshold are discarded too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from .. import storage
from ..complaints import service as complaint_service
from ..extensions import db
from ..models import ApplicantProfile, ComplaintAttachment, IssuedPermit, PortalBanner, StoredFile
from . import catalogue_upload, files, issuance, portal_admin, profile

# every column that holds a storage key
KEY_COLUMNS = (StoredFile.storage_key, IssuedPermit.storage_key, ApplicantProfile.photo_key,
               PortalBanner.image_key, ComplaintAttachment.storage_key)
BATCH = 500


def areas() -> tuple[tuple[str, float], ...]:
    """(prefix, minimum age in hours) of every folder this application writes."""
    return ((files.FOLDER + "/", 0), (issuance.FOLDER + "/", 0),
            (profile.PHOTO_FOLDER + "/", 0), (portal_admin.IMAGE_FOLDER + "/", 0),
            (complaint_service.FOLDER + "/", 0),
            (catalogue_upload.STAGING + "/", catalogue_upload.STAGING_HOURS))


@dataclass
class CleanupReport:
    dry_run: bool
    removed: list[storage.ObjectInfo] = field(default_factory=list)
    incomplete: list[storage.ObjectInfo] = field(default_factory=list)
    referenced: int = 0
    recent: int = 0


def referenced(keys: Iterable[str]) -> set[str]:
    """Which of these keys some row names."""
    keys = list(keys)
    found: set[str] = set()
    for column in KEY_COLUMNS:
        found.update(db.session.scalars(select(column).where(column.in_(keys))))
    return found


def cleanup(older_than_hours: float = 24, *, dry_run: bool = False,
            now: datetime | None = None) -> CleanupReport:
    """Deletes (or with dry_run only reports) the orphans; `now` is the clock to age by."""
    now = now or datetime.now(UTC)
    backend = storage.current()
    report = CleanupReport(dry_run=dry_run)
    for prefix, min_hours in areas():
        cutoff = now - timedelta(hours=max(older_than_hours, min_hours))
        old = []
        for info in list(backend.list(prefix)):
            if info.modified >= cutoff:
                report.recent += 1
            else:
                old.append(info)
        for start in range(0, len(old), BATCH):
            _settle(backend, old[start:start + BATCH], report)
        for info in list(backend.list_incomplete(prefix)):
            if info.modified < cutoff:
                report.incomplete.append(info)
                if not dry_run:
                    backend.discard_incomplete(info)
    return report


def _settle(backend: storage.Storage, batch: list[storage.ObjectInfo],
            report: CleanupReport) -> None:
    used = referenced(info.key for info in batch)
    for info in batch:
        if info.key in used:
            report.referenced += 1
            continue
        report.removed.append(info)
        if not report.dry_run:
            backend.delete(info.key)
