"""`flask --app run catalogue validate|import|export|diff|versions`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

import catalogue as cat_lib

from . import versioned_cli
from .services import catalogue_store as store
from .services.errors import DomainError

catalogue_cli = AppGroup("catalogue", help="Katalog izin: validasi, impor, ekspor, diff.")


@catalogue_cli.command("validate",
                       help="Periksa folder JSON atau workbook .xlsx dan sebutkan "
                            "setiap masalahnya (tidak mengubah apa pun).")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def validate_command(path: Path) -> None:
    """Report every problem of a JSON folder or .xlsx workbook (changes nothing)."""
    data, issues, assets = store.read_source(path)
    if issues or not data:
        versioned_cli.print_refusal(
            f"Katalog tidak valid: {len(issues)} masalah ditemukan.", issues)
    cat = cat_lib.Catalogue(data)
    try:
        store.check_templates(cat, assets)  # refused as `import` refuses it
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Katalog valid: {len(cat.agencies)} instansi, {len(cat.permits)} jenis izin, "
               f"{len(cat.routings)} alur, {len(cat.lookups)} tabel referensi.")


@catalogue_cli.command("import",
                       help="Periksa lalu terbitkan sebagai versi berikutnya (semua "
                            "atau tidak sama sekali).")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--note", default="", help="Catatan perubahan")
@click.option("--if-changed", is_flag=True, help="Tidak gagal bila isinya sama dengan versi kini")
def import_command(path: Path, note: str, if_changed: bool) -> None:
    """Validate and publish as the next immutable version (all or nothing)."""
    version = versioned_cli.publish(store.import_path, path, note, if_changed,
                                    store.CatalogueRejected)
    if version is None:
        return
    click.echo(f"Versi {version.number} diterbitkan.")
    click.echo(version.changes)


@catalogue_cli.command("export",
                       help="Tulis katalog (versi terbaru atau --version) sebagai "
                            "folder JSON atau workbook .xlsx.")
@click.option("--format", "fmt", type=click.Choice(["json", "xlsx"]), required=True)
@click.option("--version", "number", type=int, default=None, help="Bawaan: versi terbaru")
@click.argument("out", type=click.Path(path_type=Path))
def export_command(fmt: str, number: int | None, out: Path) -> None:
    version = store.get_version(number) if number else store.current_version()
    if version is None:
        raise click.ClickException("Belum ada versi katalog yang diterbitkan.")
    store.export(version, out, fmt)
    click.echo(f"Versi {version.number} diekspor ke {out}")


@catalogue_cli.command("diff",
                       help="Perubahan PATH dibanding versi kini, atau antara dua "
                            "versi (--from, --to).")
@click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("--from", "from_number", type=int, default=None)
@click.option("--to", "to_number", type=int, default=None)
def diff_command(path: Path | None, from_number: int | None, to_number: int | None) -> None:
    """What PATH would change against the current version, or between two versions."""
    if path is not None:
        data, issues, _assets = store.read_source(path)
        if issues:
            click.echo(f"Catatan: sumber memiliki {len(issues)} masalah validasi.", err=True)
        click.echo(store.preview(data).summary())
        return
    old = store.get_version(from_number) if from_number else None
    new = store.get_version(to_number) if to_number else store.current_version()
    if new is None or (from_number and old is None):
        raise click.ClickException("Versi tidak ditemukan.")
    before = store.catalogue_of(old) if old else cat_lib.Catalogue({})
    click.echo(cat_lib.diff(before, store.catalogue_of(new)).summary())


@catalogue_cli.command("versions", help="Daftar versi katalog yang diterbitkan.")
def versions_command() -> None:
    from sqlalchemy import select

    from .extensions import db
    from .models import CatalogueVersion

    for v in db.session.scalars(select(CatalogueVersion).order_by(CatalogueVersion.number)):
        who = v.created_by.email if v.created_by else "CLI"
        click.echo(f"{v.number:>4}  {v.created_at:%Y-%m-%d %H:%M}  {who:<30} {v.source}")
