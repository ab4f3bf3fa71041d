"""The catalogue as one JSON-native document with typed lookups on top.

Everything that differs between permits lives in this document, so the web shell can render
wizards and route applications for permit types it has never heard of. The object is a thin
wrapper: `to_dict()` gives back plain JSON, and `digest()` names a published version so an
application can stay pinned to the catalogue it was filed under.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# What an application type does when it is approved (its `effect`): issue a new permit, or act
# on one of the applicant's issued permits, chosen in the wizard: extend it (a new document
# whose validity continues the old one's), replace it (same term, changed content), or revoke
# it (no new permit). The codes are data; the effects are the language.
NEW, RENEWAL, AMENDMENT, REVOCATION = "new", "renewal", "amendment", "revocation"
EFFECTS = (NEW, RENEWAL, AMENDMENT, REVOCATION)
ON_ISSUED_PERMIT = (RENEWAL, AMENDMENT, REVOCATION)  # the applicant picks the permit
DEFAULT_APPLICATION_TYPES = [
    {"code": "baru", "name": {"id": "Baru", "en": "New"}, "effect": NEW},
    {"code": "perpanjangan", "name": {"id": "Perpanjangan", "en": "Renewal"}, "effect": RENEWAL},
    {"code": "perubahan", "name": {"id": "Perubahan", "en": "Amendment"}, "effect": AMENDMENT},
    {"code": "pencabutan", "name": {"id": "Pencabutan", "en": "Revocation"},
     "effect": REVOCATION},
]
# What a routing step's actions are called on buttons, in the audit trail and the API
DEFAULT_ACTIONS = [
    {"code": "lanjut", "name": {"id": "Teruskan", "en": "Forward"}},
    {"code": "revisi", "name": {"id": "Kembalikan untuk Revisi", "en": "Return for revision"}},
    {"code": "tolak", "name": {"id": "Tolak", "en": "Reject"}},
    {"code": "terbitkan", "name": {"id": "Setujui & Terbitkan", "en": "Approve & issue"}},
    {"code": "kembalikan", "name": {"id": "Kembalikan ke Verifikasi",
                                    "en": "Return to verification"}},
    {"code": "rekomendasi", "name": {"id": "Beri Rekomendasi", "en": "Recommend"}},
    {"code": "setuju", "name": {"id": "Setujui", "en": "Approve"}},
]
# Powers of the office that no routing step names: reopening an expired application for
# revision, revoking an issued permit. A role holds them as data ("powers").
POWERS = ("reopen", "revoke")
DEFAULT_ROLES = [
    {"name": "Verifikator", "description": {"id": "Memeriksa kelengkapan berkas",
                                            "en": "Checks completeness"},
     "powers": ["reopen"]},
    {"name": "Tim Teknis", "description": {"id": "Memberi rekomendasi teknis Dinas",
                                           "en": "Gives the agency's technical advice"}},
    {"name": "Penandatangan", "description": {"id": "Menyetujui dan menandatangani (TTE)",
                                              "en": "Approves and signs"},
     "powers": ["revoke"]},
    {"name": "Admin Katalog", "description": {"id": "Mengelola katalog perizinan",
                                              "en": "Maintains the permit catalogue"}},
    {"name": "Helpdesk", "description": {"id": "Menjawab chat dan pengaduan",
                                         "en": "Answers chat and complaints"}},
    {"name": "Super Admin", "description": {"id": "Mengelola pengguna dan hak akses",
                                            "en": "Manages users and permissions"},
     "powers": ["reopen", "revoke"]},
]
COLLECTIONS = ("application_types", "actions", "agencies", "sectors", "roles", "routings",
               "permits", "lookups", "holidays")
# Collections stored one file per item are kept in key order, so the content (and its digest)
# does not depend on the order files were listed or rows were typed.
_SORT_KEYS = {"routings": "code", "permits": "code", "lookups": "name", "holidays": "date"}
PERMIT_AGENCY = "@permit"


def _sort_key(field: str):
    def key(item: Any) -> str:
        return str(item.get(field, "")) if isinstance(item, dict) else ""
    return key


def normalise(data: dict | None, *, copy_data: bool = True) -> dict:
    """Defaults filled in and one-file-per-item collections sorted (on a deep copy by default)."""
    if not isinstance(data, dict):
        data = {}
    out = copy.deepcopy(data) if copy_data else dict(data)
    if "application_types" not in out:
        out["application_types"] = copy.deepcopy(DEFAULT_APPLICATION_TYPES)
    if "roles" not in out:
        out["roles"] = copy.deepcopy(DEFAULT_ROLES)
    if "actions" not in out:
        out["actions"] = copy.deepcopy(DEFAULT_ACTIONS)
    for name in COLLECTIONS:
        out.setdefault(name, [])
    for name, field in _SORT_KEYS.items():
        if isinstance(out[name], list):
            out[name] = sorted(out[name], key=_sort_key(field))
    return out


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _name_in(name: Any, language: str, fallback: str) -> str:
    """A catalogue name ({"id", "en"} or plain text) in `language`, else in Indonesian,
    else `fallback`."""
    if isinstance(name, dict):
        return str(name.get(language) or name.get("id") or fallback)
    return str(name or fallback)


class Catalogue:
    """Read-only view of a catalogue document; treat returned dicts as immutable."""

    __slots__ = ("_data", "_index", "_memo")

    def __init__(self, data: dict | None = None):
        self._data = normalise(data)
        self._index: dict[str, dict[str, dict]] = {}
        self._memo: dict[str, Any] = {}

    @classmethod
    def from_dict(cls, data: dict) -> Catalogue:
        return cls(data)

    @classmethod
    def adopt(cls, data: dict) -> Catalogue:
        """Wraps a document the caller hands over (a loader's fresh dict) without copying it."""
        cat = cls.__new__(cls)
        cat._data = normalise(data, copy_data=False)
        cat._index = {}
        cat._memo = {}
        return cat

    def document(self) -> dict:
        """The underlying JSON document, shared, for read-only use (no copy, unlike to_dict)."""
        return self._data

    def to_dict(self) -> dict:
        return copy.deepcopy(self._data)

    def digest(self) -> str:
        """The document is never changed after it is wrapped, so its digest is taken once."""
        found = self._memo.get("digest")
        if found is None:
            found = self._memo["digest"] = hashlib.sha256(
                canonical_json(self._data).encode("utf-8")).hexdigest()
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Catalogue) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"<Catalogue {len(self.permits)} izin, {len(self.agencies)} instansi, "
                f"{self.digest()[:12]}>")

    # collections -------------------------------------------------------------------------
    def _list(self, name: str) -> list[dict]:
        value = self._data.get(name)
        return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []

    @property
    def application_types(self) -> list[dict]:
        return self._list("application_types")

    @property
    def actions(self) -> list[dict]:
        return self._list("actions")

    @property
    def agencies(self) -> list[dict]:
        return self._list("agencies")

    @property
    def sectors(self) -> list[dict]:
        return self._list("sectors")

    @property
    def roles(self) -> list[dict]:
        return self._list("roles")

    @property
    def routings(self) -> list[dict]:
        return self._list("routings")

    @property
    def permits(self) -> list[dict]:
        return self._list("permits")

    @property
    def lookups(self) -> list[dict]:
        return self._list("lookups")

    @property
    def holidays(self) -> list[dict]:
        return self._list("holidays")

    # lookups by code -----------------------------------------------------------------------
    def _get(self, collection: str, field: str, code: str) -> dict | None:
        index = self._index.get(collection)
        if index is None:
            index = {}
            for item in self._list(collection):
                index.setdefault(str(item.get(field)), item)
            self._index[collection] = index
        return index.get(code)

    def application_type(self, code: str) -> dict | None:
        return self._get("application_types", "code", code)

    def permit_name(self, code: str, language: str = "id") -> str:
        """A permit's name in `language`, else in Indonesian; "" for a permit this version
        does not list (the caller falls back to the name the application recorded)."""
        return _name_in((self.permit(code) or {}).get("name"), language, "")

    def recorded_permit_name(self, code: str, recorded: str, language: str = "id") -> str:
        """The permit a record (an application) names, for a reader of `language`: Indonesian
        readers read the name recorded at submission; others the catalogue's name in their
        language when this version lists the permit, else the recorded name. The one rule for
        pages, lists and the complaint form."""
        if language == "id":
            return recorded
        return self.permit_name(code, language) or recorded

    def application_type_name(self, code: str, language: str = "id") -> str:
        """An application type's name in `language`, else in Indonesian, else its code: the
        one rule for receipts, permits, the wizard, the console and the reports (a type a
        later version no longer lists still reads as its code)."""
        return _name_in((self.application_type(code) or {}).get("name"), language, code)

    def effect(self, application_type: str) -> str:
        """What approving an application of this type does (new when the type says nothing)."""
        found = self.application_type(application_type) or {}
        effect = found.get("effect")
        return effect if effect in EFFECTS else NEW

    def action(self, code: str) -> dict | None:
        return self._get("actions", "code", code)

    def action_name(self, code: str) -> dict:
        """{"id": ..., "en": ...} for an action code; an unlisted code reads as itself."""
        found = self.action(code)
        if found and isinstance(found.get("name"), dict):
            return found["name"]
        words = code.replace("_", " ").capitalize()
        return {"id": words, "en": words}

    def roles_with_power(self, power: str) -> tuple[str, ...]:
        return tuple(r["name"] for r in self.roles if power in (r.get("powers") or ()))

    def agency(self, code: str) -> dict | None:
        return self._get("agencies", "code", code)

    def sector(self, code: str) -> dict | None:
        return self._get("sectors", "code", code)

    def role(self, name: str) -> dict | None:
        return self._get("roles", "name", name)

    def routing(self, code: str) -> dict | None:
        return self._get("routings", "code", code)

    def permit(self, code: str) -> dict | None:
        return self._get("permits", "code", code)

    def lookup(self, name: str) -> dict | None:
        return self._get("lookups", "name", name)

    def permit_routing(self, permit_code: str) -> dict | None:
        permit = self.permit(permit_code)
        return self.routing(permit.get("routing", "")) if permit else None

    def requirement(self, permit_code: str, key: str) -> dict | None:
        permit = self.permit(permit_code) or {}
        return next((r for r in permit.get("requirements", []) if r.get("key") == key), None)

    def lookup_row(self, name: str, key: Any) -> dict | None:
        table = self.lookup(name) or {}
        column = table.get("key_column")
        return next((r for r in table.get("rows", []) if r.get(column) == key), None)

    def lookup_tables(self) -> dict[str, list[dict]]:
        """Every lookup table as forms want it: rows with "code" (the key column) and "name"
        (the "name" column, else the first other column). Built once per catalogue object:
        a published version never changes, and a table can hold thousands of rows."""
        found = self._memo.get("lookup_tables")
        if found is None:
            found = {t["name"]: lookup_rows(t) for t in self.lookups if "name" in t}
            self._memo["lookup_tables"] = found
        return found

    def holiday_dates(self) -> frozenset[date]:
        found = self._memo.get("holidays")
        if found is None:
            days = set()
            for item in self.holidays:
                try:
                    days.add(date.fromisoformat(str(item.get("date"))))
                except ValueError:
                    continue
            found = self._memo["holidays"] = frozenset(days)
        return found


