"""The catalogue console's commands: browsing a catalogue, the draft working copy, publishing.

The draft is one working copy of the whole catalogue document, based on a published version.
Admins edit items in it freely (an item may be invalid for a while); publishing validates the
whole draft and, only when it has no issue at all, makes it the next immutable version.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import catalogue as cat_lib
from catalogue.issues import parse_path

from ..extensions import db
from ..i18n import N_, locale, marked_in
from ..models import CatalogueDraft, CatalogueVersion
from . import catalogue_store as store
from .catalogue_browse import (
    BY_COLLECTION,
    FIELD_LABELS,
    KINDS,
    OTHER_LABELS,
    ItemMissing,
    Kind,
    find,
    item_key,
    items_of,
)
from .errors import DomainError

MSG_ROW_CHANGED = N_("Baris ini sudah berubah atau dihapus. Buka ulang tabelnya.")
MSG_ITEM_EXISTS = N_("{kind} dengan kode '{key}' sudah ada di draf.")
MSG_ITEM_MISSING = N_("{kind} '{key}' tidak ada di draf.")
MSG_CHILD_MISSING = N_("'{key}' tidak ada di draf.")
MSG_CHILD_KEY_TAKEN = N_("Kunci '{key}' sudah dipakai.")
MSG_ROW_KEY_TAKEN = N_("Kunci '{key}' sudah dipakai baris lain.")
MSG_DRAFT_STALE = N_("Draf ini dimulai dari versi {base}, sedangkan versi terkini sudah {current}. "
                     "Menerbitkan draf akan menggantikan perubahan versi terkini. Centang "
                     "konfirmasi bila memang itu yang diinginkan.")


class DraftMissing(DomainError):
    pass


class DraftStale(DomainError):
    pass


# ---- the draft ---------------------------------------------------------------------------

def get_draft() -> CatalogueDraft | None:
    return store.draft()


def require_draft() -> CatalogueDraft:
    draft = store.draft()
    if draft is None:
        raise DraftMissing(N_("Belum ada draf. Mulai draf dari versi terkini terlebih dahulu."))
    return draft


def start_draft(user_id: int | None) -> CatalogueDraft:
    """The existing draft, or a new one copied from the current version (or empty)."""
    draft = store.draft()
    if draft is not None:
        return draft
    version = store.current_version()
    content = store.catalogue_of(version).to_dict() if version else cat_lib.Catalogue({}).to_dict()
    draft = CatalogueDraft(content=content, base_number=version.number if version else None,
                           updated_by_id=user_id)
    db.session.add(draft)
    _audit(f"Draf katalog dimulai dari versi {version.number if version else '-'}", user_id)
    db.session.commit()
    return draft


def draft_catalogue(draft: CatalogueDraft) -> cat_lib.Catalogue:
    return cat_lib.Catalogue(draft.content)


def is_stale(draft: CatalogueDraft) -> bool:
    """True when a version was published after the draft was started."""
    version = store.current_version()
    return (version.number if version else None) != draft.base_number


def _store_content(draft: CatalogueDraft, content: dict, user_id: int | None,
                   what: str) -> None:
    """Every edit of the draft passes here, so each is in the audit log with what changed."""
    draft.content = content  # a new object, so the JSON column sees the change
    draft.updated_by_id = user_id
    _audit(what, user_id)
    db.session.commit()


def _audit(what: str, user_id: int | None) -> None:
    from ..models import User
    from . import audit

    audit.record("config.catalogue_draft", what, subject="draf katalog",
                 user=db.session.get(User, user_id) if user_id else None)


def _upsert(entries: list, entry: dict, key_of, original, *, duplicate: Exception,
            missing: Exception) -> None:
    """Replaces the entry keyed `original` (or appends when that is None) with `entry`;
    `duplicate` when another entry already has `entry`'s key, `missing` when `original` is
    gone."""
    new_key = key_of(entry)
    position = None
    for index, existing in enumerate(entries):
        key = key_of(existing) if isinstance(existing, dict) else None
        if original is not None and key == original:
            position = index
        elif key == new_key:
            raise duplicate
    if original is not None and position is None:
        raise missing
    if position is None:
        entries.append(entry)
    else:
        entries[position] = entry


def save_item(kind: Kind, original_key: str | None, item: dict, user_id: int | None) -> str:
    """Puts `item` in the draft: replaces `original_key`, or adds it when that is None."""
    draft = require_draft()
    content = copy.deepcopy(draft.content)
    items = content.setdefault(kind.collection, [])
    new_key = item_key(kind, item)
    _upsert(items, item, lambda i: item_key(kind, i), original_key,
            duplicate=DomainError(MSG_ITEM_EXISTS.format(kind=kind.label, key=new_key),
                                  field=kind.key),
            missing=ItemMissing(MSG_ITEM_MISSING.format(kind=kind.label, key=original_key)))
    _store_content(draft, content, user_id, f"{kind.label} '{new_key}' disimpan di draf")
    return new_key


def delete_item(kind: Kind, key: str, user_id: int | None) -> None:
    draft = require_draft()
    content = copy.deepcopy(draft.content)
    items = content.get(kind.collection) or []
    kept = [i for i in items if not (isinstance(i, dict) and item_key(kind, i) == key)]
    if len(kept) == len(items):
        raise ItemMissing(MSG_ITEM_MISSING.format(kind=kind.label, key=key))
    content[kind.collection] = kept
    _store_content(draft, content, user_id, f"{kind.label} '{key}' dihapus dari draf")


def draft_item(kind: Kind, key: str) -> dict:
    item = find(draft_catalogue(require_draft()), kind, key)
    if item is None:
        raise ItemMissing(MSG_ITEM_MISSING.format(kind=kind.label, key=key))
    return copy.deepcopy(item)


def save_child(kind: Kind, key: str, child_list: str, child_key: str,
               original: str | None, child: dict, user_id: int | None) -> None:
    """A keyed child of an item (a permit's requirement) replaced or added."""
    item = draft_item(kind, key)
    _upsert(item.setdefault(child_list, []), child, lambda c: c.get(child_key), original,
            duplicate=DomainError(MSG_CHILD_KEY_TAKEN.format(key=child.get(child_key)),
                                  field=child_key),
            missing=ItemMissing(MSG_CHILD_MISSING.format(key=original)))
    save_item(kind, key, item, user_id)


def delete_child(kind: Kind, key: str, child_list: str, child_key: str, value: str,
                 user_id: int | None) -> None:
    item = draft_item(kind, key)
    children = item.get(child_list) or []
    kept = [c for c in children if not (isinstance(c, dict) and c.get(child_key) == value)]
    if len(kept) == len(children):
        raise ItemMissing(MSG_CHILD_MISSING.format(key=value))
    item[child_list] = kept
    save_item(kind, key, item, user_id)


def save_row(table_name: str, index: int | None, original_key: Any, row: dict,
             user_id: int | None) -> None:
    """A lookup-table row replaced (index + the key it had when the form was opened) or added."""
    kind = KINDS["referensi"]
    table = draft_item(kind, table_name)
    rows = table.setdefault("rows", [])
    column = table.get("key_column")
    for i, existing in enumerate(rows):
        if i != index and isinstance(existing, dict) and existing.get(column) == row.get(column):
            raise DomainError(MSG_ROW_KEY_TAKEN.format(key=row.get(column)), field=column)
    if index is None:
        rows.append(row)
    else:
        if not (0 <= index < len(rows)) or rows[index].get(column) != original_key:
            raise ItemMissing(MSG_ROW_CHANGED)
        rows[index] = row
    save_item(kind, table_name, table, user_id)


def delete_row(table_name: str, index: int, original_key: Any, user_id: int | None) -> None:
    kind = KINDS["referensi"]
    table = draft_item(kind, table_name)
    rows = table.get("rows") or []
    column = table.get("key_column")
    if not (0 <= index < len(rows)) or rows[index].get(column) != original_key:
        raise ItemMissing(MSG_ROW_CHANGED)
    del rows[index]
    save_item(kind, table_name, table, user_id)


def draft_changes(draft: CatalogueDraft) -> cat_lib.CatalogueDiff:
    return store.preview(draft.content)


def publish_draft(user_id: int | None, note: str = "", *, confirm_stale: bool = False
                  ) -> CatalogueVersion:
    """Validates the whole draft and publishes it as the next version; the draft goes away."""
    draft = require_draft()
    if is_stale(draft) and not confirm_stale:
        current = store.current_version()
        raise DraftStale(MSG_DRAFT_STALE.format(base=draft.base_number or "-",
                                                current=current.number if current else "-"))
    current = store.current_version()
    base = store.get_version(draft.base_number) if draft.base_number else None
    assets = store.assets_of(current or base)
    source = f"konsol (draf dari versi {draft.base_number})" if draft.base_number else "konsol"
    version = store.publish(draft.content, assets, source=source, note=note, user_id=user_id)
    db.session.delete(draft)
    db.session.commit()
    return version


def discard_draft(user_id: int | None = None) -> None:
    draft = require_draft()
    db.session.delete(draft)
    _audit("Draf katalog dibuang", user_id)
    db.session.commit()


# ---- issues, located where the admin fixes them -------------------------------------------

MSG_CATALOGUE, MSG_REQUIREMENT, MSG_ROW, MSG_STEP = (
    N_("Katalog"), N_("persyaratan"), N_("baris"), N_("langkah"))


@dataclass(frozen=True)
class Place:
    """One step of an issue's location: a word for people, marked for translation
    ("persyaratan", "Jenis Izin", "Formulir"), and a code as the catalogue writes it ("ktp",
    "form.sections[0]"), never translated. Kept apart so that a page words the location in
    its reader's language when it shows it, not when the issue was found."""

    label: str = ""
    value: str = ""
    bracketed: bool = False  # "Formulir (form.sections[0])": the admin's word, then the key

    def shown(self, lang: str) -> str:
        label = marked_in(self.label, lang) if self.label else ""
        if not (label and self.value):
            return label or self.value
        return f"{label} ({self.value})" if self.bracketed else f"{label} {self.value}"


@dataclass(frozen=True)
class LocatedIssue:
    message: str
    places: tuple[Place, ...]  # Jenis Izin SIP-DOKTER › persyaratan ktp › formats
    kind: str | None = None  # console kind slug, when the issue sits in an editable item
    key: str | None = None
    field: str | None = None  # first key inside the item ("fee", "form", "requirements")
    child: str | None = None  # e.g. the requirement key for requirements[i]
    rest: str = ""

    def where_in(self, lang: str) -> str:
        return " › ".join(place.shown(lang) for place in self.places)

    @property
    def where(self) -> str:
        """The location in the reader's language (Indonesian outside a request)."""
        return self.where_in(locale())

    @property
    def parts(self) -> list[str]:
        """Each place in the reader's language: a narrow page breaks the line between them."""
        return [place.shown(locale()) for place in self.places]


def _child_place(item: dict, field: str | None, tail: tuple) -> tuple[Place, str | None] | None:
    """The place of the child `tail` starts with (a requirement, a row, a step) and the key
    the console's pages know it by; None when `tail` does not start at a child."""
    if field not in ("requirements", "rows", "steps") or not tail or not isinstance(tail[0], int):
        return None
    index = tail[0]
    if field == "rows":
        return Place(MSG_ROW, str(index + 1)), str(index)
    children = item.get(field) or []
    child = children[index] if index < len(children) and isinstance(children[index], dict) else {}
    if field == "steps":
        return Place(MSG_STEP, str(child.get("key") or index + 1)), None
    key = str(child.get("key") or f"#{index + 1}")
    return Place(MSG_REQUIREMENT, key), key


def locate(doc: dict, issue: cat_lib.CatalogueIssue) -> LocatedIssue:
    path = parse_path(issue.path)
    if len(path) < 2 or not isinstance(path[1], int):
        label = OTHER_LABELS.get(str(path[0])) if path else MSG_CATALOGUE
        return LocatedIssue(issue.message, (Place(label or "", "" if label else str(path[0])),))
    collection, index, rest = str(path[0]), path[1], path[2:]
    items = doc.get(collection) if isinstance(doc.get(collection), list) else []
    item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
    kind = BY_COLLECTION.get(collection)
    if kind is None:
        key = item.get("code") or item.get("name") or f"#{index + 1}"
        label = OTHER_LABELS.get(collection)
        return LocatedIssue(issue.message, (Place(label or collection, str(key)),))
    key = item_key(kind, item) or f"#{index + 1}"
    places = [Place(kind.label, key)]
    field = str(rest[0]) if rest else None
    child = None
    tail = rest[1:]
    found = _child_place(item, field, tail)
    if found is not None:
        places.append(found[0])
        child = found[1]
        tail = tail[1:]
    rest_text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in tail).lstrip(".")
    if field and field not in ("requirements", "rows", "steps"):
        shown = field + ("." + rest_text if rest_text else "")
        places.append(Place(FIELD_LABELS.get(field, ""), shown, bracketed=True))
    elif rest_text:
        places.append(Place("", rest_text))
    return LocatedIssue(issue.message, tuple(places), kind.slug, key, field, child, rest_text)


def draft_issues(doc: dict, assets: dict[str, bytes] | None = None) -> list[LocatedIssue]:
    assets = current_assets() if assets is None else assets
    return [locate(doc, i) for i in store.check(doc, assets)]


def item_issues(doc: dict, kind: Kind, key: str,
                assets: dict[str, bytes] | None = None) -> list[LocatedIssue]:
    """Issues inside one item, from a quick check: the other permits are left out (a permit
    refers to other collections, never to another permit)."""
    reduced = dict(doc)
    if kind.collection == "permits":
        reduced["permits"] = [p for p in items_of(doc, kind) if item_key(kind, p) == key]
    else:
        reduced["permits"] = []
    assets = current_assets() if assets is None else assets
    found = [locate(reduced, i) for i in store.check(reduced, assets)]
    return [i for i in found if i.kind == kind.slug and i.key == key]


def current_assets() -> dict[str, bytes]:
    return store.assets_of(store.current_version())
