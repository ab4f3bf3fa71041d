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
from .marked import N_
from .model import PERMIT_AGENCY, RENEWAL
from .numbering import validate_format

Raw = tuple[PathT, str]


# The reference checks' texts, marked for the console's English pages (catalogue.marked).
MSG_WRITTEN_TWICE = N_("{label} '{code}' ditulis lebih dari sekali.")
MSG_NOT_IN_CATALOGUE = N_("{label} '{value}' tidak ditemukan di katalog.")
MSG_AGENCY_OR_AGENCIES = N_("Isi salah satu: agency (satu instansi) atau agencies (paralel, "
                            "beberapa instansi).")
MSG_BAD_DATE = N_("Tanggal '{value}' tidak valid.")
MSG_TYPE_NOT_SERVED = N_("Jenis permohonan '{code}' tidak dilayani izin ini.")
MSG_REQUIREMENT_TWICE = N_("Kunci persyaratan '{key}' ditulis lebih dari sekali.")
MSG_MAP_NO_FIELD = N_("Isian '{key}' tidak ada di formulir izin ini (di luar grup).")
MSG_MAP_NOT_GEOPOINT = N_("Isian '{key}' harus berjenis geopoint agar dapat dipetakan.")
MSG_LOOKUP_NO_TABLE = N_("Isian lookup wajib menyebut tabel referensi.")
MSG_NO_TABLE = N_("Tabel referensi '{table}' tidak ada.")
MSG_FILE_NO_REQUIREMENT = N_("Isian file wajib menyebut persyaratan.")
MSG_NO_REQUIREMENT = N_("Persyaratan '{requirement}' tidak ada pada izin ini.")
MSG_COLUMN_TWICE = N_("Kolom '{key}' ditulis dua kali.")
MSG_NO_KEY_COLUMN = N_("Kolom kunci '{key}' tidak ada di daftar kolom tabel.")
MSG_UNKNOWN_COLUMN = N_("Kolom '{key}' tidak dikenal tabel ini.")
MSG_KEY_REQUIRED = N_("Kolom kunci wajib diisi.")
MSG_KEY_TWICE = N_("Kunci '{value}' dipakai lebih dari satu baris.")
MSG_WINDOW_NO_RENEWAL = N_("Batas waktu perpanjangan hanya berlaku untuk izin yang melayani "
                           "jenis permohonan perpanjangan.")
MSG_WINDOW_NO_END = N_("Batas waktu perpanjangan memerlukan masa berlaku: izin ini berlaku "
                       "tanpa batas waktu.")
MSG_SECTOR_OF_OTHER_AGENCY = N_("Bidang '{sector}' milik instansi {owner}, bukan {agency}. "
                                "Pilih bidang milik instansi izin ini.")
# what a missing or repeated code is (the {label} of the two first)
APPLICATION_TYPE, AGENCY, ROLE = N_("Jenis permohonan"), N_("Instansi"), N_("Peran")


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
            out.append(((name, i, key), MSG_WRITTEN_TWICE.format(label=label, code=code)))
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
    app_types = _codes(data, "application_types", "code", APPLICATION_TYPE, out)
    agencies = _codes(data, "agencies", "code", N_("Kode instansi"), out)
    sectors = _codes(data, "sectors", "code", N_("Kode bidang"), out)
    roles = _codes(data, "roles", "name", ROLE, out)
    routings = _codes(data, "routings", "code", N_("Kode alur"), out)
    _codes(data, "permits", "code", N_("Kode izin"), out)
    _codes(data, "lookups", "name", N_("Tabel referensi"), out)
    _codes(data, "holidays", "date", N_("Tanggal libur"), out)

    for i, sector in _items(data, "sectors"):
        _ref(out, ("sectors", i, "agency"), sector.get("agency"), agencies, AGENCY)
    for r, routing in _items(data, "routings"):
        for s, step in _items(routing, "steps"):
            base = ("routings", r, "steps", s)
            _ref(out, base + ("role",), step.get("role"), roles, ROLE)
            has_one, has_many = "agency" in step, "agencies" in step
            if has_one == has_many:
                out.append((base + ("agency",), MSG_AGENCY_OR_AGENCIES))
            if isinstance(step.get("agency"), str) and step["agency"] != PERMIT_AGENCY:
                _ref(out, base + ("agency",), step["agency"], agencies, AGENCY)
            for a, code in enumerate(as_list(step.get("agencies"))):
                if isinstance(code, str) and code != PERMIT_AGENCY:
                    _ref(out, base + ("agencies", a), code, agencies, AGENCY)
    # an unknown agency (the permit's or its sector's) is its own issue, not told twice
    owners = {code: owner for code, owner in sector_agencies(data).items()
              if isinstance(owner, str) and owner in agencies}
    renewing = {t.get("code") for _i, t in _items(data, "application_types")
                if t.get("effect") == RENEWAL}
    for p, permit in _items(data, "permits"):
        out.extend(_permit_issues(p, permit, app_types, agencies, sectors, routings))
        out.extend(renewal_window_issues(p, permit, renewing))
        agency = permit.get("agency")
        message = sector_issue(permit, owners) if isinstance(agency, str) \
            and agency in agencies else None
        if message:
            out.append((("permits", p, "sector"), message))
    for t, table in _items(data, "lookups"):
        out.extend(_lookup_issues(t, table))
    for h, holiday in _items(data, "holidays"):
        value = holiday.get("date")
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                out.append((("holidays", h, "date"), MSG_BAD_DATE.format(value=value)))
    return out


def sector_agencies(data: dict) -> dict[str, Any]:
    """Each sector's code -> the agency it belongs to (its instansi pembina)."""
    return {s["code"]: s.get("agency") for _, s in _items(data, "sectors")
            if isinstance(s.get("code"), str)}


