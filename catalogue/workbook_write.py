"""Export of a catalogue to its Excel twin, and the blank template admins start from."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator, Mapping
from typing import Any

from . import workbook_layout as L
from .cells import I18n, encode_any
from .model import (
    DEFAULT_ACTIONS,
    DEFAULT_APPLICATION_TYPES,
    DEFAULT_ROLES,
    Catalogue,
    normalise,
)
from .xlsx import openpyxl

_HEAD_FILL = "DDEBF7"


class _Book:
    """Collects rows per sheet, then writes them in one pass (openpyxl write-only mode).

    Knowing every sheet's size before writing lets us record its dimension, which spares
    openpyxl's read-only mode a full extra parse of each sheet when the file is imported.
    """

    def __init__(self) -> None:
        self.sheets: dict[str, tuple[tuple[str, ...], list[list[Any]]]] = {}

    def sheet(self, title: str, headers: tuple[str, ...] | list[str]) -> list[list[Any]]:
        rows: list[list[Any]] = []
        self.sheets[title] = (tuple(headers), rows)
        return rows

    @staticmethod
    def row(rows: list[list[Any]], values: list[Any]) -> None:
        rows.append(values)

    def save(self, path: str | os.PathLike) -> None:
        xl = openpyxl()
        wb = xl.Workbook(write_only=True)
        head = (xl.styles.Font(bold=True), xl.styles.PatternFill("solid", fgColor=_HEAD_FILL))
        for title, (headers, rows) in self.sheets.items():
            ws = wb.create_sheet(title)
            width = max([len(headers), *map(len, rows)]) or 1
            dimension = f"A1:{_letter(width - 1)}{len(rows) + 1}"
            ws.calculate_dimension = lambda dimension=dimension: dimension
            if title == L.INSTRUCTIONS:
                for letter, size in zip("ABC", (22, 24, 90), strict=True):
                    ws.column_dimensions[letter].width = size
            else:
                ws.freeze_panes = "A2"
                for i, header in enumerate(headers):
                    ws.column_dimensions[_letter(i)].width = max(12, min(40, len(header) + 6))
            if headers:
                ws.append([self._head(xl, ws, h, head) for h in headers])
            for values in rows:
                ws.append([self._text(xl, ws, v) for v in values])
        wb.save(os.fspath(path))

    @staticmethod
    def _head(xl, ws, text: str, style: tuple) -> Any:
        cell = xl.cell.WriteOnlyCell(ws, text)
        cell.font, cell.fill = style
        return cell

    @staticmethod
    def _text(xl, ws, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("="):
            cell = xl.cell.WriteOnlyCell(ws, value)
            cell.data_type = "s"  # text that looks like a formula stays text
            return cell
        return value


def _letter(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


# what the sheets can show faithfully -------------------------------------------------------
def _safe_key(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and "." not in value and value.strip() == value


def _option_ok(option: Any) -> bool:
    if isinstance(option, str):
        return encode_any(option) is not None
    if isinstance(option, dict) and set(option) == {"value", "label"}:
        value = option["value"]
        return (encode_any(value) is not None and not isinstance(value, list | dict)
                and I18n("label").encode(option["label"]) is not None)
    return False


def _field_spill(field: dict) -> frozenset[str]:
    spill = set()
    children = field.get("fields")
    if "fields" in field and not (isinstance(children, list) and children
                                  and _fields_ok(children)):
        spill.add("fields")
    options = field.get("options")
    if "options" in field and not (isinstance(options, list) and options
                                   and all(_option_ok(o) for o in options)):
        spill.add("options")
    return frozenset(spill)


def _fields_ok(fields: list) -> bool:
    """Sibling keys must be unique plain keys: rows address fields by `parent` paths."""
    keys = [f.get("key") if isinstance(f, dict) else None for f in fields]
    return all(_safe_key(k) for k in keys) and len(set(keys)) == len(keys)


def _rules_fit(rules: Any) -> bool:
    return isinstance(rules, list) and bool(rules) and all(isinstance(r, dict) for r in rules)


def form_fits_sheets(form: Any) -> bool:
    if not isinstance(form, dict) or "sections" not in form or set(form) - {"sections", "rules"}:
        return False
    if "rules" in form and not _rules_fit(form["rules"]):
        return False
    sections = form["sections"]
    if not isinstance(sections, list) or not sections:
        return False
    if not all(isinstance(s, dict) and isinstance(s.get("fields"), list) for s in sections):
        return False
    keys = [s.get("key") for s in sections]
    return (all(_safe_key(k) for k in keys) and len(set(keys)) == len(keys)
            and all(_fields_ok(s["fields"]) for s in sections))


def lookup_fits_sheets(table: dict) -> bool:
    columns, rows = table.get("columns"), table.get("rows")
    if not isinstance(columns, list) or not columns or not isinstance(rows, list):
        return False
    keys = [c.get("key") if isinstance(c, dict) else None for c in columns]
    if not all(_safe_key(k) for k in keys) or len(set(keys)) != len(keys):
        return False
    name = table.get("name")
    if not isinstance(name, str) or not name or len(L.LOOKUP_PREFIX + name) > 31:
        return False
    for row in rows:
        if not isinstance(row, dict) or set(row) - set(keys):
            return False
        if any(encode_any(v) is None for v in row.values()):
            return False
    return True


# writing -----------------------------------------------------------------------------------
def dump_xlsx(cat: Catalogue | dict, path: str | os.PathLike,
              files: Mapping[str, bytes] | None = None) -> None:
    """`files` (path -> content, e.g. templates/certificate-sip.html) go into the Files sheet,
    so the workbook alone is the whole catalogue; None leaves the sheet out."""
    data = cat.document() if isinstance(cat, Catalogue) else normalise(cat)
    book = _Book()
    _instructions(book)
    simple = ((L.APPLICATION_TYPES, "application_types"), (L.ACTIONS, "actions"),
              (L.AGENCIES, "agencies"),
              (L.SECTORS, "sectors"), (L.ROLES, "roles"))
    for sheet, key in simple:
        ws = book.sheet(sheet.name, sheet.headers)
        for obj in data.get(key, []):
            book.row(ws, sheet.encode(obj))
    _routings(book, data.get("routings", []))
    _permits(book, data.get("permits", []))
    _lookups(book, data.get("lookups", []))
    ws = book.sheet(L.HOLIDAYS.name, L.HOLIDAYS.headers)
    for obj in data.get("holidays", []):
        values = L.HOLIDAYS.encode(obj)
        book.row(ws, values)
    if files is not None:
        ws = book.sheet(L.FILES, L.FILES_HEADERS)
        for row in file_rows(files):
            book.row(ws, list(row))
    book.save(path)


def _linkable(code: Any, seen: set[str]) -> bool:
    """Whether rows of a child sheet can name this parent by its code: a text the reader
    finds again (non-empty, no surrounding spaces) and the first parent with it. Otherwise the
    children stay in the parent's own row as JSON."""
    ok = isinstance(code, str) and bool(code) and code.strip() == code and code not in seen
    if isinstance(code, str):
        seen.add(code)
    return ok


