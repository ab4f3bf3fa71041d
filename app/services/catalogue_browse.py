"""Browsing a catalogue in the console: the kinds of items, search, pages, what the list and
detail screens show, and changes between two catalogues in an admin's words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

import catalogue as cat_lib
from catalogue.labels import ATTRIBUTES

from ..extensions import db
from ..i18n import N_, locale, marked_in, text
from ..models import CatalogueVersion, User, full_name
from . import pagination
from .errors import DomainError
from .pagination import Page, paginate_list


@dataclass(frozen=True)
class Kind:
    slug: str
    collection: str
    key: str
    label: str
    plural: str


# labels marked: the console's pages and an issue's location show them translated
KINDS: dict[str, Kind] = {k.slug: k for k in (
    Kind("instansi", "agencies", "code", N_("Instansi"), N_("Instansi")),
    Kind("bidang", "sectors", "code", N_("Bidang"), N_("Bidang")),
    Kind("izin", "permits", "code", N_("Jenis Izin"), N_("Jenis Izin")),
    Kind("alur", "routings", "code", N_("Alur"), N_("Alur Proses")),
    Kind("referensi", "lookups", "name", N_("Tabel Referensi"), N_("Tabel Referensi")),
    Kind("libur", "holidays", "date", N_("Hari Libur"), N_("Hari Libur")),
    Kind("jenis-permohonan", "application_types", "code", N_("Jenis Permohonan"),
         N_("Jenis Permohonan")),
    Kind("tindakan", "actions", "code", N_("Tindakan"), N_("Tindakan")),
    Kind("peran", "roles", "name", N_("Peran"), N_("Peran")),
)}
BY_COLLECTION = {k.collection: k for k in KINDS.values()}
OTHER_LABELS = {"application_types": N_("Jenis permohonan"), "roles": N_("Peran"),
                "actions": N_("Tindakan")}
FIELD_LABELS = ATTRIBUTES  # one list of what keys are called: catalogue/labels.py
PER_PAGE = 20


class ItemMissing(DomainError):
    pass


def kind_of(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        raise ItemMissing(N_("Jenis data katalog tidak dikenal."))
    return kind


def item_key(kind: Kind, item: dict) -> str:
    return str(item.get(kind.key, ""))


def item_name(kind: Kind, item: dict, locale: str = "id") -> str:
    value = item.get("title") if kind.collection == "lookups" else item.get("name")
    return text(value, locale)


def find(cat: cat_lib.Catalogue, kind: Kind, key: str) -> dict | None:
    return next((i for i in items_of(cat.document(), kind) if item_key(kind, i) == key), None)


def items_of(doc: dict, kind: Kind) -> list[dict]:
    value = doc.get(kind.collection)
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _haystack(kind: Kind, item: dict) -> str:
    parts = [item_key(kind, item), text(item.get("name"), "id"), text(item.get("name"), "en"),
             text(item.get("title"), "id"), text(item.get("description"), "id")]
    for extra in ("agency", "sector", "routing", "kind", "address"):
        parts.append(str(item.get(extra) or ""))
    return " ".join(parts).casefold()


def search(cat: cat_lib.Catalogue, kind: Kind, query: str = "") -> list[dict]:
    words = (query or "").casefold().split()
    items = items_of(cat.document(), kind)
    return [i for i in items if all(w in _haystack(kind, i) for w in words)]


def paginate(items: list, page: int | str | None, per_page: int = PER_PAGE) -> Page:
    return paginate_list(items, page, per_page)


def permits_using(cat: cat_lib.Catalogue, field: str, value: str) -> list[dict]:
    return [p for p in cat.permits if p.get(field) == value]


def user_label(user_id: int | None) -> str:
    user = db.session.get(User, user_id) if user_id else None
    if user is None:
        return "CLI / sistem"
    name = full_name(user)
    return f"{name} <{user.email}>" if name else user.email


def versions(page: int | str | None, per_page: int = PER_PAGE) -> Page:
    """One page of versions from SQL: each row carries its whole catalogue document."""
    return pagination.paginate(select(CatalogueVersion).order_by(
        CatalogueVersion.number.desc()), page, per_page)


# ---- what the browse screens show ---------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "instansi": ("Kode", "Nama", "Jenis", "Alamat"),
    "bidang": ("Kode", "Nama", "Instansi pembina", "Jumlah izin"),
    "izin": ("Kode", "Nama", "Instansi", "Bidang", "Lama proses", "Alur"),
    "alur": ("Kode", "Nama", "Langkah", "Dipakai izin"),
    "referensi": ("Nama", "Judul", "Kolom", "Baris"),
    "libur": ("Tanggal", "Nama", "Jenis"),
    "jenis-permohonan": ("Kode", "Nama", "Akibat bila disetujui", "Dipakai izin"),
    "tindakan": ("Kode", "Nama", "Dipakai alur"),
    "peran": ("Nama", "Keterangan", "Wewenang kantor"),
}
EFFECT_LABELS = {"new": N_("Izin baru"), "renewal": N_("Memperpanjang izin yang dipilih"),
                 "amendment": N_("Mengganti izin yang dipilih"),
                 "revocation": N_("Mencabut izin yang dipilih")}
POWER_LABELS = {"reopen": N_("Buka kembali permohonan kedaluwarsa"), "revoke": N_("Cabut izin")}
HOLIDAY_KINDS = {"national": N_("Libur nasional"), "cuti_bersama": N_("Cuti bersama")}


def label(labels: dict[str, str], code: str) -> str:
    """One of the labels above in the reader's language (an unknown code as it is)."""
    return marked_in(labels[code], locale()) if code in labels else code


