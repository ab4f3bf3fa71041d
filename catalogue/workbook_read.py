"""Import of the Excel twin: every unreadable cell becomes an issue, never an exception.

Rows are turned back into catalogue documents and each row is registered in a SourceMap, so
the validation that follows can report mistakes by sheet, row (as Excel numbers it) and
column header.
"""

from __future__ import annotations

import base64
import binascii
import gc
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from . import workbook_layout as L
from .cells import MISSING, decode_any
from .issues import CatalogueError, CatalogueIssue, PathT, SourceMap, format_path
from .marked import N_
from .model import Catalogue
from .workbook_form import FormRows
from .workbook_form import link as _link
from .xlsx import openpyxl

ASSET_PREFIX = "templates/"

# The reader's refusals, marked for the console's English pages (catalogue.marked).
MSG_NO_SHEET = N_("Sheet '{sheet}' tidak ada di workbook.")
MSG_COLUMN_TWICE = N_("Kolom '{column}' muncul lebih dari sekali.")
MSG_UNKNOWN_COLUMN = N_("Kolom '{column}' tidak dikenal; isinya tidak akan terbaca.")
MSG_NO_COLUMN = N_("Kolom '{column}' tidak ada pada baris judul.")
MSG_CELL_REQUIRED = N_("Kolom {column} wajib diisi.")
MSG_NO_PARENT = N_("{what} '{code}' tidak ada.")
MSG_NOT_WORKBOOK = N_("Berkas bukan workbook Excel yang valid: {reason}")
MSG_FILES_HEADER = N_("Baris judul sheet Files harus: {headers}.")
MSG_FILE_PATH = N_("Path berkas harus diawali templates/.")
MSG_FILE_ENCODING = N_("encoding harus text atau base64, part angka.")
MSG_FILE_BROKEN = N_("Isi berkas {path} (base64) rusak.")
MSG_STEPS_IN_EXTRA = N_("Langkah alur ini sudah diisi di kolom extra.")
MSG_REQUIREMENTS_IN_EXTRA = N_("Persyaratan izin ini sudah diisi di kolom extra sheet Permits.")
MSG_COLUMNS_IN_EXTRA = N_("Kolom tabel ini sudah diisi di kolom extra sheet Lookups.")
MSG_LOOKUP_NOT_LISTED = N_("Sheet '{sheet}' tidak punya baris di sheet Lookups.")
MSG_LOOKUP_SHEET_MISSING = N_("Sheet '{sheet}' untuk isi tabel referensi tidak ada.")
# what a row names in its parent column (MSG_NO_PARENT's {what})
ROUTING, PERMIT, LOOKUP = N_("Alur"), N_("Izin"), N_("Tabel referensi")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class _Reader:
    def __init__(self, wb, source: str):
        self.wb = wb
        self.issues: list[CatalogueIssue] = []
        self.sources = SourceMap(default_source=source)
        self.missing: dict[str, set[str]] = {}  # sheet -> headers absent from row 1

    def issue(self, sheet: str, row: int | None, column: str | None, message: str,
              path: PathT = ()) -> None:
        self.issues.append(CatalogueIssue(sheet, row, column, message, format_path(path)))

    def rows(self, sheet: L.Sheet) -> Iterator[tuple[int, dict[str, Any]]]:
        if sheet.name not in self.wb.sheetnames:
            if not sheet.optional_sheet:
                self.issue(sheet.name, None, None, MSG_NO_SHEET.format(sheet=sheet.name))
            return
        yield from self._table(sheet.name, sheet.headers, sheet.optional)

    def _table(self, name: str, expected: tuple[str, ...] | None,
               optional: tuple[str, ...] = ()):
        it = self.wb[name].iter_rows(values_only=True)
        header = next(it, None) or ()
        headers = [_link(_clean(h)) for h in header]
        positions: dict[str, int] = {}
        for i, h in enumerate(headers):
            if h is None:
                continue
            if h in positions:
                self.issue(name, 1, h, MSG_COLUMN_TWICE.format(column=h))
            elif expected is not None and h not in expected:
                self.issue(name, 1, h, MSG_UNKNOWN_COLUMN.format(column=h))
            else:
                positions[h] = i
        for h in expected or ():
            if h not in positions and h not in optional:
                self.issue(name, 1, h, MSG_NO_COLUMN.format(column=h))
                self.missing.setdefault(name, set()).add(h)
        for number, values in enumerate(it, start=2):
            cleaned = [_clean(v) for v in values]
            if all(v is None for v in cleaned):
                continue
            yield number, {h: cleaned[i] if i < len(cleaned) else None
                           for h, i in positions.items()}

    def decode(self, sheet: L.Sheet, number: int, row: dict, path: PathT) -> dict:
        obj, errors = sheet.decode(row)
        self.sources.add(path, sheet.name, number, sheet.column_for)
        for header, key, message in errors:
            self.issue(sheet.name, number, header, message, path + (key,))
            self.sources.failed.add(path + (key,))
        missing = self.missing.get(sheet.name, ())
        for col in sheet.columns:
            if missing and all(h in missing for h in col.headers):
                self.sources.failed.add(path + (col.key,))  # already reported once, at row 1
        return obj

    def objects(self, sheet: L.Sheet, collection: str) -> list[dict]:
        out: list[dict] = []
        for number, row in self.rows(sheet):
            out.append(self.decode(sheet, number, row, (collection, len(out))))
        return out

    def parent(self, sheet: L.Sheet, number: int, row: dict, header: str,
               index: dict[str, int], what: str) -> int | None:
        code = _link(row.get(header))
        if code is None:
            self.issue(sheet.name, number, header, MSG_CELL_REQUIRED.format(column=header))
            return None
        if code not in index:
            self.issue(sheet.name, number, header, MSG_NO_PARENT.format(what=what, code=code))
            return None
        return index[code]