def lookup_rows(table: dict) -> list[dict[str, Any]]:
    """One lookup table's rows with "code" and "name" added (rows without a key are left out)."""
    key = table.get("key_column") or "code"
    columns = [c.get("key") for c in table.get("columns") or [] if isinstance(c, dict)]
    label = "name" if "name" in columns else next((c for c in columns if c != key), key)
    out = []
    for row in table.get("rows") or []:
        if isinstance(row, dict) and row.get(key) not in (None, ""):
            out.append({**row, "code": str(row[key]), "name": str(row.get(label) or row[key])})
    return out


def requirements_for(permit: dict, application_type: str) -> list[dict]:
    """The requirements an application of this type uploads, in order: those whose
    `applies_to` names the type, or every type of the permit when it names none."""
    return [r for r in permit.get("requirements") or []
            if isinstance(r, dict)
            and application_type in (r.get("applies_to") or permit.get("application_types")
                                     or [application_type])]


def validity_for(permit: dict, application_type: str) -> dict | None:
    """The permit's validity for one application type: its own entry in `validity_by_type`
    (null there: no expiry), else the permit's `validity`."""
    by_type = permit.get("validity_by_type")
    if isinstance(by_type, dict) and application_type in by_type:
        return by_type[application_type]
    return permit.get("validity")


