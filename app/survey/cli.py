"""`flask --app run survey validate|import|versions|rebuild-tally`: the questionnaire's
versions from the command line, through the same service as the console."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from .. import versioned_cli
from . import questionnaire as q_lib
from . import store

survey_cli = AppGroup("survey", help="Survey IKM: kuesioner dan agregat.")


def _rejected(exc: store.QuestionnaireRejected) -> None:
    versioned_cli.print_refusal(exc.message, exc.issues)


@survey_cli.command("validate",
                    help="Periksa berkas JSON kuesioner dan sebutkan setiap masalahnya "
                         "(tidak mengubah apa pun).")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate_command(path: Path) -> None:
    """Report every problem of a questionnaire JSON file (changes nothing)."""
    try:
        content = store.read(path)
    except store.QuestionnaireRejected as exc:
        _rejected(exc)
    issues = q_lib.validate(content)
    if issues:
        _rejected(store.QuestionnaireRejected(issues))
    q = q_lib.Questionnaire(content)
    click.echo(f"Kuesioner valid: {len(q.graded.items)} unsur IKM, "
               f"{len(q.indices)} indeks, {len(q.profile)} data responden.")


@survey_cli.command("import",
                    help="Periksa lalu terbitkan sebagai versi berikutnya (versi yang sudah "
                         "terbit tidak berubah).")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--note", default="", help="Catatan perubahan")
@click.option("--if-changed", is_flag=True, help="Tidak gagal bila isinya sama dengan versi kini")
def import_command(path: Path, note: str, if_changed: bool) -> None:
    """Validate and publish as the next immutable version."""
    version = versioned_cli.publish(store.import_path, path, note, if_changed,
                                    store.QuestionnaireRejected)
    if version is None:
        return
    click.echo(f"Kuesioner versi {version.number} diterbitkan.")


@survey_cli.command("versions", help="Daftar versi kuesioner yang diterbitkan.")
def versions_command() -> None:
    for version in store.versions():
        click.echo(f"{version.number:>4}  {version.created_at:%Y-%m-%d %H:%M}  "
                   f"{version.code}  {version.source}  {version.note}")


@survey_cli.command("rebuild-tally",
                    help="Hitung ulang agregat jawaban bulanan laporan IKM dari jawaban yang "
                         "tersimpan (jumlah populasi dari penghitung laporan: "
                         "`flask reports rebuild`).")
def rebuild_command() -> None:
    """Recompute the report's monthly answer counters from the stored responses (the
    population comes from the report counters: `flask reports rebuild`)."""
    from . import tally

    answers = tally.rebuild()
    click.echo(f"Agregat dihitung ulang dari {answers:,} jawaban.".replace(",", "."))
