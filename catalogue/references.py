"""Cross-document rules: every code a document mentions must exist somewhere else.

JSON Schema sees one document at a time; these checks see the whole catalogue (permit ->
agency, sector, routing, application types, requirement keys, lookup tables; step -> roles
and agencies), which is where hand-edited workbooks usually go wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from .issues import PathT
from .model import PERMIT_AGENCY
from .numbering import validate_format

Raw = tuple[PathT, str]


def as_list(value: Any) -> list:
    """Checks run on documents that may be malformed; a non-list counts as empty here."""
    return value if isinstance(value, list) else []


def _items(data: dict, name: str) -> Iterator[tuple[int, dict]]:
    value = data.get(name)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _codes(data: dict, name: str, key: str, label: str, out: list[Raw]) -> set[str]:
    seen: set[str] = set()
    for i, item in _items(data, name):
        code = item.get(key)
        if not isinstance(code, str):
            continue
        if code in seen:
            out.append(((name, i, key), f"{label} '{code}' ditulis lebih dari sekali."))
        seen.add(code)
    return seen


def iter_fields(fields: Any, path: PathT = ()) -> Iterator[tuple[PathT, dict]]:
    """Every field of a list, group sub-fields included, with its path."""
    if not isinstance(fields, list):
        return
    for i, field in enumerate(fields):
        if isinstance(field, dict):
            yield path + (i,), field
            yield from iter_fields(field.get("fields"), path + (i, "fields"))


def iter_form_fields(form: Any) -> Iterator[tuple[PathT, dict]]:
    if not isinstance(form, dict) or not isinstance(form.get("sections"), list):
        return
    for s, section in enumerate(form["sections"]):
        if isinstance(section, dict):
            yield from iter_fields(section.get("fields"), ("sections", s, "fields"))


def reference_issues(data: dict) -> list[Raw]:
    out: list[Raw] = []
    app_types = _codes(data, "application_types", "code", "Jenis permohonan", out)
    agencies = _codes(data, "agencies", "code", "Kode instansi", out)
    sectors = _codes(data, "sectors", "code", "Kode bidang", out)
    roles = _codes(data, "roles", "name", "Peran", out)
    routings = _codes(data, "routings", "code", "Kode alur", out)
    _codes(data, "permits", "code", "Kode izin", out)
    _codes(data, "lookups", "name", "Tabel referensi", out)
    _codes(data, "holidays", "date", "Tanggal libur", out)

    for i, sector in _items(data, "sectors"):
        _ref(out, ("sectors", i, "agency"), sector.get("agency"), agencies, "Instansi")
    for r, routing in _items(data, "routings"):
        for s, step in _items(routing, "steps"):
            base = ("routings", r, "steps", s)
            _ref(out, base + ("role",), step.get("role"), roles, "Peran")
            has_one, has_many = "agency" in step, "agencies" in step
            if has_one == has_many:
                out.append((base + ("agency",), "Isi salah satu: agency (satu instansi) atau "
                                                "agencies (paralel, beberapa instansi)."))
            if isinstance(step.get("agency"), str) and step["agency"] != PERMIT_AGENCY:
                _ref(out, base + ("agency",), step["agency"], agencies, "Instansi")
            for a, code in enumerate(as_list(step.get("agencies"))):
                if isinstance(code, str) and code != PERMIT_AGENCY:
                    _ref(out, base + ("agencies", a), code, agencies, "Instansi")
    for p, permit in _items(data, "permits"):
        out.extend(_permit_issues(p, permit, app_types, agencies, sectors, routings))
    for t, table in _items(data, "lookups"):
        out.extend(_lookup_issues(t, table))
    for h, holiday in _items(data, "holidays"):
        value = holiday.get("date")
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                out.append((("holidays", h, "date"), f"Tanggal '{value}' tidak valid."))
    return out


def _ref(out: list[Raw], path: PathT, value: Any, known: set[str], label: str) -> None:
    if isinstance(value, str) and value not in known:
        out.append((path, f"{label} '{value}' tidak ditemukan di katalog."))


def _permit_issues(p: int, permit: dict, app_types: set[str], agencies: set[str],
                   sectors: set[str], routings: set[str]) -> list[Raw]:
    out: list[Raw] = []
    base: PathT = ("permits", p)
    _ref(out, base + ("agency",), permit.get("agency"), agencies, "Instansi")
    _ref(out, base + ("sector",), permit.get("sector"), sectors, "Bidang")
    _ref(out, base + ("routing",), permit.get("routing"), routings, "Alur")
    own_types = permit.get("application_types")
    own_types = own_types if isinstance(own_types, list) else []
    for a, code in enumerate(own_types):
        _ref(out, base + ("application_types", a), code, app_types, "Jenis permohonan")
    by_type = permit.get("validity_by_type")
    for code in by_type if isinstance(by_type, dict) else ():
        if code not in own_types:
            out.append((base + ("validity_by_type", code),
                        f"Jenis permohonan '{code}' tidak dilayani izin ini."))
    for key in ("registration_number", "permit_number"):
        if isinstance(permit.get(key), str):
            out.extend((base + (key,), message) for message in validate_format(permit[key]))
    seen: set[str] = set()
    for r, req in _items(permit, "requirements"):
        key = req.get("key")
        if isinstance(key, str):
            if key in seen:
                out.append((base + ("requirements", r, "key"),
                            f"Kunci persyaratan '{key}' ditulis lebih dari sekali."))
            seen.add(key)
        for a, code in enumerate(as_list(req.get("applies_to"))):
            if isinstance(code, str) and code not in own_types:
                out.append((base + ("requirements", r, "applies_to", a),
                            f"Jenis permohonan '{code}' tidak dilayani izin ini."))
    return out


def map_issues(p: int, permit: dict) -> list[Raw]:
    """`map.field` names a geopoint field of the permit's form outside any group (one point
    per permit)."""
    spec = permit.get("map")
    key = spec.get("field") if isinstance(spec, dict) else None
    if not isinstance(key, str):
        return []
    form = permit.get("form")
    sections = form.get("sections") if isinstance(form, dict) else None
    top = {f.get("key"): f for s in as_list(sections) if isinstance(s, dict)
           for f in as_list(s.get("fields")) if isinstance(f, dict)}
    if key not in top:
        return [(("permits", p, "map", "field"),
                 f"Isian '{key}' tidak ada di formulir izin ini (di luar grup).")]
    if top[key].get("type") != "geopoint":
        return [(("permits", p, "map", "field"),
                 f"Isian '{key}' harus berjenis geopoint agar dapat dipetakan.")]
    return []


def form_reference_issues(p: int, permit: dict, lookups: dict[str, dict]) -> list[Raw]:
    """Lookup fields name a known table; file fields name a requirement of the same permit;
    the map names a geopoint field."""
    out: list[Raw] = map_issues(p, permit)
    keys = {r.get("key") for r in as_list(permit.get("requirements")) if isinstance(r, dict)}
    for path, field in iter_form_fields(permit.get("form")):
        base = ("permits", p, "form") + path
        if field.get("type") == "lookup":
            table = field.get("table")
            if not isinstance(table, str):
                out.append((base + ("table",), "Isian lookup wajib menyebut tabel referensi."))
            elif table not in lookups:
                out.append((base + ("table",), f"Tabel referensi '{table}' tidak ada."))
        if field.get("type") == "file":
            req = field.get("requirement")
            if not isinstance(req, str):
                out.append((base + ("requirement",), "Isian file wajib menyebut persyaratan."))
            elif req not in keys:
                out.append((base + ("requirement",),
                            f"Persyaratan '{req}' tidak ada pada izin ini."))
    return out


def _lookup_issues(t: int, table: dict) -> list[Raw]:
    out: list[Raw] = []
    base: PathT = ("lookups", t)
    columns: set[str] = set()
    for c, column in _items(table, "columns"):
        key = column.get("key")
        if isinstance(key, str):
            if key in columns:
                out.append((base + ("columns", c, "key"), f"Kolom '{key}' ditulis dua kali."))
            columns.add(key)
    key_column = table.get("key_column")
    if isinstance(key_column, str) and columns and key_column not in columns:
        out.append((base + ("key_column",), f"Kolom kunci '{key_column}' tidak ada di daftar "
                                            "kolom tabel."))
        key_column = None
    seen: set[Any] = set()
    for r, row in _items(table, "rows"):
        for key in row:
            if columns and key not in columns:
                out.append((base + ("rows", r, key), f"Kolom '{key}' tidak dikenal tabel ini."))
        if isinstance(key_column, str):
            value = row.get(key_column)
            if not isinstance(value, str | int | float):
                out.append((base + ("rows", r, key_column), "Kolom kunci wajib diisi."))
            elif value in seen:
                out.append((base + ("rows", r, key_column),
                            f"Kunci '{value}' dipakai lebih dari satu baris."))
            seen.add(value)
    return out
