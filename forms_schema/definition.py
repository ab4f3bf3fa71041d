"""validate_form_definition: every problem of a form definition, with its path.

The JSON Schema catches shape errors; this module adds what only code can check (types in
the registry, unique keys, regex syntax, condition syntax and references, coherent limits,
defaults that would pass their own field) and reports them all in one pass.
"""

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

import wtforms

from .compiled import FieldDef
from .conditions import Condition, ConditionError, parse_condition
from .conditions.tokens import KEYWORDS
from .context import CONTEXT_NAMES, EMPTY_CONTEXT
from .default_value import default_checkable
from .expressions import expression_problems
from .field_types import FIELD_TYPES
from .field_types.clock import parse_datetime, parse_time
from .field_types.numeric import date_limit
from .field_types.place import REGION_DEPTH
from .issues import FormIssue
from .schema_messages import format_path, schema_issues
from .verify import anchor_issue

RESERVED_KEYS = frozenset(
    {name for name in dir(wtforms.Form) if not name.startswith("_")}
    | {"csrf_token", "meta", "hidden_tag", "is_submitted", "validate_on_submit", "recaptcha"}
    | {"schema_meta", "schema_fields", "schema_values", "schema_hidden", "schema_answers"}
    | {"schema_errors", "schema_context_json", "schema_rules_json"}
    | KEYWORDS
    | CONTEXT_NAMES
)
_RANGED = {"number", "decimal", "date", "time", "datetime", "multiselect"}
_DEFAULT_CHECKED = {
    "text", "textarea", "number", "decimal", "date", "time", "datetime", "select", "multiselect",
    "radio", "boolean", "email", "phone", "nik", "npwp", "nib", "geopoint",
}
_MOMENTS = {"time": (parse_time, "jam JJ:MM"), "datetime": (parse_datetime,
                                                            "tanggal dan jam TTTT-BB-HHTJJ:MM")}


@dataclass
class _Entry:
    path: list[Any]
    spec: dict[str, Any]
    group: "_Entry | None"

    def at(self, *more: Any) -> str:
        return format_path([*self.path, *more])

    @property
    def key(self) -> Any:
        return self.spec.get("key")


def validate_form_definition(
    definition: Any,
    *,
    lookup_tables: Collection[str] | None = None,
    requirement_keys: Collection[str] | None = None,
    application_types: Collection[str] | None = None,
) -> list[FormIssue]:
    """Every problem, with its path. The optional collections are what the form's owner knows
    (a permit's lookup tables, requirements and application types); None leaves them
    unchecked."""
    issues = schema_issues(definition)
    sections = definition.get("sections") if isinstance(definition, dict) else None
    if isinstance(sections, list):
        checker = _Checker(issues, lookup_tables, requirement_keys, application_types)
        checker.run(sections)
        checker.check_rules(definition.get("rules"), [], {
            e.key: e for e in checker.entries if e.group is None and isinstance(e.key, str)})
    return list(dict.fromkeys(issues))


