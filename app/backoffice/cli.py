"""`flask --app run workflow ...`: housekeeping of applications in flight."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

workflow_cli = AppGroup("workflow", help="Alur permohonan: pekerjaan terjadwal.")


@workflow_cli.command("expire")
@click.option("--tanggal", "on", default=None,
              help="Anggap hari ini tanggal ini (TTTT-BB-HH); bawaan: hari ini di kantor.")
def expire_command(on: str | None) -> None:
    """Permohonan revisi yang lewat batas waktunya menjadi Kedaluwarsa."""
    from ..services import calendar, expiry

    try:
        today = date.fromisoformat(on) if on else calendar.today()
    except ValueError as exc:
        raise click.BadParameter("format tanggal harus TTTT-BB-HH", param_hint="--tanggal") \
            from exc
    count = expiry.expire_overdue(today)
    click.echo(f"{count} permohonan kedaluwarsa (batas revisi sebelum {today:%d-%m-%Y}).")
