"""What changes between two catalogue versions, for the admin who is about to publish.

An import replaces the whole catalogue; before confirming it, the console shows this summary
(in Indonesian) so an accidental deletion of a permit or a lookup table is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .labels import attribute, named
from .model import Catalogue
from .references import as_list, iter_form_fields


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    # key -> what the admin calls the item (its name or title, new or else old)
    names: dict = field(default_factory=dict, compare=False, hash=False)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def name(self, key: str) -> str:
        """"Dinas Pariwisata (DISPAR)": the admin's word first, the key after."""
        return named(key, self.names.get(key))


@dataclass(frozen=True)
class PermitChange:
    code: str
    attributes: tuple[str, ...] = ()  # top-level keys that changed (other than form/reqs)
    fields: Changes = field(default_factory=Changes)
    requirements: Changes = field(default_factory=Changes)
    # key -> what the admin calls it (field labels, requirement names), old or new
    names: dict = field(default_factory=dict, compare=False, hash=False)

    def name(self, key: str) -> str:
        return named(key, self.names.get(key))


@dataclass(frozen=True)
class LookupChange:
    name: str
    rows_before: int
    rows_after: int
    columns_changed: bool
    rows_changed: bool


@dataclass(frozen=True)
class CatalogueDiff:
    agencies: Changes
    sectors: Changes
    roles: Changes
    application_types: Changes
    actions: Changes
    routings: Changes
    permits: Changes
    permit_changes: tuple[PermitChange, ...]
    lookups: Changes
    lookup_changes: tuple[LookupChange, ...]
    holidays: Changes

    @property
    def is_empty(self) -> bool:
        return not any((self.agencies, self.sectors, self.roles, self.application_types,
                        self.actions, self.routings, self.permits, self.lookups, self.holidays))

    def summary(self) -> str:
        if self.is_empty:
            return "Tidak ada perubahan."
        lines: list[str] = []
        for label, changes in (("Instansi", self.agencies), ("Bidang", self.sectors),
                               ("Peran", self.roles), ("Jenis permohonan", self.application_types),
                               ("Tindakan", self.actions),
                               ("Alur", self.routings), ("Izin", self.permits),
                               ("Tabel referensi", self.lookups), ("Hari libur", self.holidays)):
            lines.extend(_lines(label, changes))
        for pc in self.permit_changes:
            parts = []
            if pc.attributes:
                parts.append(", ".join(attribute(a) for a in pc.attributes) + " diubah")
            for label, ch in (("isian", pc.fields), ("persyaratan", pc.requirements)):
                for verb, keys in (("ditambah", ch.added), ("dihapus", ch.removed),
                                   ("diubah", ch.changed)):
                    if keys:
                        parts.append(f"{label} {verb}: {', '.join(map(pc.name, keys))}")
            lines.append(f"  Izin {pc.code}: " + "; ".join(parts) + ".")
        for lc in self.lookup_changes:
            what = f"{lc.rows_before} -> {lc.rows_after} baris"
            if lc.columns_changed:
                what += ", kolom berubah"
            lines.append(f"  Tabel {lc.name}: {what}.")
        return "\n".join(lines)


def _lines(label: str, changes: Changes) -> list[str]:
    out = []
    for verb, keys in (("ditambah", changes.added), ("dihapus", changes.removed),
                       ("diubah", changes.changed)):
        if keys:
            out.append(f"{label} {verb} ({len(keys)}): {', '.join(map(changes.name, keys))}")
    return out


def _keyed(items: list[dict], key: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for item in items:
        if isinstance(item, dict):
            out.setdefault(str(item.get(key)), item)
    return out


def _compare(old: dict[str, Any], new: dict[str, Any], label: str = "name") -> Changes:
    """What was added, removed or changed by key; `label` names the item's own words (the
    name of an agency or permit, the title of a lookup table, a holiday's name)."""
    names = {k: item.get(label) for k, item in {**old, **new}.items()
             if isinstance(item, dict) and item.get(label)}
    return Changes(
        added=tuple(k for k in new if k not in old),
        removed=tuple(k for k in old if k not in new),
        changed=tuple(k for k in new if k in old and old[k] != new[k]),
        names=names,
    )


def _fields(permit: dict) -> dict[str, dict]:
    """Fields by dotted key (group.sub), children compared separately from their group."""
    out: dict[str, dict] = {}
    names: dict[tuple, str] = {}
    for path, f in iter_form_fields(permit.get("form")):
        parent = names.get(path[:-2], "") if len(path) > 3 else ""
        dotted = f"{parent}.{f.get('key')}" if parent else str(f.get("key"))
        names[path] = dotted
        out.setdefault(dotted, {k: v for k, v in f.items() if k != "fields"})
    return out


def diff(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    old_permits, new_permits = _keyed(old.permits, "code"), _keyed(new.permits, "code")
    permits = _compare(old_permits, new_permits)
    permit_changes = []
    for code in permits.changed:
        a, b = old_permits[code], new_permits[code]
        attrs = tuple(k for k in dict.fromkeys([*a, *b])
                      if k not in ("form", "requirements") and a.get(k) != b.get(k))
        reqs = _compare(_keyed(as_list(a.get("requirements")), "key"),
                        _keyed(as_list(b.get("requirements")), "key"))
        old_fields, new_fields = _fields(a), _fields(b)
        fields = _compare(old_fields, new_fields)
        if a.get("form") != b.get("form") and not fields:
            attrs += ("form",)  # e.g. sections renamed or reordered
        names = {k: f.get("label") for k, f in {**old_fields, **new_fields}.items()}
        names |= {r.get("key"): r.get("name") for r in [*as_list(a.get("requirements")),
                                                        *as_list(b.get("requirements"))]
                  if isinstance(r, dict)}
        permit_changes.append(PermitChange(code, attrs, fields, reqs, names))
    old_lookups, new_lookups = _keyed(old.lookups, "name"), _keyed(new.lookups, "name")
    lookups = _compare(old_lookups, new_lookups, "title")
    lookup_changes = tuple(
        LookupChange(name, len(as_list(old_lookups[name].get("rows"))),
                     len(as_list(new_lookups[name].get("rows"))),
                     old_lookups[name].get("columns") != new_lookups[name].get("columns"),
                     old_lookups[name].get("rows") != new_lookups[name].get("rows"))
        for name in lookups.changed
    )
    return CatalogueDiff(
        agencies=_compare(_keyed(old.agencies, "code"), _keyed(new.agencies, "code")),
        sectors=_compare(_keyed(old.sectors, "code"), _keyed(new.sectors, "code")),
        roles=_compare(_keyed(old.roles, "name"), _keyed(new.roles, "name")),
        application_types=_compare(_keyed(old.application_types, "code"),
                                   _keyed(new.application_types, "code")),
        actions=_compare(_keyed(old.actions, "code"), _keyed(new.actions, "code")),
        routings=_compare(_keyed(old.routings, "code"), _keyed(new.routings, "code")),
        permits=permits,
        permit_changes=tuple(permit_changes),
        lookups=lookups,
        lookup_changes=lookup_changes,
        holidays=_compare(_keyed(old.holidays, "date"), _keyed(new.holidays, "date")),
    )