class _Checker:
    def __init__(self, issues: list[FormIssue], tables: Any, requirements: Any,
                 app_types: Any = None) -> None:
        self.issues = issues
        self.tables = tables
        self.requirements = requirements
        self.app_types = app_types
        self.entries: list[_Entry] = []

    def add(self, path: str, message: str) -> None:
        self.issues.append(FormIssue(path, message))

    def run(self, sections: list[Any]) -> None:
        self.collect(sections)
        self.check_keys(sections)
        for entry in self.entries:
            self.check_field(entry)
        self.check_conditions(sections)

    def collect(self, sections: list[Any]) -> None:
        for s, section in enumerate(sections):
            fields = section.get("fields") if isinstance(section, dict) else None
            for f, spec in enumerate(fields if isinstance(fields, list) else ()):
                if isinstance(spec, dict):
                    entry = _Entry(["sections", s, "fields", f], spec, None)
                    self.entries.append(entry)
                    self.entries.extend(_sub_entries(entry))

    def check_keys(self, sections: list[Any]) -> None:
        seen: dict[str, str] = {}
        for entry in self.entries:
            key = entry.key
            if not isinstance(key, str):
                continue
            if key in seen:
                self.add(entry.at("key"), f"Key '{key}' sudah dipakai di {seen[key]}.")
                continue
            seen[key] = entry.at()
            if key in RESERVED_KEYS or key.startswith("validate_"):
                self.add(entry.at("key"), f"Key '{key}' dicadangkan sistem; gunakan nama lain.")
        section_keys: set[str] = set()
        for s, section in enumerate(sections):
            key = section.get("key") if isinstance(section, dict) else None
            if isinstance(key, str) and key in section_keys:
                self.add(format_path(["sections", s, "key"]), f"Key bagian '{key}' ganda.")
            if isinstance(key, str):
                section_keys.add(key)

    def check_field(self, entry: _Entry) -> None:
        spec, type_name = entry.spec, entry.spec.get("type")
        if not isinstance(type_name, str):
            return
        field_type = FIELD_TYPES.get(type_name)
        if field_type is None:
            known = ", ".join(FIELD_TYPES)
            message = f"Tipe field '{type_name}' tidak dikenal. Tipe yang ada: {known}."
            self.add(entry.at("type"), message)
            return
        if type_name == "group" and entry.group is not None:
            self.add(entry.at("type"), "Field di dalam grup tidak boleh bertipe 'group'.")
        for name in spec:
            if name not in field_type.allowed_keys and name in _KNOWN_KEYS:
                self.add(entry.at(name), f"Kolom '{name}' tidak berlaku untuk tipe '{type_name}'.")
        if isinstance(spec.get("pattern"), str):
            try:
                re.compile(spec["pattern"])
            except re.error as exc:
                self.add(entry.at("pattern"), f"Pola regex tidak valid: {exc}.")
        self.check_options(entry)
        self.check_verify(entry)
        if type_name in _RANGED:
            self.check_range(entry, type_name)
        self.check_order(entry, "min_length", "max_length")
        self.check_order(entry, "min_rows", "max_rows")
        table, requirement = spec.get("table"), spec.get("requirement")
        if self.tables is not None and isinstance(table, str) and table not in self.tables:
            self.add(entry.at("table"), f"Tabel referensi '{table}' tidak ada.")
        if (
            self.requirements is not None
            and isinstance(requirement, str)
            and requirement not in self.requirements
        ):
            message = f"Persyaratan '{requirement}' tidak ada pada izin ini."
            self.add(entry.at("requirement"), message)
        if "default" in spec and type_name in _DEFAULT_CHECKED and default_checkable(
                spec, type_name):
            self.check_default(entry, type_name)

    def check_verify(self, entry: _Entry) -> None:
        rule = entry.spec.get("verify")
        if not isinstance(rule, dict):
            return
        for bound in ("not_before", "not_after"):
            if bound in rule:
                problem = anchor_issue(rule[bound])
                if problem:
                    self.add(entry.at("verify"), problem)

    def check_options(self, entry: _Entry) -> None:
        options = entry.spec.get("options")
        if not isinstance(options, list):
            return
        values = [o.get("value") if isinstance(o, dict) else o for o in options]
        for value in {v for v in values if isinstance(v, str) and values.count(v) > 1}:
            self.add(entry.at("options"), f"Nilai opsi '{value}' ganda.")

    def check_range(self, entry: _Entry, type_name: str) -> None:
        limits = {}
        for name in ("min", "max"):
            if name not in entry.spec:
                continue
            value, problem = _range_limit(type_name, entry.spec[name])
            if problem:
                self.add(entry.at(name), problem)
            else:
                limits[name] = value
        if len(limits) == 2 and limits["min"] > limits["max"]:
            self.add(entry.at("min"), "Nilai 'min' tidak boleh lebih besar dari 'max'.")
        options = entry.spec.get("options")
        if type_name == "multiselect" and isinstance(options, list):
            if limits.get("min", 0) > len(options):
                self.add(entry.at("min"), "Nilai 'min' melebihi jumlah opsi.")

    def check_order(self, entry: _Entry, low: str, high: str) -> None:
        a, b = entry.spec.get(low), entry.spec.get(high)
        if isinstance(a, int) and isinstance(b, int) and a > b:
            self.add(entry.at(low), f"Nilai '{low}' tidak boleh lebih besar dari '{high}'.")

    def check_default(self, entry: _Entry, type_name: str) -> None:
        fdef = FieldDef(entry.key, type_name, entry.spec)
        field_type = FIELD_TYPES[type_name]
        try:
            value = field_type.parse(entry.spec["default"], fdef)
        except ValueError as exc:
            self.add(entry.at("default"), f"Nilai default tidak valid: {exc}")
            return
        if field_type.is_empty(value, fdef):
            return
        for check in field_type.checks(fdef, EMPTY_CONTEXT):
            problem = check(value)
            if problem:
                self.add(entry.at("default"), f"Nilai default tidak valid: {problem}")

    def check_conditions(self, sections: list[Any]) -> None:
        top = {e.key: e for e in self.entries if e.group is None and isinstance(e.key, str)}
        graph: dict[str, set[str]] = {}
        for entry in self.entries:
            if not isinstance(entry.key, str):
                continue
            scope = dict(top)
            if entry.group is not None:
                siblings = _sub_entries(entry.group)
                scope.update({e.key: e for e in siblings if isinstance(e.key, str)})
            if isinstance(entry.spec.get("within"), str):
                self.check_within(entry, scope)
            for attr in ("visible_if", "required_if"):
                text = entry.spec.get(attr)
                if isinstance(text, str) and text.strip():
                    where = f"Kondisi {attr} pada field '{entry.key}'"
                    refs = self.check_expression(entry.at(attr), where, text, scope, entry.key)
                    if attr == "visible_if":
                        graph[entry.key] = refs - {entry.key}
            if entry.spec.get("type") == "group":
                self.check_rules(entry.spec.get("rules"), entry.path, scope | {
                    e.key: e for e in _sub_entries(entry) if isinstance(e.key, str)},
                    own={e.key for e in _sub_entries(entry)})
        self.check_sections(sections, top, graph)
        self.check_cycles(graph)

    def check_sections(self, sections: list[Any], top: dict[str, _Entry],
                       graph: dict[str, set[str]]) -> None:
        """A section's visible_if reads fields of other sections (or the application type):
        a section hidden by its own fields could never be shown again."""
        for s, section in enumerate(sections):
            text = section.get("visible_if") if isinstance(section, dict) else None
            if not isinstance(text, str) or not text.strip():
                continue
            own = {e.key for e in self.entries if e.group is None and e.path[1] == s}
            where = f"Kondisi visible_if pada bagian '{section.get('key') or s + 1}'"
            path = format_path(["sections", s, "visible_if"])
            refs = self.check_expression(path, where, text, top)
            inside = sorted(refs & own)
            if inside:
                self.add(path, f"{where} tidak boleh merujuk isian bagian itu sendiri "
                               f"({', '.join(inside)}).")
            for key in own:
                graph[key] = graph.get(key, set()) | (refs - own)

    def check_rules(self, rules: Any, path: list[Any], scope: dict[str, _Entry],
                    own: set[str] | None = None) -> None:
        """Each rule's check reads known fields; its message goes to a field it may name
        (a row rule: a sub-field of its group)."""
        for r, rule in enumerate(rules if isinstance(rules, list) else ()):
            if not isinstance(rule, dict) or not isinstance(rule.get("check"), str):
                continue
            where = f"Aturan ke-{r + 1}"
            at = format_path([*path, "rules", r])
            condition = None
            if rule["check"].strip():
                condition = parse_or_none(rule["check"])
                self.check_expression(f"{at}.check", where, rule["check"], scope)
            target = rule.get("field") or (condition.first_field if condition else None)
            allowed = own if own is not None else {k for k, e in scope.items() if e.group is None}
            if isinstance(target, str) and target not in allowed:
                self.add(f"{at}.field", f"{where}: pesan ditujukan ke isian '{target}' yang "
                                        "tidak ada" + (" di grup ini." if own else "."))

    def check_expression(self, at: str, where: str, text: str, scope: dict[str, _Entry],
                         own_key: str | None = None) -> set[str]:
        specs = {key: entry.spec for key, entry in scope.items()}
        condition, problems = expression_problems(
            text, specs, where=where, own_key=own_key, application_types=self.app_types)
        for problem in problems:
            self.add(at, problem)
        return set(condition.fields) if condition else set()

    def check_within(self, entry: _Entry, scope: dict[str, _Entry]) -> None:
        """`within` names a region field of a higher level in the same form (or row)."""
        ref = entry.spec["within"]
        target = scope.get(ref)
        where = f"Kolom within pada field '{entry.key}'"
        if target is None or ref == entry.key or target.spec.get("type") != "region":
            self.add(entry.at("within"), f"{where} harus merujuk field wilayah lain.")
            return
        own = REGION_DEPTH.get(entry.spec.get("level", "village"), 0)
        above = REGION_DEPTH.get(target.spec.get("level", "village"), 0)
        if above >= own:
            message = f"{where}: field '{ref}' harus bertingkat lebih tinggi."
            self.add(entry.at("within"), message)

    def check_cycles(self, graph: dict[str, set[str]]) -> None:
        reported: set[str] = set()
        for start in graph:
            path = _find_cycle(start, graph)
            if path and not reported & set(path):
                reported.update(path)
                entry = next(e for e in self.entries if e.key == start)
                chain = " → ".join(path)
                self.add(entry.at("visible_if"), f"Kondisi visible_if saling bergantung: {chain}.")


