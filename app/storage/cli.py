"""`flask --app run storage cleanup [--dry-run] [--older-than-hours N]`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

storage_cli = AppGroup("storage", help="Penyimpanan berkas (lokal atau S3).")


@storage_cli.command("cleanup",
                     help="Hapus objek tersimpan yang tidak dirujuk baris basis data mana pun "
                          "(yatim) dan unggahan yang tidak selesai.")
@click.option("--dry-run", is_flag=True, help="Hanya menampilkan yang akan dihapus.")
@click.option("--older-than-hours", type=click.IntRange(min=0), default=24, show_default=True,
              help="Hanya objek yang lebih tua dari sekian jam.")
def cleanup_command(dry_run: bool, older_than_hours: int) -> None:
    """Remove stored objects no database row refers to (orphans), and unfinished uploads."""
    from ..services.files import human_size
    from ..services.storage_cleanup import cleanup

    report = cleanup(older_than_hours, dry_run=dry_run)
    verb = "akan dihapus" if dry_run else "dihapus"
    for info in report.removed:
        click.echo(f"  {verb}: {info.key} ({human_size(info.size)}, "
                   f"{info.modified:%Y-%m-%d %H:%M} UTC)")
    for info in report.incomplete:
        click.echo(f"  {verb}: unggahan tidak selesai {info.key} "
                   f"(mulai {info.modified:%Y-%m-%d %H:%M} UTC)")
    size = human_size(sum(info.size for info in report.removed))
    click.echo(f"Objek yatim {verb}: {len(report.removed)} ({size}); unggahan tidak selesai "
               f"{verb}: {len(report.incomplete)}; dipakai: {report.referenced}; lebih baru "
               f"dari {older_than_hours} jam: {report.recent}.")
