"""`flask backup create FOLDER`: a consistent copy of what one host keeps, for the nightly backup.

Copying instance/eptsp.db with `cp` while the service runs can give a torn file (SQLite writes
to the -wal file and folds it in later); SQLite's online backup copies one committed state
while web and worker processes go on writing. Files are copied after the database, so every
file the copied rows refer to is in the copy (files are written before their row commits and
never changed afterwards). PostgreSQL and S3 keep their data elsewhere: their own tools back
them up (README, "Cadangan dan pemulihan"), and this command says so instead of pretending.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .storage.factory import backend_name

DATABASE_FILE = "eptsp.db"
UPLOADS_FOLDER = "uploads"
KEYS = ("secret_key", "signing")  # generated into instance/ when not configured elsewhere


@click.group("backup", help="Cadangan basis data SQLite, berkas unggahan dan kunci instance/.")
def backup_cli() -> None:
    pass


def _copy_sqlite(database: str, target: Path) -> None:
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()
    target.chmod(0o600)


def _database(target: Path) -> None:
    from .extensions import db

    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        click.echo(f"Basis data {url.get_backend_name()}: tidak disalin; cadangkan dengan "
                   "alatnya sendiri (PostgreSQL: pg_dump -Fc, lihat README).")
        return
    _copy_sqlite(url.database, target / DATABASE_FILE)
    click.echo(f"Basis data disalin: {target / DATABASE_FILE}")


def _files(target: Path) -> None:
    config = current_app.config
    if backend_name(config) != "local":
        click.echo("Berkas di bucket S3: tidak disalin; lindungi dengan versioning atau "
                   "replikasi bucket (lihat README).")
        return
    uploads = Path(config["UPLOAD_DIR"])
    if uploads.is_dir():
        shutil.copytree(uploads, target / UPLOADS_FOLDER, symlinks=True)
    count = sum(1 for path in (target / UPLOADS_FOLDER).rglob("*") if path.is_file()) \
        if uploads.is_dir() else 0
    click.echo(f"Berkas unggahan disalin: {count} berkas di {target / UPLOADS_FOLDER}")


def _keys(target: Path) -> None:
    instance = Path(current_app.instance_path)
    for name in KEYS:
        source = instance / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, target / name)
        else:
            continue
        click.echo(f"Disalin: instance/{name}")


@backup_cli.command("create", help="Salin basis data SQLite (salinan daring yang konsisten), "
                    "berkas unggahan lokal dan kunci di instance/ ke FOLDER baru.")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def create_command(folder: Path) -> None:
    if folder.exists() and any(folder.iterdir()):
        raise click.ClickException(f"Folder {folder} sudah berisi; pilih folder baru.")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _database(folder)
    _files(folder)
    _keys(folder)
    click.echo(f"Cadangan selesai: {folder}")
