"""`flask --app run api-token ...`: personal API tokens for staff (and applicants) from the
command line, through the same service as the account page."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..services import api_tokens
from ..services.errors import DomainError

api_token_cli = AppGroup("api-token", help="Token REST API (dibuat, dicabut, didaftar).")


def _user(email: str):
    user = api_tokens.find_user(email)
    if user is None:
        raise click.ClickException(f"Akun dengan email {email} tidak ditemukan.")
    return user


@api_token_cli.command("create",
                       help="Buat token; teksnya ditampilkan sekali dan tidak pernah lagi.")
@click.option("--email", required=True, help="Email pemilik token")
@click.option("--name", required=True, help="Nama token, mis. nama aplikasi pemakainya")
@click.option("--days", type=int, default=90, show_default=True,
              help=f"Masa berlaku dalam hari (1-{api_tokens.MAX_DAYS}; 0 = tanpa batas)")
def create_command(email: str, name: str, days: int) -> None:
    """Make a token; it is printed once and never shown again."""
    user = _user(email)
    if not user.is_active:
        raise click.ClickException("Akun ini tidak aktif.")
    try:
        created = api_tokens.create(user, name, days)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    until = (f"berlaku sampai {created.token.expires_at:%Y-%m-%d %H:%M} UTC"
             if created.token.expires_at else "tanpa batas waktu")
    click.echo(f"Token '{created.token.name}' untuk {user.email} ({until}):")
    click.echo(created.secret)
    click.echo("Simpan sekarang: token ini tidak akan ditampilkan lagi.")


@api_token_cli.command("revoke", help="Cabut token menurut namanya, atau semua token akun.")
@click.option("--email", required=True, help="Email pemilik token")
@click.option("--name", default=None, help="Nama token yang dicabut")
@click.option("--all", "revoke_all", is_flag=True, help="Cabut semua token akun ini")
def revoke_command(email: str, name: str | None, revoke_all: bool) -> None:
    """Revoke a token by name, or every token of the account."""
    if not name and not revoke_all:
        raise click.ClickException("Sebutkan --name atau --all.")
    user = _user(email)
    try:
        count = api_tokens.revoke_named(user.id, None if revoke_all else name)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Token dicabut: {count}")


@api_token_cli.command("list", help="Daftar token sebuah akun (tanpa teks tokennya).")
@click.option("--email", required=True, help="Email pemilik token")
def list_command(email: str) -> None:
    """List an account's tokens (never their text)."""
    user = _user(email)
    tokens = api_tokens.list_for(user.id)
    if not tokens:
        click.echo("Belum ada token.")
    for token in tokens:
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "-"
        until = f"{token.expires_at:%Y-%m-%d}" if token.expires_at else "tanpa batas"
        click.echo(f"{token.name:<30} {api_tokens.status(token):<12} dibuat "
                   f"{token.created_at:%Y-%m-%d}  berlaku s.d. {until:<11}  dipakai {used}")
