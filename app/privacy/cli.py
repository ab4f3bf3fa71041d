"""`flask --app run privacy ...`: retention and erasure requests from the command line, through
the same services as the console (app/privacy/requests.py, retention.py)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

privacy_cli = AppGroup("privacy", help="Data pribadi (UU PDP): retensi dan permintaan hapus akun.")


def _handled(call, *args, **kwargs):
    from ..services.errors import DomainError

    try:
        return call(*args, **kwargs)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc


@privacy_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Hanya hitung yang akan dihapus.")
def purge_command(dry_run: bool) -> None:
    """Hapus draf, akun terbengkalai, pesan keluar dan chat pengunjung, anonimkan pengaduan
    pengunjung, dan kosongkan alamat IP log audit, yang lewat masa retensi; lalu hapus data
    keamanan usang (sesi login, token API, kode, jeda login) seperti worker sekali sehari."""
    from . import retention

    counts = retention.purge(dry_run=dry_run).counts()
    verb = "akan dihapus" if dry_run else "dihapus"
    click.echo(f"Retensi data ({verb}): {counts['drafts']} draf, {counts['files']} berkas, "
               f"{counts['accounts']} akun terbengkalai, {counts['outbox']} pesan keluar, "
               f"{counts['chats']} chat pengunjung, {counts['complaints']} pengaduan pengunjung "
               f"dianonimkan, {counts['audit_ips']} alamat IP log audit dikosongkan.")
    _security_rows(dry_run)


# the tables of security/housekeeping.py as the operator reads them
SPENT_LABELS = {"user_session": "sesi login", "api_token": "token API",
                "email_code": "kode verifikasi email", "password_reset": "PIN reset password",
                "auth_throttle": "catatan jeda login dan percobaan dokumen"}


def _security_rows(dry_run: bool) -> None:
    """The worker's daily purge of spent security rows (sessions and their IP addresses,
    tokens, codes), for an office that runs retention from cron: one command does both."""
    from ..security import housekeeping

    counts = housekeeping.purge(dry_run=dry_run)
    verb = "akan dihapus" if dry_run else "dihapus"
    click.echo(f"Data keamanan usang {verb}: " + ", ".join(
        f"{count} {SPENT_LABELS.get(table, table)}" for table, count in counts.items()) + ".")


@privacy_cli.command("requests")
def list_command() -> None:
    """Permintaan penghapusan akun yang menunggu."""
    from ..models.privacy import PENDING
    from . import requests

    rows = requests.page(PENDING, 1).items
    for row in rows:
        click.echo(f"#{row.id}  {row.requested_at:%Y-%m-%d %H:%M}  akun #{row.user_id}")
    click.echo(f"{len(rows)} permintaan menunggu.")


@privacy_cli.command("approve")
@click.argument("request_id", type=int)
@click.option("--note", default="", help="Catatan petugas.")
def approve_command(request_id: int, note: str) -> None:
    """Setujui permintaan: akun dianonimkan, data yang wajib disimpan tetap disimpan."""
    from . import requests

    request = _handled(requests.get, request_id)
    _handled(requests.approve, request, note=note)
    click.echo(f"Permintaan #{request_id} dilaksanakan: {request.summary}")


@privacy_cli.command("refuse")
@click.argument("request_id", type=int)
@click.option("--note", required=True, help="Alasan penolakan (dikirim ke pemohon).")
def refuse_command(request_id: int, note: str) -> None:
    """Tolak permintaan dengan catatan."""
    from . import requests

    request = _handled(requests.get, request_id)
    _handled(requests.refuse, request, note=note)
    click.echo(f"Permintaan #{request_id} ditolak.")
