"""Command line for catalogue admins and CI: check, convert and template.

    python -m catalogue check catalogue/definitions         (folder or .xlsx)
    python -m catalogue export catalogue/definitions out.xlsx
    python -m catalogue import in.xlsx some/folder
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
    validate_folder,
    validate_xlsx,
    write_template,
)


def _is_xlsx(path: str) -> bool:
    return Path(path).suffix.lower() == ".xlsx"


def _load(path: str):
    return load_xlsx(path) if _is_xlsx(path) else load_folder(path)


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
            dump_xlsx(_load(args.source), args.target)
        elif args.command == "import":
            dump_folder(_load(args.source), args.target)
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
