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
from ..i18n import N_
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

@dataclass(frozen=True)
class LocatedIssue:
    message: str
    where: str  # human words: "Jenis Izin SIP-DOKTER › persyaratan ktp › formats"
    kind: str | None = None  # console kind slug, when the issue sits in an editable item
    key: str | None = None
    field: str | None = None  # first key inside the item ("fee", "form", "requirements")
    child: str | None = None  # e.g. the requirement key for requirements[i]
    rest: str = ""


def locate(doc: dict, issue: cat_lib.CatalogueIssue) -> LocatedIssue:
    path = parse_path(issue.path)
    if len(path) < 2 or not isinstance(path[1], int):
        label = OTHER_LABELS.get(str(path[0]), str(path[0])) if path else "Katalog"
        return LocatedIssue(issue.message, label)
    collection, index, rest = str(path[0]), path[1], path[2:]
    items = doc.get(collection) if isinstance(doc.get(collection), list) else []
    item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
    kind = BY_COLLECTION.get(collection)
    if kind is None:
        label = OTHER_LABELS.get(collection, collection)
        key = item.get("code") or item.get("name") or f"#{index + 1}"
        return LocatedIssue(issue.message, f"{label} {key}")
    key = item_key(kind, item) or f"#{index + 1}"
    where = [f"{kind.label} {key}"]
    field = str(rest[0]) if rest else None
    child = None
    tail = rest[1:]
    if field == "requirements" and tail and isinstance(tail[0], int):
        reqs = item.get("requirements") or []
        req = reqs[tail[0]] if tail[0] < len(reqs) and isinstance(reqs[tail[0]], dict) else {}
        child = str(req.get("key") or f"#{tail[0] + 1}")
        where.append(f"persyaratan {child}")
        tail = tail[1:]
    elif field == "rows" and tail and isinstance(tail[0], int):
        child = str(tail[0])
        where.append(f"baris {tail[0] + 1}")
        tail = tail[1:]
    elif field == "steps" and tail and isinstance(tail[0], int):
        steps = item.get("steps") or []
        step = steps[tail[0]] if tail[0] < len(steps) and isinstance(steps[tail[0]], dict) else {}
        where.append(f"langkah {step.get('key') or tail[0] + 1}")
        tail = tail[1:]
    rest_text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in tail).lstrip(".")
    if field and field not in ("requirements", "rows", "steps"):
        label = FIELD_LABELS.get(field)
        shown = field + ("." + rest_text if rest_text else "")
        where.append(f"{label} ({shown})" if label else shown)
    elif rest_text:
        where.append(rest_text)
    return LocatedIssue(issue.message, " › ".join(where), kind.slug, key, field, child,
                        rest_text)


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