def effect_label(cat: cat_lib.Catalogue, code: str) -> str:
    """What approving an application of this type does, in the reader's language."""
    return label(EFFECT_LABELS, cat.effect(code))


def cells(cat: cat_lib.Catalogue, kind: Kind, item: dict) -> list[str]:
    name = item_name(kind, item)
    if kind.slug == "instansi":
        return [item_key(kind, item), name, str(item.get("kind", "")),
                str(item.get("address", ""))]
    if kind.slug == "bidang":
        return [item_key(kind, item), name, str(item.get("agency", "")),
                str(len(permits_using(cat, "sector", item_key(kind, item))))]
    if kind.slug == "izin":
        return [item_key(kind, item), name, str(item.get("agency", "")),
                str(item.get("sector", "")), f"{item.get('sla_working_days', '-')} hari kerja",
                str(item.get("routing", ""))]
    if kind.slug == "alur":
        return [item_key(kind, item), name, str(len(item.get("steps") or [])),
                str(len(permits_using(cat, "routing", item_key(kind, item))))]
    if kind.slug == "referensi":
        return [item_key(kind, item), name, str(len(item.get("columns") or [])),
                str(len(item.get("rows") or []))]
    if kind.slug == "jenis-permohonan":
        code = item_key(kind, item)
        return [code, name, effect_label(cat, code),
                str(sum(1 for p in cat.permits if code in (p.get("application_types") or [])))]
    if kind.slug == "tindakan":
        code = item_key(kind, item)
        return [code, name, str(sum(1 for r in cat.routings if any(
            code in (s.get("actions") or {}) for s in r.get("steps") or [])))]
    if kind.slug == "peran":
        return [item_key(kind, item), text(item.get("description")),
                ", ".join(label(POWER_LABELS, p) for p in item.get("powers") or []) or "—"]
    return [item_key(kind, item), str(item.get("name", "")),
            label(HOLIDAY_KINDS, str(item.get("kind", "")))]


@dataclass(frozen=True)
class FieldRow:
    depth: int
    section: str
    field: dict


def form_outline(permit: dict) -> list[FieldRow]:
    """Every field of a permit's form with its section and nesting depth, in order."""
    rows: list[FieldRow] = []

    def walk(fields: Any, section: str, depth: int) -> None:
        for f in fields if isinstance(fields, list) else []:
            if isinstance(f, dict):
                rows.append(FieldRow(depth, section, f))
                walk(f.get("fields"), section, depth + 1)

    form = permit.get("form") if isinstance(permit.get("form"), dict) else {}
    for section in form.get("sections") or []:
        if isinstance(section, dict):
            walk(section.get("fields"), text(section.get("title")), 0)
    return rows


def row_matches(row: dict, query: str) -> bool:
    words = (query or "").casefold().split()
    hay = " ".join(str(v) for v in row.values()).casefold()
    return all(w in hay for w in words)


def short(value: Any, limit: int = 60) -> str:
    """A value as an admin reads it in a list of changes."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, dict) and "id" in value:
        value = " / ".join(str(value[k]) for k in ("id", "en") if value.get(k))
    elif isinstance(value, dict):
        value = ", ".join(f"{k} {v}" for k, v in value.items())
    elif isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def attribute_changes(old: cat_lib.Catalogue, new: cat_lib.Catalogue,
                      changes: cat_lib.CatalogueDiff) -> dict[str, list[tuple[str, str, str]]]:
    """For each changed permit: (label, before, after) of its changed scalar attributes."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for pc in changes.permit_changes:
        before, after = old.permit(pc.code) or {}, new.permit(pc.code) or {}
        out[pc.code] = [
            (FIELD_LABELS.get(attr, attr), short(before.get(attr)), short(after.get(attr)))
            for attr in pc.attributes]
    return out
