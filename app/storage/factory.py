"""Choosing the storage backend from configuration, so deployment decides where bytes live.

STORAGE_BACKEND=local (default) keeps files under UPLOAD_DIR. STORAGE_BACKEND=s3 uses an
S3-compatible bucket: S3_BUCKET (required), S3_ENDPOINT_URL (empty = AWS), S3_REGION,
S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY (empty = boto3's credential chain) and S3_PREFIX (a
folder inside the bucket, so one bucket can serve several installs).
"""

from __future__ import annotations

from collections.abc import Mapping

from .base import Storage
from .local import LocalStorage


class StorageConfigError(RuntimeError):
    pass


def backend_name(config: Mapping) -> str:
    """"local" or "s3" (or what was mistyped), as these settings name the storage."""
    return (config.get("STORAGE_BACKEND") or "local").strip().lower()


def storage_problem(config: Mapping) -> str | None:
    """Why these settings cannot give a storage, or None; also checked before start-up
    (app/config_check.py), so a wrong setting stops the service with this line."""
    backend = backend_name(config)
    if backend not in ("local", "s3"):
        return f"STORAGE_BACKEND tidak dikenal: {backend} (pilih local atau s3)"
    if backend == "s3" and not config.get("S3_BUCKET"):
        return "STORAGE_BACKEND=s3 membutuhkan S3_BUCKET."
    return None


def storage_from_config(config: Mapping) -> Storage:
    problem = storage_problem(config)
    if problem:
        raise StorageConfigError(problem)
    if backend_name(config) == "local":
        return LocalStorage(config["UPLOAD_DIR"])
    from .s3 import S3Storage, client_from_config

    return S3Storage(client_from_config(config), config["S3_BUCKET"],
                     config.get("S3_PREFIX") or "")
