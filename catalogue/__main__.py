"""Command line for catalogue admins and CI: check, convert and template.

    python -m catalogue check catalogue/definitions         (folder or .xlsx)
    python -m catalogue export catalogue/definitions out.xlsx   (templates/ travel inside)
    python -m catalogue import in.xlsx some/folder            (and come out into templates/)
    python -m catalogue template blank.xlsx
    python -m catalogue diff old(.xlsx|folder) new(.xlsx|folder)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import (
    CatalogueError,
    diff,
    dump_folder,
    dump_xlsx,
    load_folder,
    load_xlsx,
    read_workbook,
    validate_folder,
    validate_xlsx,
    write_template,
)


def _is_xlsx(path: str) -> bool:
    return Path(path).suffix.lower() == ".xlsx"


def _load(path: str):
    return load_xlsx(path) if _is_xlsx(path) else load_folder(path)


def folder_files(root: str | Path) -> dict[str, bytes]:
    """The files of a catalogue folder: everything under templates/."""
    folder = Path(root) / "templates"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()} if folder.is_dir() else {}


def _export(source: str, target: str) -> None:
    files = read_workbook(source)[3] if _is_xlsx(source) else folder_files(source)
    dump_xlsx(_load(source), target, files=files)


def _import(source: str, target: str) -> None:
    cat = _load(source)
    files = read_workbook(source)[3] if _is_xlsx(source) else folder_files(source)
    dump_folder(cat, target)
    for rel, content in (files or {}).items():
        path = Path(target) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check").add_argument("source")
    for name in ("export", "import", "diff"):
        p = sub.add_parser(name)
        p.add_argument("source")
        p.add_argument("target")
    sub.add_parser("template").add_argument("target")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            check = validate_xlsx if _is_xlsx(args.source) else validate_folder
            issues = check(args.source)
            for issue in issues:
                print(issue)
            print(f"{len(issues)} masalah ditemukan." if issues else "Katalog valid.")
            return 1 if issues else 0
        if args.command == "export":
            _export(args.source, args.target)
        elif args.command == "import":
            _import(args.source, args.target)
        elif args.command == "template":
            write_template(args.target)
        elif args.command == "diff":
            print(diff(_load(args.source), _load(args.target)).summary())
    except CatalogueError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
