"""A questionnaire document: its form (a forms_schema definition) and what the answers mean.

Pure Python (no Flask, no database). The document says which questions are the unsur of an
index (`indices`, one of them graded by PermenPANRB 14/2017), which questions describe the
respondent (`profile`, counted in the report), which are free-text suggestions, and which
profile data of a logged-in applicant may prefill a question. `validate` reports every
problem with its place, in Indonesian, so an invalid version is never published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import forms_schema

GRADING = "permenpanrb-14-2017"
SCALE = ("1", "2", "3", "4")
RESPONDENTS = "*"  # tally key counting respondents (never a field key: those start a-z)
PREFILL_SOURCES = ("gender", "age", "education", "occupation")
_PROFILE_TYPES = ("radio", "select", "number")
_SUGGESTION_TYPES = ("text", "textarea")
_FORBIDDEN_TYPES = ("file", "lookup", "group")


@dataclass(frozen=True)
class Item:
    code: str  # the unsur's identity across versions (U1, U2, ...)
    field: str
    name: Mapping[str, str]


@dataclass(frozen=True)
class Index:
    key: str
    name: Mapping[str, str]
    graded: bool  # the IKM of PermenPANRB 14/2017 (x25, mutu A-D)
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ProfileField:
    field: str
    bins: tuple[int, ...] = ()  # number fields: lower bounds of the age groups after the first


class Questionnaire:
    """A valid questionnaire document (check it with `validate` first)."""

    def __init__(self, content: Mapping[str, Any]):
        self.content = content
        self.code: str = content["code"]
        self.title: Mapping[str, str] = content["title"]
        self.description: Mapping[str, str] = content.get("description") or {}
        self.form: Mapping[str, Any] = content["form"]
        self.indices = tuple(
            Index(i["key"], i["name"], i.get("grading") == GRADING,
                  tuple(Item(t["code"], t["field"], t["name"]) for t in i["items"]))
            for i in content["indices"])
        self.profile = tuple(ProfileField(p["field"], tuple(p.get("bins") or ()))
                             for p in content.get("profile") or ())
        self.suggestions: tuple[str, ...] = tuple(content.get("suggestions") or ())
        self.prefill: Mapping[str, Mapping[str, Any]] = content.get("prefill") or {}
        self._fields = {f.key: f for f in forms_schema.compile_definition(self.form).fields}
        self._scored = {item.field: (index.key, item.code) for index in self.indices
                        for item in index.items}
        self._profile = {p.field: p for p in self.profile}

    @property
    def graded(self) -> Index:
        return next(i for i in self.indices if i.graded)

    def digest(self) -> str:
        return digest(self.content)

    def field_label(self, key: str, locale: str = "id") -> str:
        return self._fields[key].label(locale)

    def options(self, key: str, locale: str = "id") -> list[tuple[str, str]]:
        return self._fields[key].choices(locale)

    def scored(self, field: str) -> tuple[str, str] | None:
        """(index key, unsur code) of a scale question, else None."""
        return self._scored.get(field)

    def profile_field(self, field: str) -> ProfileField | None:
        return self._profile.get(field)

    def tally_keys(self, answers: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """What one response adds to the aggregate: one respondent, each scale answer and
        each profile answer (a number as its group). Suggestions are not counted."""
        yield RESPONDENTS, ""
        for field in self._scored:
            value = answers.get(field)
            if value in SCALE:
                yield field, value
        for profile in self.profile:
            value = answers.get(profile.field)
            if value is None or value == "":
                continue
            yield profile.field, bin_key(value, profile.bins) if profile.bins else str(value)

    def suggestion_text(self, answers: Mapping[str, Any]) -> str | None:
        parts = [str(answers.get(key) or "").strip() for key in self.suggestions]
        text = "\n\n".join(p for p in parts if p)
        return text or None


def digest(content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def bin_key(value: Any, bins: tuple[int, ...]) -> str:
    """The group of a number: bins (20, 30) give "0-19", "20-29", "30+"."""
    number = int(value)
    low = 0
    for edge in bins:
        if number < edge:
            return f"{low}-{edge - 1}"
        low = edge
    return f"{low}+"


def bin_keys(bins: tuple[int, ...]) -> list[str]:
    lows = [0, *bins]
    return [f"{lo}-{hi - 1}" for lo, hi in zip(lows, bins, strict=False)] + [f"{lows[-1]}+"]


# checking a document ------------------------------------------------------------------------
def validate(content: Any) -> list[str]:
    """Every problem of a questionnaire document, each as "place: reason" (Indonesian)."""
    if not isinstance(content, dict):
        return ["Kuesioner harus berupa objek JSON."]
    issues: list[str] = []
    if not isinstance(content.get("code"), str) or not content["code"].strip():
        issues.append("code: wajib diisi (teks).")
    for key in ("title",):
        if not _is_text(content.get(key)):
            issues.append(f"{key}: wajib berupa teks {{\"id\": ..., \"en\": ...}}.")
    form = content.get("form")
    form_issues = forms_schema.validate_form_definition(form, lookup_tables=(),
                                                        requirement_keys=())
    issues += [f"form.{issue.path}: {issue.message}" if issue.path else f"form: {issue.message}"
               for issue in form_issues]
    if form_issues:  # the questions are unknown: only what needs none can be checked
        if not isinstance(content.get("indices"), list) or not content["indices"]:
            issues.append("indices: wajib berisi minimal satu indeks.")
        return issues
    fields = {f.key: f for f in forms_schema.compile_definition(form).fields}
    for key, fdef in fields.items():
        if fdef.type in _FORBIDDEN_TYPES:
            issues.append(f"form: pertanyaan '{key}' bertipe '{fdef.type}' tidak dapat "
                          "dipakai pada kuesioner.")
    issues += _check_indices(content.get("indices"), fields)
    issues += _check_profile(content.get("profile"), fields)
    issues += _check_suggestions(content.get("suggestions"), fields)
    issues += _check_prefill(content.get("prefill"), fields)
    return issues


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str) and bool(value["id"])


def _check_indices(indices: Any, fields: dict) -> list[str]:
    if not isinstance(indices, list) or not indices:
        return ["indices: wajib berisi minimal satu indeks."]
    issues: list[str] = []
    used: dict[str, str] = {}
    keys: set[str] = set()
    for n, index in enumerate(indices):
        where = f"indices[{n}]"
        if not isinstance(index, dict):
            issues.append(f"{where}: harus berupa objek.")
            continue
        key = index.get("key")
        if not isinstance(key, str) or not key or key in keys:
            issues.append(f"{where}.key: wajib diisi dan unik.")
        keys.add(key if isinstance(key, str) else "")
        if not _is_text(index.get("name")):
            issues.append(f"{where}.name: wajib berupa teks {{\"id\": ...}}.")
        if index.get("grading") not in (None, GRADING):
            issues.append(f"{where}.grading: hanya '{GRADING}' yang dikenal.")
        items = index.get("items")
        if not isinstance(items, list) or not items:
            issues.append(f"{where}.items: wajib berisi minimal satu unsur.")
            continue
        codes: set[str] = set()
        for m, item in enumerate(items):
            issues += _check_item(f"{where}.items[{m}]", item, fields, used, codes)
    graded = [i for i in indices if isinstance(i, dict) and i.get("grading") == GRADING]
    if len(graded) != 1:
        issues.append(f"indices: tepat satu indeks harus ber-grading '{GRADING}' (IKM).")
    return issues


def _check_item(where: str, item: Any, fields: dict, used: dict[str, str],
                codes: set[str]) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: harus berupa objek."]
    issues = []
    code, field = item.get("code"), item.get("field")
    if not isinstance(code, str) or not code or code in codes:
        issues.append(f"{where}.code: wajib diisi dan unik dalam indeks.")
    codes.add(code if isinstance(code, str) else "")
    if not _is_text(item.get("name")):
        issues.append(f"{where}.name: wajib berupa teks {{\"id\": ...}}.")
    fdef = fields.get(field)
    if fdef is None:
        return [*issues, f"{where}.field: pertanyaan '{field}' tidak ada pada formulir."]
    if field in used:
        issues.append(f"{where}.field: pertanyaan '{field}' sudah dipakai di {used[field]}.")
    used[field] = where
    values = tuple(value for value, _ in fdef.choices("id"))
    if fdef.type != "radio" or tuple(sorted(values)) != SCALE:
        issues.append(f"{where}.field: pertanyaan '{field}' harus bertipe radio dengan "
                      "empat pilihan bernilai 1, 2, 3, 4.")
    if not fdef.required or fdef.visible_if is not None or fdef.required_if is not None:
        issues.append(f"{where}.field: pertanyaan '{field}' harus wajib diisi dan selalu "
                      "tampil (setiap responden menilai setiap unsur).")
    return issues


def _check_profile(profile: Any, fields: dict) -> list[str]:
    if profile is None:
        return []
    if not isinstance(profile, list):
        return ["profile: harus berupa daftar."]
    issues = []
    for n, entry in enumerate(profile):
        where = f"profile[{n}]"
        field = entry.get("field") if isinstance(entry, dict) else None
        fdef = fields.get(field)
        if fdef is None or fdef.type not in _PROFILE_TYPES:
            issues.append(f"{where}.field: harus pertanyaan bertipe radio, select atau number "
                          "pada formulir.")
            continue
        bins = entry.get("bins")
        if fdef.type == "number":
            ok = isinstance(bins, list) and bins and all(
                isinstance(b, int) and not isinstance(b, bool) and b > 0 for b in bins) and \
                bins == sorted(set(bins))
            if not ok:
                issues.append(f"{where}.bins: pertanyaan angka perlu batas kelompok berupa "
                              "bilangan bulat positif yang naik, mis. [20, 30, 40].")
        elif bins is not None:
            issues.append(f"{where}.bins: hanya untuk pertanyaan angka.")
    return issues


def _check_suggestions(suggestions: Any, fields: dict) -> list[str]:
    if suggestions is None:
        return []
    if not isinstance(suggestions, list):
        return ["suggestions: harus berupa daftar kunci pertanyaan."]
    return [f"suggestions[{n}]: '{key}' harus pertanyaan bertipe text atau textarea."
            for n, key in enumerate(suggestions)
            if getattr(fields.get(key), "type", None) not in _SUGGESTION_TYPES]


def _check_prefill(prefill: Any, fields: dict) -> list[str]:
    if prefill is None:
        return []
    if not isinstance(prefill, dict):
        return ["prefill: harus berupa objek {pertanyaan: {source: ...}}."]
    issues = []
    for key, rule in prefill.items():
        if key not in fields:
            issues.append(f"prefill.{key}: pertanyaan tidak ada pada formulir.")
        source = rule.get("source") if isinstance(rule, dict) else None
        if source not in PREFILL_SOURCES:
            issues.append(f"prefill.{key}.source: harus salah satu dari "
                          f"{', '.join(PREFILL_SOURCES)}.")
        mapping = rule.get("map") if isinstance(rule, dict) else None
        if mapping is not None and not (isinstance(mapping, dict) and all(
                isinstance(v, str) for v in mapping.values())):
            issues.append(f"prefill.{key}.map: harus berupa objek teks -> nilai pilihan.")
    return issues
