"""Problems found in a catalogue, located where the admin can fix them.

An admin importing a workbook wants the whole list of mistakes in one go, each pointing at the
sheet/row/column (or file and JSON path) they must open, so checks return lists of issues and
never stop at the first one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .marked import N_

PathT = tuple[str | int, ...]
MSG_INVALID = N_("Katalog tidak valid: {count} masalah ditemukan.")


@dataclass(frozen=True)
class CatalogueIssue:
    source: str
    row: int | None
    column: str | None
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        if self.path:
            where += f" ({self.path})"
        return f"{where}: {self.message}"


class CatalogueError(Exception):
    """Raised by the all-or-nothing loaders; carries every issue, not only the first."""

    def __init__(self, issues: Iterable[CatalogueIssue]):
        self.issues = list(issues)
        super().__init__(MSG_INVALID.format(count=len(self.issues)))


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> PathT:
    parts: list[str | int] = []
    for name, index in _PART.findall(text or ""):
        parts.append(int(index) if index else name)
    return tuple(parts)


@dataclass
class _Entry:
    source: str
    row: int | None
    column_for: Callable[[PathT], str | None] | None
    relative: bool
    label: str = ""


@dataclass
class SourceMap:
    """Remembers which file or worksheet row produced each part of the catalogue.

    Validation works on catalogue paths; this turns a path back into the place the admin
    wrote it. `failed` holds paths whose cell could not be parsed: the parse error already
    said so, later checks on the same spot would only repeat it.
    """

    default_source: str = "katalog"
    entries: dict[PathT, _Entry] = field(default_factory=dict)
    failed: set[PathT] = field(default_factory=set)

    def add(self, prefix: PathT, source: str, row: int | None = None,
            column_for: Callable[[PathT], str | None] | None = None,
            relative: bool = False, label: str = "") -> None:
        """`relative` shows paths inside the document at `prefix`, after `label`."""
        self.entries[tuple(prefix)] = _Entry(source, row, column_for, relative, label)

    def locate(self, path: PathT, message: str) -> CatalogueIssue:
        path = tuple(path)
        for n in range(len(path), -1, -1):
            entry = self.entries.get(path[:n])
            if entry is not None:
                rest = path[n:]
                column = entry.column_for(rest) if entry.column_for and rest else None
                shown = format_path(rest) if entry.relative else format_path(path)
                if entry.relative and entry.label:
                    sep = "." if shown and not shown.startswith("[") else ""
                    shown = entry.label + sep + shown
                return CatalogueIssue(entry.source, entry.row, column, message, shown)
        return CatalogueIssue(self.default_source, None, None, message, format_path(path))

    def is_suppressed(self, path: PathT) -> bool:
        path = tuple(path)
        return any(path[:n] in self.failed for n in range(len(path), 0, -1))

    def locate_all(self, raw: Iterable[tuple[PathT, str]]) -> list[CatalogueIssue]:
        seen: set[tuple[PathT, str]] = set()
        out = []
        for path, message in raw:
            key = (tuple(path), message)
            if key in seen or self.is_suppressed(path):
                continue
            seen.add(key)
            out.append(self.locate(path, message))
        return out
