"""Editing catalogue data that is naturally a table: lookup rows pasted from Excel, lookup
columns, a permit's requirements per application type with the validity of each type, and
the holiday calendar. Pure transformations of draft items; the caller saves them."""

from __future__ import annotations

import calendar as month_calendar
import copy
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import N_
from .errors import DomainError

MSG_COLUMN_KEY = N_("Baris {line}: kunci kolom '{key}' harus huruf kecil, angka dan _.")
MSG_UNKNOWN_TITLE = N_("Judul kolom '{title}' tidak dikenal tabel ini (kolom: {columns}).")
MSG_TOO_MANY_CELLS = N_("Baris {line} punya {cells} sel, tabel ini {columns} kolom.")
MSG_APPLIES_TO_NONE = N_("Persyaratan {key} harus berlaku untuk minimal satu jenis "
                         "permohonan.")
MSG_NO_VALIDITY = N_("Isi masa berlaku untuk jenis permohonan {code}, atau pilih 'sama dengan "
                     "izin'.")
NUMBER = re.compile(r"-?\d{1,15}([.,]\d{1,10})?")


# lookup tables -----------------------------------------------------------------------------
def parse_columns(text: str) -> list[dict]:
    """One column per line: key | label | label (English)."""
    columns = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", parts[0]):
            raise DomainError(MSG_COLUMN_KEY.format(line=n, key=parts[0]), field="columns")
        label = {"id": parts[1] if len(parts) > 1 and parts[1] else parts[0]}
        if len(parts) > 2 and parts[2]:
            label["en"] = parts[2]
        columns.append({"key": parts[0], "label": label})
    if not columns:
        raise DomainError(N_("Tulis minimal satu kolom."), field="columns")
    return columns


def column_lines(columns: list[dict]) -> str:
    lines = []
    for column in columns or []:
        label = column.get("label") or {}
        parts = [column.get("key", ""), label.get("id", "")]
        if label.get("en"):
            parts.append(label["en"])
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def _cell(raw: str, numeric: bool) -> Any:
    value = raw.strip()
    if numeric and NUMBER.fullmatch(value):
        number = float(value.replace(",", "."))
        return int(number) if number.is_integer() and "." not in value and "," not in value \
            else number
    return value


def paste_rows(table: dict, text: str, *, header: bool, replace: bool) -> tuple[dict, int]:
    """Rows copied from Excel (tab-separated, one per line) added to or replacing the table's
    rows. With `header`, the first line names the columns (their key or label); otherwise
    cells follow the table's column order. A column holding only numbers keeps numbers."""
    keys = [c.get("key") for c in table.get("columns") or [] if isinstance(c, dict)]
    lines = [line.rstrip("\r") for line in (text or "").split("\n")]
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise DomainError(N_("Tempelkan baris dari Excel terlebih dahulu."), field="rows")
    order = keys
    if header:
        names = {}
        for column in table.get("columns") or []:
            for name in (column.get("key"), (column.get("label") or {}).get("id"),
                         (column.get("label") or {}).get("en")):
                if name:
                    names[str(name).strip().casefold()] = column["key"]
        order = []
        for cell in lines[0].split("\t"):
            found = names.get(cell.strip().casefold())
            if found is None:
                raise DomainError(MSG_UNKNOWN_TITLE.format(title=cell.strip(),
                                                           columns=", ".join(keys)), field="rows")
            order.append(found)
        lines = lines[1:]
    old = [r for r in table.get("rows") or [] if isinstance(r, dict)]
    numeric = {k: bool(old) and all(isinstance(r.get(k), int | float) and not isinstance(
        r.get(k), bool) for r in old if r.get(k) is not None) for k in keys}
    rows = []
    for n, line in enumerate(lines, start=2 if header else 1):
        cells = line.split("\t")
        if len(cells) > len(order):
            raise DomainError(MSG_TOO_MANY_CELLS.format(line=n, cells=len(cells),
                                                        columns=len(order)), field="rows")
        row = {key: _cell(cell, numeric.get(key, False))
               for key, cell in zip(order, cells, strict=False) if cell.strip()}
        rows.append(row)
    out = copy.deepcopy(table)
    out["rows"] = rows if replace else old + rows
    return out, len(rows)


# a permit's requirements and validity per application type --------------------------------
def apply_matrix(permit: dict, form: Any) -> dict:
    """`form` is the posted matrix: applies-<req>-<type>, required-<req>,
    validity-mode-<type> (permit | own | none) and validity-<unit>-<type>."""
    out = copy.deepcopy(permit)
    types = list(out.get("application_types") or [])
    for req in out.get("requirements") or []:
        key = req.get("key")
        chosen = [t for t in types if form.get(f"applies-{key}-{t}")]
        if not chosen:
            raise DomainError(MSG_APPLIES_TO_NONE.format(key=key), field=f"applies-{key}")
        if len(chosen) == len(types):
            req.pop("applies_to", None)
        else:
            req["applies_to"] = chosen
        req["required"] = bool(form.get(f"required-{key}"))
    by_type: dict[str, Any] = {}
    for code in types:
        mode = form.get(f"validity-mode-{code}") or "permit"
        if mode == "none":
            by_type[code] = None
        elif mode == "own":
            by_type[code] = _validity(form, code)
    if by_type:
        out["validity_by_type"] = by_type
    else:
        out.pop("validity_by_type", None)
    return out


def _validity(form: Any, code: str) -> dict:
    found = {}
    for unit in ("years", "months", "days"):
        raw = (form.get(f"validity-{unit}-{code}") or "").strip()
        if raw:
            if not raw.isdigit() or int(raw) < 1:
                raise DomainError(N_("Masa berlaku harus bilangan bulat ≥ 1."),
                                  field=f"validity-{code}")
            found[unit] = int(raw)
    if not found:
        raise DomainError(MSG_NO_VALIDITY.format(code=code), field=f"validity-{code}")
    return found


# the holiday calendar ----------------------------------------------------------------------
@dataclass(frozen=True)
class Day:
    day: date | None  # None: padding before the first of the month
    holiday: dict | None = None

    @property
    def weekend(self) -> bool:
        return self.day is not None and self.day.weekday() >= 5


def months(year: int, holidays: list[dict]) -> list[tuple[int, list[list[Day]]]]:
    """(month, weeks of Days, Monday first) for the year, with the catalogue's holidays."""
    by_date = {h.get("date"): h for h in holidays if isinstance(h, dict)}
    out = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append([Day(d, by_date.get(d.isoformat())) if d.month == month else Day(None)
                          for d in week])
        out.append((month, weeks))
    return out