_KNOWN_KEYS = frozenset().union(*(t.allowed_keys for t in FIELD_TYPES.values()))


def _sub_entries(entry: _Entry) -> Iterator[_Entry]:
    subs = entry.spec.get("fields")
    for k, spec in enumerate(subs if isinstance(subs, list) else ()):
        if isinstance(spec, dict):
            yield _Entry([*entry.path, "fields", k], spec, entry)


def parse_or_none(text: str) -> Condition | None:
    try:
        return parse_condition(text)
    except ConditionError:
        return None


def _range_limit(type_name: str, value: Any) -> tuple[Any, str | None]:
    if type_name in _MOMENTS:
        parse, shape = _MOMENTS[type_name]
        try:
            found = parse(value) if isinstance(value, str) else None
        except ValueError:
            found = None
        return (found, None) if found is not None else (None, f"Harus berupa {shape}.")
    if type_name == "date":
        try:
            return date_limit(value), None
        except (TypeError, ValueError):
            return None, "Harus berupa tanggal dengan format TTTT-BB-HH, atau \"today\"."
    if type_name == "multiselect":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return (value, None) if ok else (None, "Harus berupa bilangan bulat ≥ 0.")
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return (value, None) if ok else (None, "Harus berupa angka.")


def _find_cycle(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for ref in sorted(graph.get(node, ())):
            if ref == start:
                return [*path, start]
            if ref not in seen and ref != node:
                seen.add(ref)
                stack.append((ref, [*path, ref]))
    return None
