"""`flask reports ...`: recount the report counters, queue the monthly recap by hand."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

reports_cli = AppGroup("reports", help="Laporan: penghitung dan rekap bulanan.")


@reports_cli.command("rebuild",
                     help="Hitung ulang semua penghitung laporan dari permohonan (sekali "
                          "setelah pemutakhiran; jalankan saat layanan sepi).")
def rebuild_command() -> None:
    """Recount every report counter from the applications (once after upgrading, while the
    service is quiet: it reads every application)."""
    from .summary import rebuild

    click.echo(f"Penghitung laporan dihitung ulang dari {rebuild():,} permohonan."
               .replace(",", "."))


@reports_cli.command("send-recap",
                     help="Antrekan rekap bulan lalu ke REPORT_RECIPIENTS (sekali per bulan "
                          "dan penerima; worker juga melakukannya setiap jam).")
@click.option("--today", default=None, help="TTTT-BB-HH: rekap bulan sebelum tanggal ini")
def send_recap_command(today: str | None) -> None:
    """Queue last month's recap to REPORT_RECIPIENTS (once per month and recipient; the
    worker also does this every hour)."""
    from .recap import recipients, send_monthly

    if not recipients():
        raise click.ClickException("REPORT_RECIPIENTS belum diisi.")
    queued = send_monthly(date.fromisoformat(today) if today else None)
    click.echo(f"Rekap diantrekan untuk {queued} penerima." if queued else
               "Rekap bulan itu sudah diantrekan sebelumnya.")
