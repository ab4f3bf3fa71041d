"""The console's form builder: operations on a permit's form definition (sections, fields,
repeating groups, rules), so an admin composes a form without writing JSON. Each operation
takes the definition as it is in the draft and returns the changed copy; the caller stores
it (`catalogue_console.save_item`), and the catalogue's validation judges the result.

Fields are addressed by their key (unique in a form), sections by position.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from forms_schema import FIELD_TYPES

from ..i18n import N_
from .errors import DomainError

MSG_ORDER_STALE = N_("Urutan tidak cocok dengan isi formulir. Muat ulang halaman.")
MSG_RULE_GONE = N_("Aturan ini tidak ada lagi. Muat ulang halaman.")
MSG_NO_FIELD = N_("Isian '{key}' tidak ada di formulir ini.")
MSG_KEY_TAKEN = N_("Kunci '{key}' sudah dipakai isian lain.")
MSG_KEY_REQUIRED = N_("Kunci wajib diisi.")
MSG_UNKNOWN_TYPE = N_("Jenis isian '{type}' tidak dikenal.")
KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
EMPTY_FORM = {"sections": []}


class BuilderError(DomainError):
    pass


def definition(permit: dict) -> dict:
    form = permit.get("form")
    return copy.deepcopy(form) if isinstance(form, dict) else copy.deepcopy(EMPTY_FORM)


@dataclass(frozen=True)
class Place:
    """Where a field sits: the list holding it, its position, and the group it is in."""

    siblings: list
    index: int
    group: dict | None
    section: int


def sections(form: dict) -> list[dict]:
    found = form.setdefault("sections", [])
    if not isinstance(found, list):
        raise BuilderError(N_("Formulir rusak: 'sections' bukan daftar. Perbaiki lewat JSON."))
    return found


def walk(form: dict) -> Iterator[tuple[dict, Place]]:
    for s, section in enumerate(sections(form)):
        fields = section.get("fields") if isinstance(section, dict) else None
        for i, field in enumerate(fields if isinstance(fields, list) else ()):
            if not isinstance(field, dict):
                continue
            yield field, Place(fields, i, None, s)
            subs = field.get("fields")
            for j, sub in enumerate(subs if isinstance(subs, list) else ()):
                if isinstance(sub, dict):
                    yield sub, Place(subs, j, field, s)


def find(form: dict, key: str) -> tuple[dict, Place]:
    for field, place in walk(form):
        if field.get("key") == key:
            return field, place
    raise BuilderError(MSG_NO_FIELD.format(key=key))


def keys(form: dict) -> set[str]:
    return {f.get("key") for f, _ in walk(form) if isinstance(f.get("key"), str)}


def clean_key(raw: str, taken: set[str]) -> str:
    key = (raw or "").strip().lower().replace(" ", "_").replace("-", "_")
    if not key:
        raise BuilderError(MSG_KEY_REQUIRED, field="key")
    if not KEY.fullmatch(key):
        raise BuilderError(N_("Kunci harus diawali huruf kecil dan hanya berisi huruf kecil, angka "
                              "dan _ (mis. luas_lahan)."), field="key")
    if key in taken:
        raise BuilderError(MSG_KEY_TAKEN.format(key=key), field="key")
    return key


# sections --------------------------------------------------------------------------------
def slug_key(text: str, taken: set[str], fallback: str = "bagian") -> str:
    """A key from words an admin typed ("Data Lokasi Usaha" -> data_lokasi_usaha): accents
    folded, anything else to _, a letter first, not one of `taken` (_2, _3, ...). The same
    rule suggests a field's key in the builder's page (static/js/catalogue-builder.js)."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")
    if not base[:1].isalpha():
        base = f"{fallback}_{base}".rstrip("_")
    base = base[:56].rstrip("_")
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _section_keys(form: dict) -> set[str]:
    return {s.get("key") for s in sections(form)
            if isinstance(s, dict) and isinstance(s.get("key"), str)}


