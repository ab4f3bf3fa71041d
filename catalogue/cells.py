"""How one JSON value is shown in one or more worksheet cells, and read back.

Admins edit the workbook by hand, so cells hold friendly values (`pdf, jpg`, `lanjut: tte`,
TRUE, real dates) rather than JSON. Each codec says when a value cannot be shown faithfully
(`encode` returns None); the sheet then keeps that value in the row's `extra` JSON cell, which
is what makes JSON -> XLSX -> JSON lossless.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from .marked import N_

# The cells' refusals, marked for the console's English pages (catalogue.marked). MSG_TYPE is
# also catalogue.validation's: one template, so a page cannot take one for the other.
MSG_TYPE = N_("Nilai '{value}' harus berupa {names}.")
TEXT, NUMBER = N_("teks"), N_("angka")
MSG_NOT_INTEGER = N_("Nilai '{value}' harus bilangan bulat.")
MSG_NOT_BOOLEAN = N_("Nilai '{value}' harus TRUE/FALSE (ya/tidak).")
MSG_EMPTY_LIST = N_("Daftar kosong; tulis nilai dipisah koma.")
MSG_ACTION_SHAPE = N_("Bagian '{part}' harus berbentuk 'tindakan: tujuan', mis. 'lanjut: tte'.")
MSG_ACTION_TWICE = N_("Tindakan '{action}' ditulis lebih dari sekali.")
MSG_NO_ACTIONS = N_("Tindakan kosong.")

class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
Cells = tuple[Any, ...]


class CellError(ValueError):
    def __init__(self, header: str, message: str):
        super().__init__(message)
        self.header = header
        self.message = message


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def plain(value: Any) -> bool:
    """Text that survives a worksheet cell as is (the reader trims cells)."""
    return isinstance(value, str) and bool(value) and value.strip() == value


def _as_text(header: str, value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if _is_number(value):
        return str(int(value)) if float(value).is_integer() else str(value)
    raise CellError(header, MSG_TYPE.format(value=value, names=TEXT))


class Column:
    """A JSON key shown in the columns `headers`."""

    def __init__(self, key: str, note: str = "", headers: tuple[str, ...] | None = None):
        self.key = key
        self.note = note
        self.headers = headers or (key,)

    @property
    def width(self) -> int:
        return len(self.headers)

    def empty(self) -> Cells:
        return (None,) * self.width

    def encode(self, value: Any) -> Cells | None:
        raise NotImplementedError

    def decode(self, cells: Cells) -> Any:
        raise NotImplementedError

    def header_for(self, rest: tuple) -> str:
        return self.headers[0]


class Text(Column):
    def encode(self, value: Any) -> Cells | None:
        return (value,) if plain(value) else None

    def decode(self, cells: Cells) -> Any:
        value = cells[0]
        return MISSING if value is None else _as_text(self.headers[0], value)


class Int(Column):
    def encode(self, value: Any) -> Cells | None:
        return (value,) if isinstance(value, int) and not isinstance(value, bool) else None

    def decode(self, cells: Cells) -> Any:
        value = cells[0]
        if value is None:
            return MISSING
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value.strip())
        raise CellError(self.headers[0], MSG_NOT_INTEGER.format(value=value))


class Number(Column):
    def encode(self, value: Any) -> Cells | None:
        return (value,) if _is_number(value) else None

    def decode(self, cells: Cells) -> Any:
        value = cells[0]
        if value is None:
            return MISSING
        if _is_number(value):
            return value
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"-?\d+", text):
                return int(text)
            if re.fullmatch(r"-?\d+[.,]\d+", text):
                return float(text.replace(",", "."))
        raise CellError(self.headers[0], MSG_TYPE.format(value=value, names=NUMBER))


_TRUE = {"true", "ya", "y", "benar", "1", "wajib"}
_FALSE = {"false", "tidak", "t", "salah", "0", "opsional"}


class Bool(Column):
    def encode(self, value: Any) -> Cells | None:
        return (value,) if isinstance(value, bool) else None

    def decode(self, cells: Cells) -> Any:
        value = cells[0]
        if value is None:
            return MISSING
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise CellError(self.headers[0], MSG_NOT_BOOLEAN.format(value=value))


def encode_any(value: Any) -> Any:
    """Scalars as themselves; lists/objects (and JSON-looking text) as JSON text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or _is_number(value):
        return value
    if isinstance(value, str):
        if value.strip() != value:
            return json.dumps(value, ensure_ascii=False)
        if value[:1] in '[{"':
            try:
                json.loads(value)
            except ValueError:
                return value
            return json.dumps(value, ensure_ascii=False)
        return value
    return json.dumps(value, ensure_ascii=False)


def decode_any(value: Any) -> Any:
    if value is None:
        return MISSING
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in '[{"':
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class Any_(Column):
    def encode(self, value: Any) -> Cells | None:
        cell = encode_any(value)
        return None if cell is None else (cell,)

    def decode(self, cells: Cells) -> Any:
        return decode_any(cells[0])


