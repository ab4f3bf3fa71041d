"""Print which packages a re-lock added, removed or moved, so an upgrade is read before it lands.

Usage: python scripts/lock_diff.py OLD_UV_LOCK NEW_UV_LOCK
"""

from __future__ import annotations

import sys
import tomllib


def versions(path: str) -> dict[str, str]:
    with open(path, "rb") as handle:
        lock = tomllib.load(handle)
    return {pkg["name"]: pkg.get("version", "") for pkg in lock.get("package", [])}


def changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    lines = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if before is None:
            lines.append(f"+ {name} {after}")
        elif after is None:
            lines.append(f"- {name} {before}")
        else:
            lines.append(f"~ {name} {before} -> {after}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    lines = changes(versions(argv[1]), versions(argv[2]))
    print("\n".join(lines) if lines else "Tidak ada versi yang berubah.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