def add_section(form: dict, title_id: str, title_en: str = "", key: str = "") -> int:
    """A new section, keyed (a key typed, else one from its title): the workbook export
    writes a form as rows only when every section has a key the Fields sheet can name."""
    if not title_id.strip():
        raise BuilderError(N_("Judul bagian wajib diisi."), field="title_id")
    taken = _section_keys(form)
    key = clean_key(key, taken) if key.strip() else slug_key(title_id, taken)
    sections(form).append({"key": key, "title": _text(title_id, title_en), "fields": []})
    return len(sections(form)) - 1


def key_sections(form: dict) -> None:
    """Gives every section without a key one from its title (forms built before sections
    were keyed), so the builder's next save makes the form exportable as rows."""
    taken = _section_keys(form)
    for section in sections(form):
        if isinstance(section, dict) and not isinstance(section.get("key"), str):
            title = section.get("title")
            words = title.get("id", "") if isinstance(title, dict) else str(title or "")
            section["key"] = slug_key(words, taken)
            taken.add(section["key"])


def section_at(form: dict, index: int) -> dict:
    found = sections(form)
    if not 0 <= index < len(found) or not isinstance(found[index], dict):
        raise BuilderError(N_("Bagian ini tidak ada lagi. Muat ulang halaman."))
    return found[index]


def delete_section(form: dict, index: int) -> None:
    section = section_at(form, index)
    if section.get("fields"):
        raise BuilderError(N_("Kosongkan bagian ini (hapus atau pindahkan isiannya) sebelum "
                              "menghapusnya."))
    del sections(form)[index]


def move(items: list, index: int, offset: int) -> int:
    target = index + offset
    if not 0 <= index < len(items) or not 0 <= target < len(items):
        return index
    items.insert(target, items.pop(index))
    return target


def reorder(items: list, order: list[str], key_of) -> None:
    """Puts `items` in the order of their keys in `order` (the drag-and-drop result); every
    item must be named exactly once, so a stale page cannot drop one."""
    by_key = {key_of(item): item for item in items}
    if sorted(order) != sorted(by_key):
        raise BuilderError(MSG_ORDER_STALE)
    items[:] = [by_key[k] for k in order]


# fields ----------------------------------------------------------------------------------
def starter(type_name: str, key: str, label_id: str, label_en: str, context: dict) -> dict:
    """A new field of a type, with what that type cannot do without (the admin refines it in
    its property form)."""
    if type_name not in FIELD_TYPES:
        raise BuilderError(MSG_UNKNOWN_TYPE.format(type=type_name), field="type")
    if not label_id.strip():
        raise BuilderError(N_("Label isian wajib diisi."), field="label_id")
    field: dict[str, Any] = {"key": key, "type": type_name, "label": _text(label_id, label_en)}
    if type_name in ("select", "multiselect", "radio"):
        field["options"] = [{"value": "ya", "label": {"id": "Ya", "en": "Yes"}},
                            {"value": "tidak", "label": {"id": "Tidak", "en": "No"}}]
    elif type_name == "file":
        field["requirement"] = (context.get("requirements") or [""])[0]
    elif type_name == "group":
        field["fields"] = [{"key": f"{key}_keterangan", "type": "text",
                            "label": {"id": "Keterangan", "en": "Description"}}]
    return field


def add_field(form: dict, where: str, type_name: str, raw_key: str, label_id: str,
              label_en: str = "", context: dict | None = None) -> str:
    """`where` is "s<index>" (a section) or "g:<key>" (a repeating group)."""
    key = clean_key(raw_key, keys(form))
    field = starter(type_name, key, label_id, label_en, context or {})
    if where.startswith("g:"):
        group, _place = find(form, where[2:])
        if group.get("type") != "group":
            raise BuilderError(N_("Isian hanya dapat ditambahkan ke grup berulang."))
        if type_name == "group":
            raise BuilderError(N_("Grup berulang tidak dapat berada di dalam grup."), field="type")
        group.setdefault("fields", []).append(field)
    else:
        section_at(form, _index(where)).setdefault("fields", []).append(field)
    return key