@dataclass(frozen=True)
class RenewalWindow:
    """When a renewal of a permit ending on a given day may be applied for: from
    `days_before` days before its end to `days_after` days after it (None: no limit on that
    side, as for a permit type that sets nothing). A permit that never ends has no window."""

    days_before: int | None = None
    days_after: int | None = None

    def opens(self, valid_until: date | None) -> date | None:
        if valid_until is None or self.days_before is None:
            return None
        return valid_until - timedelta(days=self.days_before)

    def closes(self, valid_until: date | None) -> date | None:
        if valid_until is None or self.days_after is None:
            return None
        return valid_until + timedelta(days=self.days_after)

    def admits(self, valid_until: date | None, day: date) -> bool:
        opens, closes = self.opens(valid_until), self.closes(valid_until)
        return (opens is None or day >= opens) and (closes is None or day <= closes)


def renewal_window(permit: dict | None) -> RenewalWindow:
    """The permit type's renewal window (`renewal_window_days_before`,
    `renewal_grace_days_after`); a value that is not a whole number counts as not set."""
    def days(key: str) -> int | None:
        value = (permit or {}).get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) \
            and value >= 0 else None
    return RenewalWindow(days("renewal_window_days_before"), days("renewal_grace_days_after"))


def revision_deadline_days(permit: dict) -> int:
    return int(permit.get("revision_deadline_days", 5))
