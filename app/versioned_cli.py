"""What the `import` commands of versioned documents (catalogue, IKM questionnaire) share: publish
through the document's own service and answer the console's way: the new version, "nothing
changed" (an error unless --if-changed), or every reason a document was refused."""

from __future__ import annotations

from pathlib import Path

import click

from .services.errors import DomainError, NothingChanged


def print_refusal(message: str, issues) -> None:
    """The refusal and each of its issues on stderr, then exit status 1."""
    click.echo(message, err=True)
    for issue in issues:
        click.echo(f"  - {issue}", err=True)
    raise SystemExit(1)


def publish(import_path, path: Path, note: str, if_changed: bool, refused: type):
    """Runs `import_path(path, note=note)`; returns the new version, or None when nothing
    changed and --if-changed allows it. `refused` is the document's validation error (it
    carries `issues`)."""
    try:
        return import_path(path, note=note)
    except NothingChanged as exc:
        if if_changed:
            click.echo(exc.message)
            return None
        raise click.ClickException(exc.message) from exc
    except refused as exc:
        print_refusal(exc.message, exc.issues)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