def _routings(book: _Book, routings: list[dict]) -> None:
    ws = book.sheet(L.ROUTINGS.name, L.ROUTINGS.headers)
    steps_ws = book.sheet(L.STEPS.name, L.STEPS.headers)
    seen: set[str] = set()
    for routing in routings:
        steps = routing.get("steps")
        fits = _linkable(routing.get("code"), seen) and isinstance(steps, list) and \
            bool(steps) and all(isinstance(s, dict) for s in steps)
        book.row(ws, L.ROUTINGS.encode(routing, frozenset() if fits else {"steps"}))
        for step in steps if fits else ():
            book.row(steps_ws, [routing.get("code")] + L.STEPS.encode(step))


def _permits(book: _Book, permits: list[dict]) -> None:
    ws = book.sheet(L.PERMITS.name, L.PERMITS.headers)
    req_ws = book.sheet(L.REQUIREMENTS.name, L.REQUIREMENTS.headers)
    sec_ws = book.sheet(L.SECTIONS.name, L.SECTIONS.headers)
    field_ws = book.sheet(L.FIELDS.name, L.FIELDS.headers)
    opt_ws = book.sheet(L.OPTIONS.name, L.OPTIONS.headers)
    rule_ws = book.sheet(L.RULES.name, L.RULES.headers)
    seen: set[str] = set()
    for permit in permits:
        code = permit.get("code")
        linkable = _linkable(code, seen)
        reqs = permit.get("requirements")
        reqs_fit = linkable and isinstance(reqs, list) and all(isinstance(r, dict) for r in reqs)
        form_fits = linkable and form_fits_sheets(permit.get("form"))
        spill = {k for k, ok in (("requirements", reqs_fit), ("form", form_fits))
                 if not ok and k in permit}
        book.row(ws, L.PERMITS.encode(permit, frozenset(spill)))
        for req in reqs if reqs_fit else ():
            book.row(req_ws, [code] + L.REQUIREMENTS.encode(req))
        if not form_fits:
            continue
        for section in permit["form"]["sections"]:
            book.row(sec_ws, [code] + L.SECTIONS.encode(section))
            _fields(book, field_ws, opt_ws, code, section["key"], "", section["fields"])
        for rule in permit["form"].get("rules", ()):
            book.row(rule_ws, [code] + L.RULES.encode(rule))