class Words(Column):
    """A list of short strings written `a, b, c` (or one per line with sep="\\n")."""

    def __init__(self, key: str, note: str = "", sep: str = ","):
        super().__init__(key, note)
        self.sep = sep

    def encode(self, value: Any) -> Cells | None:
        if not isinstance(value, list) or not value:
            return None
        for item in value:
            if not plain(item) or self.sep in item:
                return None
            if self.sep == "," and "\n" in item:
                return None
        return ((", " if self.sep == "," else "\n").join(value),)

    def decode(self, cells: Cells) -> Any:
        value = cells[0]
        if value is None:
            return MISSING
        items = [part.strip() for part in _as_text(self.headers[0], value).split(self.sep)]
        items = [part for part in items if part]
        if not items:
            raise CellError(self.headers[0], MSG_EMPTY_LIST)
        return items


class I18n(Column):
    """A multilingual text {"id": .., "en": ..} in the columns key_id and key_en."""

    def __init__(self, key: str, note: str = ""):
        super().__init__(key, note, (f"{key}_id", f"{key}_en"))

    def encode(self, value: Any) -> Cells | None:
        if not isinstance(value, dict) or not value or set(value) - {"id", "en"}:
            return None
        if not all(plain(v) for v in value.values()):
            return None
        return (value.get("id"), value.get("en"))

    def decode(self, cells: Cells) -> Any:
        if all(c is None for c in cells):
            return MISSING
        out = {}
        for lang, header, cell in zip(("id", "en"), self.headers, cells, strict=True):
            if cell is not None:
                out[lang] = _as_text(header, cell)
        return out

    def header_for(self, rest: tuple) -> str:
        return self.headers[1] if rest[:1] == ("en",) else self.headers[0]


class Validity(Column):
    """{years|months|days} or null (all three cells empty)."""

    UNITS = ("years", "months", "days")

    def __init__(self, key: str, note: str = ""):
        super().__init__(key, note, tuple(f"{key}_{u}" for u in self.UNITS))

    def encode(self, value: Any) -> Cells | None:
        if value is None:
            return self.empty()
        if not isinstance(value, dict) or not value or set(value) - set(self.UNITS):
            return None
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
            return None
        return tuple(value.get(u) for u in self.UNITS)

    def decode(self, cells: Cells) -> Any:
        """All three empty gives MISSING; the sheet reader then stores null (no expiry)."""
        out = {}
        for unit, header, cell in zip(self.UNITS, self.headers, cells, strict=True):
            value = Int(header).decode((cell,))
            if value is not MISSING:
                out[unit] = value
        return out or MISSING

    def header_for(self, rest: tuple) -> str:
        return f"{self.key}_{rest[0]}" if rest and rest[0] in self.UNITS else self.headers[0]


class Wrapped(Column):
    """A one-key object such as certificate {"template": ...} shown as one cell."""

    def __init__(self, key: str, inner: str, note: str = ""):
        super().__init__(key, note, (f"{key}_{inner}",))
        self.inner = inner

    def encode(self, value: Any) -> Cells | None:
        if isinstance(value, dict) and set(value) == {self.inner}:
            inner = value[self.inner]
            if plain(inner):
                return (inner,)
        return None

    def decode(self, cells: Cells) -> Any:
        if cells[0] is None:
            return MISSING
        return {self.inner: _as_text(self.headers[0], cells[0])}


class Actions(Column):
    """Step actions written `lanjut: tte; revisi: @applicant; tolak: @rejected`."""

    def encode(self, value: Any) -> Cells | None:
        if not isinstance(value, dict) or not value:
            return None
        for k, v in value.items():
            for text in (k, v):
                if not plain(text) or any(ch in text for ch in ":;\n"):
                    return None
        return ("; ".join(f"{k}: {v}" for k, v in value.items()),)

    def decode(self, cells: Cells) -> Any:
        if cells[0] is None:
            return MISSING
        out: dict[str, str] = {}
        for part in _as_text(self.headers[0], cells[0]).replace("\n", ";").split(";"):
            if not part.strip():
                continue
            action, colon, target = part.partition(":")
            action, target = action.strip(), target.strip()
            if not colon or not action or not target:
                raise CellError(self.headers[0], MSG_ACTION_SHAPE.format(part=part.strip()))
            if action in out:
                raise CellError(self.headers[0], MSG_ACTION_TWICE.format(action=action))
            out[action] = target
        if not out:
            raise CellError(self.headers[0], MSG_NO_ACTIONS)
        return out


class IsoDate(Column):
    """A date kept as ISO text in JSON and as a real date cell in Excel."""

    def encode(self, value: Any) -> Cells | None:
        if not plain(value):
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            return (value,)
        return (parsed,) if parsed.isoformat() == value else (value,)

    def decode(self, cells: Cells) -> Any:
        return MISSING if cells[0] is None else _as_text(self.headers[0], cells[0])
