"""The catalogue as a folder of JSON documents — the form kept under version control.

Layout (see docs/catalogue.md): application_types.json, agencies.json, sectors.json,
roles.json (lists); routings/<code>.json, permits/<code>.json, lookups/<name>.json (one
object per file, so a change to one permit is a one-file diff); holidays/<year>.json (lists);
templates/ holds certificate templates and downloadable requirement templates.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .issues import CatalogueError, CatalogueIssue, SourceMap
from .marked import N_
from .model import Catalogue

# The folder reader's refusals, marked for the console's English pages (catalogue.marked).
MSG_BAD_JSON = N_("JSON tidak valid (kolom {column}): {reason}.")
MSG_UNREADABLE = N_("Berkas tidak dapat dibaca: {reason}.")
MSG_NO_FOLDER = N_("Folder katalog tidak ditemukan.")
MSG_FILE_MISSING = N_("Berkas wajib tidak ada.")
MSG_HOLIDAYS_NOT_LIST = N_("Berkas libur harus berisi daftar [...]")
LIST_FILES = ("application_types", "actions", "agencies", "sectors", "roles")
ITEM_DIRS = (("routings", "code"), ("permits", "code"), ("lookups", "name"))
HOLIDAYS_DIR = "holidays"


def _read_json(path: Path, name: str, issues: list[CatalogueIssue]):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        issues.append(CatalogueIssue(name, exc.lineno, None,
                                     MSG_BAD_JSON.format(column=exc.colno, reason=exc.msg)))
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(CatalogueIssue(name, None, None, MSG_UNREADABLE.format(reason=exc)))
    return None


def read_folder(path: str | os.PathLike) -> tuple[dict, list[CatalogueIssue], SourceMap]:
    root = Path(path)
    issues: list[CatalogueIssue] = []
    sources = SourceMap(default_source=root.name or str(root))
    data: dict = {}
    if not root.is_dir():
        return {}, [CatalogueIssue(str(root), None, None, MSG_NO_FOLDER)], \
            sources
    for name in LIST_FILES:
        file = root / f"{name}.json"
        if not file.exists():
            if name in ("agencies", "sectors"):
                issues.append(CatalogueIssue(file.name, None, None, MSG_FILE_MISSING))
            continue
        value = _read_json(file, file.name, issues)
        if value is not None:
            data[name] = value
            sources.add((name,), file.name, relative=True)
    for folder, _key in ITEM_DIRS:
        items: list = []
        for file in sorted((root / folder).glob("*.json")):
            rel = f"{folder}/{file.name}"
            value = _read_json(file, rel, issues)
            if value is None:
                continue
            sources.add((folder, len(items)), rel, relative=True)
            items.append(value)
        data[folder] = items
    holidays: list = []
    for file in sorted((root / HOLIDAYS_DIR).glob("*.json")):
        rel = f"{HOLIDAYS_DIR}/{file.name}"
        value = _read_json(file, rel, issues)
        if isinstance(value, list):
            for i, item in enumerate(value):
                sources.add((HOLIDAYS_DIR, len(holidays)), rel, relative=True, label=f"[{i}]")
                holidays.append(item)
        elif value is not None:
            issues.append(CatalogueIssue(rel, None, None, MSG_HOLIDAYS_NOT_LIST))
    data[HOLIDAYS_DIR] = holidays
    return data, issues, sources


def validate_folder(path: str | os.PathLike) -> list[CatalogueIssue]:
    from .validation import validate

    data, issues, sources = read_folder(path)
    return issues + validate(data, sources=sources, base_dir=path) if data else issues


def load_folder(path: str | os.PathLike, *, check: bool = True) -> Catalogue:
    """All or nothing: raises CatalogueError listing every issue, else returns the catalogue."""
    from .validation import validate

    data, issues, sources = read_folder(path)
    if check and data:
        issues = issues + validate(data, sources=sources, base_dir=path)
    if issues:
        raise CatalogueError(issues)
    return Catalogue.adopt(data)


# Keys are written in one canonical order, so a permit edited in Excel and re-imported gives
# a file diff that shows only what changed, never a reshuffle.
KEY_ORDER = (
    "code", "key", "date", "name", "effect", "type", "title", "label", "kind", "address",
    "head_title",
    "agency", "agencies", "sector", "role", "description", "legal_basis", "application_types",
    "sla_working_days", "sla_days", "validity", "validity_by_type", "years", "months", "days",
    "fee",
    "registration_number", "permit_number", "routing", "revision_deadline_days",
    "renewal_window_days_before", "renewal_grace_days_after", "certificate",
    "template", "map", "field", "help", "placeholder", "required", "required_if",
    "required_message", "visible_if", "default", "options", "value", "min", "max",
    "min_length", "max_length", "pattern", "pattern_message", "decimals", "table",
    "requirement", "level", "within", "min_rows", "max_rows", "check", "message", "rules",
    "formats", "max_mb",
    "applies_to", "template_file", "actions", "key_column", "columns", "requirements", "form",
    "sections", "fields", "steps", "rows", "id", "en",
)
_RANK = {key: i for i, key in enumerate(KEY_ORDER)}
_VERBATIM = ("rows", "default", "actions")  # data whose own order matters


def ordered(value):
    if isinstance(value, list):
        return [ordered(v) for v in value]
    if not isinstance(value, dict):
        return value
    keys = sorted(value, key=lambda k: (_RANK.get(k, len(_RANK)), list(value).index(k)))
    return {k: value[k] if k in _VERBATIM else ordered(value[k]) for k in keys}


def _write(path: Path, value) -> None:
    text = json.dumps(ordered(value), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def dump_folder(cat: Catalogue, path: str | os.PathLike) -> None:
    """Writes the documents; stale *.json in the managed folders are removed, assets kept."""
    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    data = cat.document()
    for name in LIST_FILES:
        _write(root / f"{name}.json", data.get(name, []))
    for folder, key in ITEM_DIRS:
        target = root / folder
        target.mkdir(exist_ok=True)
        for old in target.glob("*.json"):
            old.unlink()
        for item in data.get(folder, []):
            _write(target / f"{item[key]}.json", item)
    target = root / HOLIDAYS_DIR
    target.mkdir(exist_ok=True)
    for old in target.glob("*.json"):
        old.unlink()
    by_year: dict[str, list] = {}
    for item in data.get(HOLIDAYS_DIR, []):
        by_year.setdefault(str(item.get("date", ""))[:4] or "lainnya", []).append(item)
    for year, items in by_year.items():
        _write(target / f"{year}.json", items)
