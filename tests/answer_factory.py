"""Valid answers for any form definition, derived from the definition alone.

Tests that must take *every* permit of a catalogue (including one generated in the test) through
the wizard cannot hand-write answers per permit; this reads each field's type and rules and
produces a value that satisfies them. Deterministic: the same definition gives the same answers.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from hypothesis import find
from hypothesis import strategies as st

NIK = "6472015505900001"
REGION_BY_LEVEL = {"province": "64", "regency": "64.72", "district": "64.72.01",
                   "village": "64.72.01.1003"}
POINT = "-0.502106,117.153709"


def _option_values(spec: dict) -> list[str]:
    return [o["value"] if isinstance(o, dict) else o for o in spec.get("options", [])]


def _text(spec: dict) -> str:
    low = spec.get("min_length") or 1
    pattern = spec.get("pattern")
    if pattern:
        return _matching(pattern, low, spec.get("max_length") or 10_000)
    high = spec.get("max_length") or max(low, 12)
    return ("Contoh isian " * 10)[: max(low, min(high, 12))].strip().ljust(low, "x")


@cache
def _matching(pattern: str, low: int, high: int) -> str:
    """Searching for a matching string is slow (seconds); each rule is searched once."""
    return find(st.from_regex(pattern, fullmatch=True),
                lambda s: low <= len(s) <= high and s == s.strip() and s.isprintable())


def _number(spec: dict):
    low, high = spec.get("min"), spec.get("max")
    value = 1 if low is None else low
    if high is not None and value > high:
        value = high
    return value


def _decimal(spec: dict) -> str:
    value = Decimal(str(_number(spec)))
    return format(value, "f")


def _date(spec: dict) -> str:
    low = spec.get("min")
    high = spec.get("max")
    day = date.fromisoformat(low) if low else date(2026, 6, 1)
    if high and day > date.fromisoformat(high):
        day = date.fromisoformat(high)
    return (day + timedelta(days=0)).isoformat()


def value_for(spec: dict, *, lookups: dict, files_by_requirement: dict) -> object:
    kind = spec["type"]
    if kind in ("text", "textarea"):
        return _text(spec)
    if kind == "number":
        return _number(spec)
    if kind == "decimal":
        return _decimal(spec)
    if kind == "date":
        return _date(spec)
    if kind in ("select", "radio"):
        return _option_values(spec)[0]
    if kind == "multiselect":
        count = max(spec.get("min") or 1, 1)
        return _option_values(spec)[:count]
    if kind == "boolean":
        return True
    if kind == "email":
        return "pemohon@contoh.id"
    if kind == "phone":
        return "081234567890"
    if kind == "nik":
        return NIK
    if kind == "npwp":
        return "012345678901234"
    if kind == "nib":
        return "1234567890123"
    if kind == "region":
        return REGION_BY_LEVEL[spec.get("level", "village")]
    if kind == "geopoint":
        return POINT
    if kind == "lookup":
        rows = lookups[spec["table"]]
        return str(rows[0]["code"])
    if kind == "file":
        return files_by_requirement[spec["requirement"]]
    if kind == "group":
        count = max(spec.get("min_rows") or 1, 1)
        return [answers_for_fields(spec["fields"], lookups=lookups,
                                   files_by_requirement=files_by_requirement)
                for _ in range(count)]
    raise ValueError(f"no answer recipe for field type {kind!r}")


def answers_for_fields(fields: list[dict], **kw) -> dict:
    return {f["key"]: value_for(f, **kw) for f in fields}


def answers_for(definition: dict, *, lookups: dict, files_by_requirement: dict) -> dict:
    """Answers for every field (hidden ones included; the form engine drops those)."""
    answers = {}
    for section in definition.get("sections", []):
        answers.update(answers_for_fields(section["fields"], lookups=lookups,
                                          files_by_requirement=files_by_requirement))
    return answers


# minimal valid content per file format, as File Saya checks it by its first bytes
SAMPLE_BYTES = {
    "pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    "jpeg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "gif": b"GIF89a" + b"\x00" * 64,
    "dwg": b"AC1032" + b"\x00" * 64,
    "kmz": b"PK\x03\x04" + b"\x00" * 64,
    "xlsx": b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64,
}