def _fields(book: _Book, field_ws, opt_ws, code: str, section: str, parent: str,
            fields: list[dict]) -> None:
    for field in fields:
        spill = _field_spill(field)
        book.row(field_ws, [code, section, parent or None] + L.FIELDS.encode(field, spill))
        path = f"{parent}.{field['key']}" if parent else field["key"]
        if "options" in field and "options" not in spill:
            for option in field["options"]:
                if isinstance(option, dict):
                    values = L.OPTIONS.encode(option)
                else:
                    values = L.OPTIONS.encode({"value": option})
                book.row(opt_ws, [code, section, path] + values)
        if "fields" in field and "fields" not in spill:
            _fields(book, field_ws, opt_ws, code, section, path, field["fields"])


def _lookups(book: _Book, lookups: list[dict]) -> None:
    ws = book.sheet(L.LOOKUPS.name, L.LOOKUPS.headers)
    col_ws = book.sheet(L.LOOKUP_COLUMNS.name, L.LOOKUP_COLUMNS.headers)
    tables = []
    for table in lookups:
        fits = lookup_fits_sheets(table)
        spill = frozenset() if fits else frozenset({"columns", "rows"})
        book.row(ws, L.LOOKUPS.encode(table, spill))
        if fits:
            for column in table["columns"]:
                book.row(col_ws, [table["name"]] + L.LOOKUP_COLUMNS.encode(column))
            tables.append(table)
    for table in tables:
        keys = [c["key"] for c in table["columns"]]
        rows_ws = book.sheet(L.LOOKUP_PREFIX + table["name"], keys)
        for row in table["rows"]:
            book.row(rows_ws, [encode_any(row.get(k)) for k in keys])


def _instructions(book: _Book) -> None:
    rows = book.sheet(L.INSTRUCTIONS, ())
    lines = [
        ("Katalog Perizinan E-PTSP", "", ""),
        ("Satu baris = satu data. Baris 1 setiap sheet adalah judul kolom: jangan diubah.", "", ""),
        ("Kolom *_id / *_en: teks Bahasa Indonesia (wajib) dan Bahasa Inggris (opsional).", "", ""),
        ("Impor bersifat semua-atau-tidak-sama-sekali: semua kesalahan dilaporkan dengan nama "
         "sheet, nomor baris dan kolom.", "", ""),
        ("", "", ""),
        ("Sheet", "Kolom", "Keterangan"),
    ]
    for sheet in L.SHEETS:
        lines.append((sheet.name, "", sheet.about))
        lines.extend(("", header, note) for header, note in sheet.notes())
    lines.append(("Lookup_<nama>", "", L.LOOKUP_ROWS_ABOUT))
    lines.append((L.FILES, "", L.FILES_ABOUT))
    for line in lines:
        book.row(rows, [v or None for v in line])


def write_template(path: str | os.PathLike) -> None:
    """A blank workbook with every sheet, its headers, instructions and the default roles."""
    dump_xlsx({"application_types": DEFAULT_APPLICATION_TYPES, "actions": DEFAULT_ACTIONS,
               "roles": DEFAULT_ROLES,
               "agencies": [], "sectors": [], "routings": [], "permits": [], "lookups": [],
               "holidays": []}, path, files={})


CHUNK = 30_000  # characters per cell (Excel keeps at most 32,767)


def _as_text(content: bytes) -> str | None:
    """A file that survives a worksheet cell as text: UTF-8, no control characters other
    than tab and newline (XML would drop or change them)."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(ch) < 32 and ch not in "\t\n" for ch in text):
        return None
    return text


def file_rows(files: Mapping[str, bytes]) -> Iterator[tuple[str, int, str, str | None]]:
    for path in sorted(files):
        text = _as_text(files[path])
        encoding = "text" if text is not None else "base64"
        if text is None:
            text = base64.b64encode(files[path]).decode("ascii")
        pieces = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
        for part, piece in enumerate(pieces, start=1):
            yield path, part, encoding, piece or None