def sector_issue(permit: dict, owners: dict[str, Any]) -> str | None:
    """A permit's sector (Bidang) is one of its own agency's: each sector belongs to one
    agency, and a permit filed under another Dinas's sector would pair, on the public pages
    and in the WebGIS filters, a Dinas and a Bidang that do not go together. None when it
    fits, or when the sector is unknown (its own issue says so). The console asks this
    before saving a permit (`owners` from sector_agencies); imports meet it among the other
    reference checks."""
    sector, agency = permit.get("sector"), permit.get("agency")
    owner = owners.get(sector) if isinstance(sector, str) else None
    if not (agency and isinstance(agency, str) and isinstance(owner, str)) or owner == agency:
        return None
    return MSG_SECTOR_OF_OTHER_AGENCY.format(sector=sector, owner=owner, agency=agency)


def _ref(out: list[Raw], path: PathT, value: Any, known: set[str], label: str) -> None:
    if isinstance(value, str) and value not in known:
        out.append((path, MSG_NOT_IN_CATALOGUE.format(label=label, value=value)))


def _permit_issues(p: int, permit: dict, app_types: set[str], agencies: set[str],
                   sectors: set[str], routings: set[str]) -> list[Raw]:
    out: list[Raw] = []
    base: PathT = ("permits", p)
    _ref(out, base + ("agency",), permit.get("agency"), agencies, AGENCY)
    _ref(out, base + ("sector",), permit.get("sector"), sectors, N_("Bidang"))
    _ref(out, base + ("routing",), permit.get("routing"), routings, N_("Alur"))
    own_types = permit.get("application_types")
    own_types = own_types if isinstance(own_types, list) else []
    for a, code in enumerate(own_types):
        _ref(out, base + ("application_types", a), code, app_types, APPLICATION_TYPE)
    by_type = permit.get("validity_by_type")
    for code in by_type if isinstance(by_type, dict) else ():
        if code not in own_types:
            out.append((base + ("validity_by_type", code), MSG_TYPE_NOT_SERVED.format(code=code)))
    for key in ("registration_number", "permit_number"):
        if isinstance(permit.get(key), str):
            out.extend((base + (key,), message) for message in validate_format(permit[key]))
    seen: set[str] = set()
    for r, req in _items(permit, "requirements"):
        key = req.get("key")
        if isinstance(key, str):
            if key in seen:
                out.append((base + ("requirements", r, "key"),
                            MSG_REQUIREMENT_TWICE.format(key=key)))
            seen.add(key)
        for a, code in enumerate(as_list(req.get("applies_to"))):
            if isinstance(code, str) and code not in own_types:
                out.append((base + ("requirements", r, "applies_to", a),
                            MSG_TYPE_NOT_SERVED.format(code=code)))
    return out


def renewal_window_issues(p: int, permit: dict, renewing: set[Any]) -> list[Raw]:
    """A renewal window belongs to a permit that can be renewed (one of its application
    types has the renewal effect) and that ends (a validity, its own or a type's)."""
    keys = [k for k in ("renewal_window_days_before", "renewal_grace_days_after")
            if permit.get(k) is not None]
    if not keys:
        return []
    path: PathT = ("permits", p, keys[0])
    if not renewing.intersection(as_list(permit.get("application_types"))):
        return [(path, MSG_WINDOW_NO_RENEWAL)]
    by_type = permit.get("validity_by_type")
    ends = [permit.get("validity"), *(by_type.values() if isinstance(by_type, dict) else ())]
    if not any(ends):
        return [(path, MSG_WINDOW_NO_END)]
    return []


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
                 MSG_MAP_NO_FIELD.format(key=key))]
    if top[key].get("type") != "geopoint":
        return [(("permits", p, "map", "field"),
                 MSG_MAP_NOT_GEOPOINT.format(key=key))]
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
                out.append((base + ("table",), MSG_LOOKUP_NO_TABLE))
            elif table not in lookups:
                out.append((base + ("table",), MSG_NO_TABLE.format(table=table)))
        if field.get("type") == "file":
            req = field.get("requirement")
            if not isinstance(req, str):
                out.append((base + ("requirement",), MSG_FILE_NO_REQUIREMENT))
            elif req not in keys:
                out.append((base + ("requirement",),
                            MSG_NO_REQUIREMENT.format(requirement=req)))
    return out


def _lookup_issues(t: int, table: dict) -> list[Raw]:
    out: list[Raw] = []
    base: PathT = ("lookups", t)
    columns: set[str] = set()
    for c, column in _items(table, "columns"):
        key = column.get("key")
        if isinstance(key, str):
            if key in columns:
                out.append((base + ("columns", c, "key"), MSG_COLUMN_TWICE.format(key=key)))
            columns.add(key)
    key_column = table.get("key_column")
    if isinstance(key_column, str) and columns and key_column not in columns:
        out.append((base + ("key_column",), MSG_NO_KEY_COLUMN.format(key=key_column)))
        key_column = None
    seen: set[Any] = set()
    for r, row in _items(table, "rows"):
        for key in row:
            if columns and key not in columns:
                out.append((base + ("rows", r, key), MSG_UNKNOWN_COLUMN.format(key=key)))
        if isinstance(key_column, str):
            value = row.get(key_column)
            if not isinstance(value, str | int | float):
                out.append((base + ("rows", r, key_column), MSG_KEY_REQUIRED))
            elif value in seen:
                out.append((base + ("rows", r, key_column),
                            MSG_KEY_TWICE.format(value=value)))
            seen.add(value)
    return out
