"""`flask --app run signing dev-ca`: development signing key material for `make run`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .devca import create_dev_ca

signing_cli = AppGroup("signing", help="Tanda tangan elektronik (TTE) dokumen izin.")


def _configured_elsewhere() -> bool:
    config = current_app.config
    backend = (config.get("SIGNING_BACKEND") or "local").strip().lower()
    return backend != "local" or bool(config.get("SIGNING_P12_PATH"))


@signing_cli.command("dev-ca",
                     help="CA root dan sertifikat penanda tangan untuk pengembangan, kecuali "
                          "kunci sungguhan sudah dikonfigurasi (SIGNING_BACKEND/"
                          "SIGNING_P12_PATH). Aman dijalankan setiap kali mulai: berkas yang "
                          "sudah ada tidak diubah.")
def dev_ca_command() -> None:
    """Development root CA + signing certificate, unless a real key is configured.

    Safe to run on every start: existing files are left alone.
    """
    if _configured_elsewhere():
        click.echo("Kunci penandatanganan sudah dikonfigurasi (SIGNING_BACKEND/SIGNING_P12_PATH); "
                   "CA pengembangan tidak dibuat.")
        return
    paths = create_dev_ca(Path(current_app.instance_path) / "signing")
    state = "dibuat" if paths.created else "sudah ada, tidak diubah"
    click.echo(f"CA pengembangan {state}:")
    click.echo(f"  root (percayai untuk verifikasi): {paths.root_pem}")
    click.echo(f"  kunci penandatangan (PKCS#12):    {paths.p12}")
    click.echo(f"  password PKCS#12:                 {paths.password_file}")
