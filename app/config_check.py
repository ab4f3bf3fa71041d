"""Settings that cannot work stop the service before it starts, one plain line each.

An operator who mistypes DATABASE_URL or leaves the sample's SECRET_KEY in /etc/eptsp/eptsp.env
should read what to fix, not a Python traceback, and never see the value back (a URL holds a
password). The entry point (run.py: gunicorn's `run:app` and every `flask --app run` command)
exits with status 4: gunicorn's "application failed to load", which stops its master instead of
restarting workers forever, and which the systemd units do not restart on
(RestartPreventExitStatus). Tests build apps with create_app directly and are not checked.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

from config import UNREADABLE, Config

EXIT_STATUS = 4
# the sample environment file's placeholder and its like: public, so anyone could sign sessions
PLACEHOLDER_SECRETS = {"change-me", "changeme", "secret", "secret-key", "ganti-saya"}
MIN_SECRET_LENGTH = 16
REDIS_SCHEMES = {"redis", "rediss", "unix"}


def _secret_key(value: str | None) -> list[str]:
    if value is None:  # generated once into instance/secret_key
        return []
    if value.strip().lower() in PLACEHOLDER_SECRETS or len(value) < MIN_SECRET_LENGTH:
        return ["SECRET_KEY masih contoh atau terlalu pendek: isi dengan nilai acak yang panjang, "
                "mis. keluaran `python3 -c \"import secrets; print(secrets.token_urlsafe(48))\"`."]
    return []


def _database(url: str) -> list[str]:
    from sqlalchemy.engine import make_url

    try:
        make_url(url).get_dialect().import_dbapi()
    except Exception:  # noqa: BLE001 - whatever the reason, the message must not echo the URL
        return ["DATABASE_URL tidak dapat dipakai: bentuknya "
                "postgresql+psycopg://pengguna:password@host/nama atau sqlite:////path/eptsp.db."]
    return []


def _redis(url: str | None) -> list[str]:
    if url and urlsplit(url).scheme not in REDIS_SCHEMES:
        return ["REDIS_URL tidak dapat dipakai: bentuknya redis://host:6379/0 "
                "(atau rediss://, unix://)."]
    return []


def problems(config: type = Config) -> list[str]:
    """Every reason the settings of `config` cannot run the service, in Indonesian."""
    from .storage.factory import storage_problem

    found = [f"{name} {need}." for name, need in UNREADABLE.items()]
    found += _secret_key(config.SECRET_KEY)
    found += _database(config.SQLALCHEMY_DATABASE_URI)
    found += _redis(config.REDIS_URL)
    storage = storage_problem({"STORAGE_BACKEND": config.STORAGE_BACKEND,
                               "S3_BUCKET": config.S3_BUCKET})
    return found + ([storage] if storage else [])


def refuse_unusable(config: type = Config) -> None:
    """Print the problems to standard error and exit with EXIT_STATUS, when there are any."""
    found = problems(config)
    if not found:
        return
    lines = ["E-PTSP tidak dijalankan: pengaturan berikut perlu diperbaiki "
             "(README, bagian Konfigurasi):", *(f"  - {line}" for line in found)]
    print("\n".join(lines), file=sys.stderr, flush=True)
    raise SystemExit(EXIT_STATUS)