def _index(items: list[dict], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, item in enumerate(items):
        code = item.get(key)
        if isinstance(code, str):
            out.setdefault(code, i)
    return out


def read_xlsx(path: str | os.PathLike) -> tuple[dict, list[CatalogueIssue], SourceMap]:
    """The raw catalogue document, the parse issues, and where each part came from."""
    data, issues, sources, _files = read_workbook(path)
    return data, issues, sources


def read_workbook(path: str | os.PathLike
                  ) -> tuple[dict, list[CatalogueIssue], SourceMap, dict[str, bytes] | None]:
    """read_xlsx plus the files the workbook carries (its Files sheet; None when it has
    none, as in workbooks exported before files travelled with them)."""
    source = os.path.basename(os.fspath(path))
    xl = openpyxl()
    try:
        wb = xl.load_workbook(os.fspath(path), read_only=True, data_only=False)
    except (xl.utils.exceptions.InvalidFileException, zipfile.BadZipFile, KeyError, OSError,
            ValueError) as exc:
        issue = CatalogueIssue(source, None, None, MSG_NOT_WORKBOOK.format(reason=exc))
        return {}, [issue], SourceMap(default_source=source), None
    try:
        reader = _Reader(wb, source)
        data = {
            "application_types": reader.objects(L.APPLICATION_TYPES, "application_types"),
            "actions": reader.objects(L.ACTIONS, "actions"),
            "agencies": reader.objects(L.AGENCIES, "agencies"),
            "sectors": reader.objects(L.SECTORS, "sectors"),
            "roles": reader.objects(L.ROLES, "roles"),
            "routings": _routings(reader),
            "permits": _permits(reader),
            "lookups": _lookups(reader),
            "holidays": reader.objects(L.HOLIDAYS, "holidays"),
        }
        files = _files(reader)
    finally:
        wb.close()
    return data, reader.issues, reader.sources, files


def _files(r: _Reader) -> dict[str, bytes] | None:
    """Pieces are read raw (not trimmed): a template's spaces and line breaks are its own."""
    if L.FILES not in r.wb.sheetnames:
        return None
    rows = r.wb[L.FILES].iter_rows(values_only=True)
    header = [h.strip() if isinstance(h, str) else h for h in next(rows, None) or ()]
    if tuple(header[:len(L.FILES_HEADERS)]) != L.FILES_HEADERS:
        r.issue(L.FILES, 1, None, MSG_FILES_HEADER.format(headers=", ".join(L.FILES_HEADERS)))
        return {}
    pieces: dict[str, list[tuple[int, str, str]]] = {}
    for number, values in enumerate(rows, start=2):
        path, part, encoding, content = (tuple(values) + (None,) * 4)[:4]
        if path is None and content is None:
            continue
        if not isinstance(path, str) or not path.startswith(ASSET_PREFIX) or ".." in path:
            r.issue(L.FILES, number, "path", MSG_FILE_PATH)
            continue
        if encoding not in ("text", "base64") or not isinstance(part, int | float):
            r.issue(L.FILES, number, "encoding", MSG_FILE_ENCODING)
            continue
        pieces.setdefault(path, []).append((int(part), encoding, "" if content is None
                                            else str(content)))
    files: dict[str, bytes] = {}
    for path, parts in pieces.items():
        parts.sort()
        text = "".join(piece for _part, _enc, piece in parts)
        try:
            files[path] = base64.b64decode(text, validate=True) if parts[0][1] == "base64" \
                else text.encode("utf-8")
        except (ValueError, binascii.Error):
            r.issue(L.FILES, None, "content", MSG_FILE_BROKEN.format(path=path))
    return files


def _routings(r: _Reader) -> list[dict]:
    routings = r.objects(L.ROUTINGS, "routings")
    index = _index(routings, "code")
    for number, row in r.rows(L.STEPS):
        ri = r.parent(L.STEPS, number, row, "routing", index, ROUTING)
        if ri is None:
            continue
        routing = routings[ri]
        if "steps" in routing and not isinstance(routing["steps"], list):
            r.issue(L.STEPS.name, number, "routing", MSG_STEPS_IN_EXTRA)
            continue
        steps = routing.setdefault("steps", [])
        steps.append(r.decode(L.STEPS, number, row, ("routings", ri, "steps", len(steps))))
    for routing in routings:
        routing.setdefault("steps", [])
    return routings


def _child_rows(r: _Reader, sheet: L.Sheet, parent: tuple[str, str], parents: list[dict],
                index: dict, where: tuple[str, str], already: str) -> None:
    """Rows of a child sheet (a permit's requirements, a lookup's columns) appended to their
    parent's list `where[1]`, named by the parent column `parent[0]`. A parent whose list came
    whole from its own row's extra column cannot take child rows as well (`already`)."""
    collection, attr = where
    built: set[int] = set()
    for number, row in r.rows(sheet):
        pi = r.parent(sheet, number, row, parent[0], index, parent[1])
        if pi is None:
            continue
        items = parents[pi].get(attr, MISSING)
        if items is MISSING:
            items = parents[pi][attr] = []
            built.add(id(items))
        if id(items) not in built:
            r.issue(sheet.name, number, parent[0], already)
            continue
        items.append(r.decode(sheet, number, row, (collection, pi, attr, len(items))))
    for item in parents:
        item.setdefault(attr, [])


def _permits(r: _Reader) -> list[dict]:
    permits = r.objects(L.PERMITS, "permits")
    index = _index(permits, "code")
    _child_rows(r, L.REQUIREMENTS, ("permit", PERMIT), permits, index, ("permits", "requirements"),
                MSG_REQUIREMENTS_IN_EXTRA)
    for permit in permits:
        permit.setdefault("validity", None)  # empty validity cells: valid forever
    form = FormRows(r, permits, index)
    form.section_rows()
    form.field_rows()
    form.option_rows()
    form.rule_rows()
    return permits


def _lookups(r: _Reader) -> list[dict]:
    tables = r.objects(L.LOOKUPS, "lookups")
    index = _index(tables, "name")
    _child_rows(r, L.LOOKUP_COLUMNS, ("lookup", LOOKUP), tables, index,
                ("lookups", "columns"), MSG_COLUMNS_IN_EXTRA)
    expected = {L.LOOKUP_PREFIX + t["name"]: i for i, t in enumerate(tables)
                if isinstance(t.get("name"), str) and "rows" not in t}
    for title in r.wb.sheetnames:
        if title.startswith(L.LOOKUP_PREFIX) and title not in expected:
            r.issue(title, None, None, MSG_LOOKUP_NOT_LISTED.format(sheet=title))
    for title, ti in expected.items():
        table = tables[ti]
        table.setdefault("columns", [])
        table["rows"] = rows = []
        if title not in r.wb.sheetnames:
            r.issue(title, None, None, MSG_LOOKUP_SHEET_MISSING.format(sheet=title))
            continue
        keys = tuple(c.get("key") for c in table["columns"] if isinstance(c.get("key"), str))
        for number, row in r._table(title, keys):
            path = ("lookups", ti, "rows", len(rows))
            r.sources.add(path, title, number, lambda rest: rest[0] if rest else None)
            values = {k: decode_any(v) for k, v in row.items()}
            rows.append({k: v for k, v in values.items() if v is not MISSING})
    for table in tables:
        table.setdefault("columns", [])
        table.setdefault("rows", [])
    return tables


@contextmanager
def _gc_paused():
    """Bulk loading builds many small acyclic objects; cyclic GC passes over them only cost."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_xlsx(path: str | os.PathLike, *, base_dir: str | os.PathLike | None = None
                  ) -> list[CatalogueIssue]:
    """Templates are read from the workbook's Files sheet, else from `base_dir`."""
    from .validation import validate

    with _gc_paused():
        data, issues, sources, files = read_workbook(path)
        if not data:
            return issues
        return issues + validate(data, sources=sources, base_dir=base_dir,
                                 assets=files if base_dir is None else None)


def load_xlsx(path: str | os.PathLike, *, check: bool = True,
              base_dir: str | os.PathLike | None = None) -> Catalogue:
    """All or nothing: raises CatalogueError listing every issue, else returns the catalogue."""
    from .validation import validate

    with _gc_paused():
        data, issues, sources, files = read_workbook(path)
        if check and data:
            issues = issues + validate(data, sources=sources, base_dir=base_dir,
                                       assets=files if base_dir is None else None)
    if issues:
        raise CatalogueError(issues)
    return Catalogue.adopt(data)
