"""`flask storage cleanup`: orphans (objects no row names) older than the threshold go; what
a row names, a fresh upload whose commit may be in flight, and anything outside the folders
this application writes stay. Runs the real command on the app's own storage folder; objects
are aged by their modification time on disk (S3 cannot backdate an object: the S3 variant,
aging by the service's clock instead, is in test_storage_s3.py)."""

from __future__ import annotations

import io
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app import storage
from app.extensions import db
from app.models import IssuedPermit, StoredFile
from app.services import catalogue_upload
from app.services import profile as profile_service
from app.services.storage_cleanup import cleanup
from app.services.users import profile_of
from tests.helpers import (
    make_applicant,
    make_finished,
    publish_catalogue,
)
from tests.integration.test_profile import png_bytes

STORAGE_BACKENDS = ("local",)


def age(app, key: str, hours: float) -> None:
    path = Path(app.config["UPLOAD_DIR"]) / key
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def everything_in_use(app) -> set[str]:
    """An issued permit (its PDF and its documents) and a profile photo, through the real
    services: every kind of row that names a stored object."""
    publish_catalogue(app)
    person, _ = make_applicant(app)
    make_finished(app, person)
    profile_service.set_photo(profile_of(person), io.BytesIO(png_bytes()), 5 * 1024 * 1024)
    keys = {profile_of(person).photo_key, db.session.scalar(select(IssuedPermit.storage_key))}
    keys |= set(db.session.scalars(select(StoredFile.storage_key)))
    return keys


def all_keys() -> set[str]:
    return {info.key for info in storage.current().list("")}


def test_cleanup_removes_old_orphans_and_keeps_the_rest(app, runner):
    in_use = everything_in_use(app)
    assert {k.split("/")[0] for k in in_use} == {"files", "permits", "photos"}
    backend = storage.current()
    orphans = {backend.save_bytes(b"yatim " + folder.encode(), folder, ".bin")
               for folder in ("files", "permits", "photos", catalogue_upload.STAGING)}
    fresh = backend.save_bytes(b"komit sedang berjalan", "files", ".pdf")
    elsewhere = backend.save_bytes(b"bukan milik aplikasi", "lain", ".bin")
    for key in in_use | orphans | {elsewhere}:
        age(app, key, 30)
    age(app, fresh, 1)

    preview = runner.invoke(args=["storage", "cleanup", "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert {line.split()[2] for line in preview.output.splitlines()
            if line.startswith("  akan dihapus:")} == orphans
    assert "Objek yatim akan dihapus: 4" in preview.output
    assert all_keys() == in_use | orphans | {fresh, elsewhere}  # nothing removed

    result = runner.invoke(args=["storage", "cleanup"])
    assert result.exit_code == 0, result.output
    assert "Objek yatim dihapus: 4" in result.output
    assert f"dipakai: {len(in_use)}; lebih baru dari 24 jam: 1." in result.output
    assert all_keys() == in_use | {fresh, elsewhere}
    again = runner.invoke(args=["storage", "cleanup"])
    assert "Objek yatim dihapus: 0" in again.output


def test_the_threshold_is_an_option_but_staged_uploads_keep_their_day(app, runner):
    backend = storage.current()
    hour_old = backend.save_bytes(b"yatim", "files", ".pdf")
    staged = backend.save_bytes(b"{}", catalogue_upload.STAGING, ".json")
    for key in (hour_old, staged):
        age(app, key, 2)
    result = runner.invoke(args=["storage", "cleanup", "--older-than-hours", "1"])
    assert result.exit_code == 0, result.output
    assert all_keys() == {staged}
    bad = runner.invoke(args=["storage", "cleanup", "--older-than-hours", "-3"])
    assert bad.exit_code != 0 and all_keys() == {staged}


def test_an_unfinished_write_left_by_a_killed_process_goes_too(app, runner):
    backend = storage.current()
    key = backend.save_bytes(b"x", "files", ".pdf")
    folder = Path(app.config["UPLOAD_DIR"]) / "files"
    leftover = folder / ".partial-terputus"
    leftover.write_bytes(b"separuh")
    recent = folder / ".partial-masih-ditulis"
    recent.write_bytes(b"sedang")
    then = time.time() - 30 * 3600
    os.utime(leftover, (then, then))
    age(app, key, 30)
    result = runner.invoke(args=["storage", "cleanup"])
    assert "dihapus: unggahan tidak selesai files/.partial-terputus" in result.output
    assert not leftover.exists() and recent.exists()
    assert "unggahan tidak selesai dihapus: 1" in result.output


def test_nothing_in_use_is_removed_even_with_a_zero_threshold(app, runner):
    in_use = everything_in_use(app)
    later = datetime.now(UTC) + timedelta(days=400)
    report = cleanup(0, now=later)
    assert report.removed == [] and report.referenced == len(in_use)
    assert all_keys() == in_use