def replace_field(form: dict, key: str, spec: dict) -> str:
    _field, place = find(form, key)
    if spec.get("key") != key:
        spec["key"] = clean_key(spec.get("key", ""), keys(form) - {key})
    place.siblings[place.index] = spec
    return spec["key"]


def delete_field(form: dict, key: str) -> None:
    _field, place = find(form, key)
    if place.group is not None and len(place.siblings) == 1:
        raise BuilderError(N_("Grup berulang memerlukan minimal satu isian."))
    del place.siblings[place.index]


def move_field(form: dict, key: str, offset: int) -> None:
    """One place up or down; past the top or bottom of a section, into the neighbouring one
    (fields of a group stay in their group)."""
    field, place = find(form, key)
    target = place.index + offset
    if 0 <= target < len(place.siblings) or place.group is not None:
        move(place.siblings, place.index, offset)
        return
    neighbour = place.section + offset
    if not 0 <= neighbour < len(sections(form)):
        return
    del place.siblings[place.index]
    fields = section_at(form, neighbour).setdefault("fields", [])
    fields.insert(len(fields) if offset < 0 else 0, field)


def _index(where: str) -> int:
    if not re.fullmatch(r"s\d{1,3}", where or ""):
        raise BuilderError(N_("Tempat isian tidak dikenal."))
    return int(where[1:])


def _text(text_id: str, text_en: str = "") -> dict:
    value = {"id": text_id.strip()}
    if text_en.strip():
        value["en"] = text_en.strip()
    return value


# what an expression may read -----------------------------------------------------------
def scope(form: dict, *, key: str | None = None, section: int | None = None,
          group: str | None = None) -> dict[str, dict]:
    """Field definitions an expression may name: the top-level fields (for a section's
    condition: those of other sections), plus the sub-fields of the group the field sits in
    (or of `group`, for a row rule)."""
    found: dict[str, dict] = {}
    for field, place in walk(form):
        if place.group is None and not (section is not None and place.section == section):
            found[field.get("key")] = field
    owner = group
    if key is not None and owner is None:
        _field, place = find(form, key)
        owner = place.group.get("key") if place.group is not None else None
    if owner is not None:
        grouped, _place = find(form, owner)
        found.update({sub.get("key"): sub for sub in grouped.get("fields") or []
                      if isinstance(sub, dict)})
    return {k: v for k, v in found.items() if isinstance(k, str) and k != key}


def rules_of(form: dict, group: str | None = None) -> list:
    owner = form if group is None else find(form, group)[0]
    rules = owner.get("rules")
    return rules if isinstance(rules, list) else []


def put_rule(form: dict, group: str | None, index: int | None, rule: dict) -> None:
    """Adds (index None) or replaces a rule of the form or of a group (its rows)."""
    if not str(rule.get("check", "")).strip():
        raise BuilderError(N_("Syarat aturan wajib diisi."), field="check")
    if not rule.get("message", {}).get("id"):
        raise BuilderError(N_("Pesan aturan wajib diisi."), field="message_id")
    owner = form if group is None else find(form, group)[0]
    rules = owner.setdefault("rules", [])
    if index is None:
        rules.append(rule)
    elif 0 <= index < len(rules):
        rules[index] = rule
    else:
        raise BuilderError(MSG_RULE_GONE)


def delete_rule(form: dict, group: str | None, index: int) -> None:
    owner = form if group is None else find(form, group)[0]
    rules = owner.get("rules") or []
    if not 0 <= index < len(rules):
        raise BuilderError(MSG_RULE_GONE)
    del rules[index]
    if not rules:
        owner.pop("rules", None)


def reorder_sections(form: dict, order: list[str]) -> None:
    """Sections by their old positions ("0", "2", "1"), as the page listed them."""
    found = sections(form)
    if sorted(order) != sorted(str(i) for i in range(len(found))):
        raise BuilderError(MSG_ORDER_STALE)
    found[:] = [found[int(i)] for i in order]
