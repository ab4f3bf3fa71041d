"""Each benchmark owns one "## ..." section of docs/benchmarks.md and rewrites only that."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(heading: str, text: str, path: Path = DOCS) -> None:
    """Replace the section under `heading` (or append it); other sections stay as they are."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = f"{heading}\n\n{text.strip()}\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        current = pattern.sub(lambda _: section + "\n", current).rstrip() + "\n"
    else:
        current = current.rstrip() + "\n\n" + section
    path.parent.mkdir(exist_ok=True)
    path.write_text(current, encoding="utf-8")
