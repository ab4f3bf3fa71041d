"""`flask --app run signing dev-ca`: development signing key material for `make run`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .devca import create_dev_ca

signing_cli = AppGroup("signing", help="Tanda tangan elektronik (TTE) dokumen izin.")


@signing_cli.command("dev-ca")
def dev_ca_command() -> None:
    """Create a development root CA and signing certificate (does nothing if they exist)."""
    paths = create_dev_ca(Path(current_app.instance_path) / "signing")
    state = "dibuat" if paths.created else "sudah ada, tidak diubah"
    click.echo(f"CA pengembangan {state}:")
    click.echo(f"  root (percayai untuk verifikasi): {paths.root_pem}")
    click.echo(f"  kunci penandatangan (PKCS#12):    {paths.p12}")
    click.echo(f"  password PKCS#12:                 {paths.password_file}")
    if current_app.config.get("SIGNING_P12_PATH") or \
            (current_app.config.get("SIGNING_BACKEND") or "local") != "local":
        click.echo("Catatan: konfigurasi memakai kunci lain; berkas ini tidak dipakai.")
