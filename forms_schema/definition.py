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
from .definition_messages import (
    MSG_BAD_DEFAULT,
    MSG_BAD_REGEX,
    MSG_COUNT_LIMIT,
    MSG_CYCLE,
    MSG_DATE_LIMIT,
    MSG_GROUP_IN_GROUP,
    MSG_KEY_RESERVED,
    MSG_KEY_TAKEN,
    MSG_MIN_ABOVE_MAX,
    MSG_MIN_ABOVE_OPTIONS,
    MSG_MUST_BE,
    MSG_NO_REQUIREMENT,
    MSG_NO_TABLE,
    MSG_NOT_FOR_TYPE,
    MSG_NUMBER_LIMIT,
    MSG_OPTION_TWICE,
    MSG_ORDER,
    MSG_OWN_SECTION,
    MSG_ROW_RULE_TARGET,
    MSG_RULE_TARGET,
    MSG_SECTION_KEY_TWICE,
    MSG_UNKNOWN_TYPE,
    MSG_WITHIN_LEVEL,
    MSG_WITHIN_NOT_REGION,
    WHERE_FIELD,
    WHERE_RULE,
    WHERE_SECTION,
    WHERE_WITHIN,
)
from .expressions import expression_problems
from .field_types import FIELD_TYPES
from .field_types.clock import parse_datetime, parse_time
from .field_types.numeric import date_limit
from .field_types.place import REGION_DEPTH
from .issues import FormIssue
from .marked import N_
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
_MOMENTS = {"time": (parse_time, N_("jam JJ:MM")),
            "datetime": (parse_datetime, N_("tanggal dan jam TTTT-BB-HHTJJ:MM"))}


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
                self.add(entry.at("key"), MSG_KEY_TAKEN.format(key=key, path=seen[key]))
                continue
            seen[key] = entry.at()
            if key in RESERVED_KEYS or key.startswith("validate_"):
                self.add(entry.at("key"), MSG_KEY_RESERVED.format(key=key))
        section_keys: set[str] = set()
        for s, section in enumerate(sections):
            key = section.get("key") if isinstance(section, dict) else None
            if isinstance(key, str) and key in section_keys:
                self.add(format_path(["sections", s, "key"]), MSG_SECTION_KEY_TWICE.format(key=key))
            if isinstance(key, str):
                section_keys.add(key)

    def check_field(self, entry: _Entry) -> None:
        spec, type_name = entry.spec, entry.spec.get("type")
        if not isinstance(type_name, str):
            return
        field_type = FIELD_TYPES.get(type_name)
        if field_type is None:
            known = ", ".join(FIELD_TYPES)
            message = MSG_UNKNOWN_TYPE.format(type=type_name, known=known)
            self.add(entry.at("type"), message)
            return
        if type_name == "group" and entry.group is not None:
            self.add(entry.at("type"), MSG_GROUP_IN_GROUP)
        for name in spec:
            if name not in field_type.allowed_keys and name in _KNOWN_KEYS:
                self.add(entry.at(name), MSG_NOT_FOR_TYPE.format(name=name, type=type_name))
        if isinstance(spec.get("pattern"), str):
            try:
                re.compile(spec["pattern"])
            except re.error as exc:
                self.add(entry.at("pattern"), MSG_BAD_REGEX.format(reason=exc))
        self.check_options(entry)
        self.check_verify(entry)
        if type_name in _RANGED:
            self.check_range(entry, type_name)
        self.check_order(entry, "min_length", "max_length")
        self.check_order(entry, "min_rows", "max_rows")
        table, requirement = spec.get("table"), spec.get("requirement")
        if self.tables is not None and isinstance(table, str) and table not in self.tables:
            self.add(entry.at("table"), MSG_NO_TABLE.format(table=table))
        if (
            self.requirements is not None
            and isinstance(requirement, str)
            and requirement not in self.requirements
        ):
            message = MSG_NO_REQUIREMENT.format(requirement=requirement)
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
            self.add(entry.at("options"), MSG_OPTION_TWICE.format(value=value))

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
            self.add(entry.at("min"), MSG_MIN_ABOVE_MAX)
        options = entry.spec.get("options")
        if type_name == "multiselect" and isinstance(options, list):
            if limits.get("min", 0) > len(options):
                self.add(entry.at("min"), MSG_MIN_ABOVE_OPTIONS)

    def check_order(self, entry: _Entry, low: str, high: str) -> None:
        a, b = entry.spec.get(low), entry.spec.get(high)
        if isinstance(a, int) and isinstance(b, int) and a > b:
            self.add(entry.at(low), MSG_ORDER.format(low=low, high=high))

    def check_default(self, entry: _Entry, type_name: str) -> None:
        fdef = FieldDef(entry.key, type_name, entry.spec)
        field_type = FIELD_TYPES[type_name]
        try:
            value = field_type.parse(entry.spec["default"], fdef)
        except ValueError as exc:
            self.add(entry.at("default"), MSG_BAD_DEFAULT.format(problem=exc))
            return
        if field_type.is_empty(value, fdef):
            return
        for check in field_type.checks(fdef, EMPTY_CONTEXT):
            problem = check(value)
            if problem:
                self.add(entry.at("default"), MSG_BAD_DEFAULT.format(problem=problem))

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
                    where = WHERE_FIELD.format(attr=attr, key=entry.key)
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
            where = WHERE_SECTION.format(section=section.get("key") or s + 1)
            path = format_path(["sections", s, "visible_if"])
            refs = self.check_expression(path, where, text, top)
            inside = sorted(refs & own)
            if inside:
                self.add(path, MSG_OWN_SECTION.format(where=where, keys=", ".join(inside)))
            for key in own:
                graph[key] = graph.get(key, set()) | (refs - own)

    def check_rules(self, rules: Any, path: list[Any], scope: dict[str, _Entry],
                    own: set[str] | None = None) -> None:
        """Each rule's check reads known fields; its message goes to a field it may name
        (a row rule: a sub-field of its group)."""
        for r, rule in enumerate(rules if isinstance(rules, list) else ()):
            if not isinstance(rule, dict) or not isinstance(rule.get("check"), str):
                continue
            where = WHERE_RULE.format(number=r + 1)
            at = format_path([*path, "rules", r])
            condition = None
            if rule["check"].strip():
                condition = parse_or_none(rule["check"])
                self.check_expression(f"{at}.check", where, rule["check"], scope)
            target = rule.get("field") or (condition.first_field if condition else None)
            allowed = own if own is not None else {k for k, e in scope.items() if e.group is None}
            if isinstance(target, str) and target not in allowed:
                message = MSG_ROW_RULE_TARGET if own else MSG_RULE_TARGET
                self.add(f"{at}.field", message.format(where=where, target=target))

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
        where = WHERE_WITHIN.format(key=entry.key)
        if target is None or ref == entry.key or target.spec.get("type") != "region":
            self.add(entry.at("within"), MSG_WITHIN_NOT_REGION.format(where=where))
            return
        own = REGION_DEPTH.get(entry.spec.get("level", "village"), 0)
        above = REGION_DEPTH.get(target.spec.get("level", "village"), 0)
        if above >= own:
            message = MSG_WITHIN_LEVEL.format(where=where, ref=ref)
            self.add(entry.at("within"), message)

    def check_cycles(self, graph: dict[str, set[str]]) -> None:
        reported: set[str] = set()
        for start in graph:
            path = _find_cycle(start, graph)
            if path and not reported & set(path):
                reported.update(path)
                entry = next(e for e in self.entries if e.key == start)
                chain = " → ".join(path)
                self.add(entry.at("visible_if"), MSG_CYCLE.format(chain=chain))


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
        return (found, None) if found is not None else (None, MSG_MUST_BE.format(shape=shape))
    if type_name == "date":
        try:
            return date_limit(value), None
        except (TypeError, ValueError):
            return None, MSG_DATE_LIMIT
    if type_name == "multiselect":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return (value, None) if ok else (None, MSG_COUNT_LIMIT)
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return (value, None) if ok else (None, MSG_NUMBER_LIMIT)


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
