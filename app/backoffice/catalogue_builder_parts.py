"""Pieces of the form builder's screens: the small forms (section, rule, JSON), where the
catalogue's issues belong in the builder, and what the condition composer may offer."""

from __future__ import annotations

import copy
import json
from typing import Any

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import SelectField, StringField, TextAreaField

from catalogue.issues import parse_path
from forms_schema.expressions import expression_problems

from ..i18n import text
from ..services import form_builder as fb
from ..templating import lokal_html, pesan
from .catalogue_forms import get_i18n, set_i18n


def named_option(value: Any, key: str, *, with_key: bool = True):
    """An option's label naming a catalogue item (a requirement, a field) by `value`, its
    catalogue text, in the reader's language (marked lang="id" by `lokal_html` where an
    English reader gets it untranslated), then its key; the key alone when it has no text."""
    name = lokal_html(value) if text(value) else key
    return Markup("{} ({})").format(name, key) if with_key and name != key else \
        Markup("{}").format(name)


class SectionForm(FlaskForm):
    key = StringField(_l("Kunci bagian"))
    title_id = StringField(_l("Judul"))
    title_en = StringField(_l("Judul (English)"))
    description_id = TextAreaField(_l("Keterangan"), render_kw={"rows": 2})
    description_en = TextAreaField(_l("Keterangan (English)"), render_kw={"rows": 2})
    visible_if = StringField(_l("Bagian tampil bila"))

    def load(self, section: dict) -> None:
        self.key.data = section.get("key", "")
        self.title_id.data, self.title_en.data = get_i18n(section, "title")
        self.description_id.data, self.description_en.data = get_i18n(section, "description")
        self.visible_if.data = section.get("visible_if", "")

    def build(self, base: dict) -> dict | None:
        section = copy.deepcopy(base)
        title = (self.title_id.data or "").strip()
        if not title:
            self.title_id.errors = [*self.title_id.errors, "Judul bagian wajib diisi."]
            return None
        set_i18n(section, "title", title, (self.title_en.data or "").strip())
        set_i18n(section, "description", (self.description_id.data or "").strip(),
                 (self.description_en.data or "").strip())
        for name in ("key", "visible_if"):
            value = (getattr(self, name).data or "").strip()
            if value:
                section[name] = value
            else:
                section.pop(name, None)
        section.setdefault("fields", [])
        return section


class RuleForm(FlaskForm):
    check = StringField(_l("Syarat yang harus benar"))
    message_id = StringField(_l("Pesan bila tidak terpenuhi"))
    message_en = StringField(_l("Pesan (English)"))
    field = SelectField(_l("Pesan ditampilkan pada isian"), choices=[], validate_choice=False)

    def load(self, rule: dict) -> None:
        self.check.data = rule.get("check", "")
        self.message_id.data, self.message_en.data = get_i18n(rule, "message")
        self.field.data = rule.get("field", "")

    def build(self) -> dict:
        rule: dict[str, Any] = {"check": (self.check.data or "").strip()}
        set_i18n(rule, "message", (self.message_id.data or "").strip(),
                 (self.message_en.data or "").strip())
        rule.setdefault("message", {})
        if self.field.data:
            rule["field"] = self.field.data
        return rule


class JsonForm(FlaskForm):
    form_json = TextAreaField(_l("Formulir (JSON)"),
                              render_kw={"rows": 28, "spellcheck": "false"})


def rule_target(form: dict, target: str, index: str) -> tuple[str | None, int | None]:
    """("form" | "g-<group key>", "<n>" | "_baru") -> (group key or None, position or None)."""
    group = None
    if target.startswith("g-"):
        group = target[2:]
        try:
            found, _place = fb.find(form, group)
        except fb.BuilderError:
            abort(404)
        if found.get("type") != "group":
            abort(404)
    elif target != "form":
        abort(404)
    if index == "_baru":
        return group, None
    if not index.isdigit() or int(index) >= len(fb.rules_of(form, group)):
        abort(404)
    return group, int(index)


def issues_by_key(form: dict, issues: list) -> dict[str, list[str]]:
    """The draft's issues of this permit's form, by field key ("_section<n>" for a section,
    "_rules" for the form's rules, "_form" for the rest)."""
    found: dict[str, list[str]] = {}
    for issue in issues:
        if issue.field != "form":
            continue
        path = parse_path(issue.rest)
        found.setdefault(_owner(form, path), []).append(issue.message)
    return found


def _owner(form: dict, path: tuple) -> str:
    node: Any = form
    owner = "_form"
    for i, part in enumerate(path):
        if part == "rules" and i == 0:
            return "_rules"
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("key"), str) and "type" in node:
            owner = node["key"]
        elif part == "sections" or (i == 1 and path[0] == "sections"):
            owner = f"_section{path[1]}" if len(path) > 1 else owner
    return owner


def field_issues(form: dict, key: str, issues: list) -> list[tuple[tuple, str]]:
    """The issues of field `key` itself, each with its path inside the field ("min",
    "label.en", "options[2]", "" for the field as a whole). A group's sub-fields are fields of
    their own: their issues are theirs, as on the overview (issues_by_key)."""
    found = []
    for issue in issues:
        if issue.field == "form":
            owner, rest = _field_part(form, parse_path(issue.rest))
            if owner == key:
                found.append((rest, issue.message))
    return found


def _field_part(form: dict, path: tuple) -> tuple[str | None, tuple]:
    node: Any = form
    owner, rest = None, path
    for i, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("key"), str) and "type" in node:
            owner, rest = node["key"], path[i + 1:]
    return owner, rest


def put_field_issues(edit, found: list[tuple[tuple, str]]) -> list[str]:
    """Puts each issue under the input of `edit` its path names ("min" -> min, "label.en" ->
    label_en, "options[2]" -> options), in the reader's language and naming the properties
    as the inputs do ('min' -> 'Nilai minimal'); returns those about the field as a whole or
    about a property without an input (kept as it was, e.g. a group's rules)."""
    rest = []
    for path, message in found:
        words = in_admin_words(message, edit)
        name = _input_for(edit, path)
        if name is None:
            rest.append(words)
        elif words not in edit[name].errors:
            edit[name].errors = [*edit[name].errors, words]
    return rest


def _input_for(edit, path: tuple) -> str | None:
    if not path or not isinstance(path[0], str):
        return None
    name = path[0]
    candidates = ([f"{name}_{path[1]}"] if len(path) > 1 and isinstance(path[1], str)
                  else []) + [name, f"{name}_id"]
    return next((c for c in candidates if c in edit), None)


def in_admin_words(message: str, edit) -> str:
    """A definition check's message as the editor's reader reads it: in their language, a
    property quoted by its definition key ('min') quoted by its input's label instead."""
    words = str(pesan(message))
    for prop in getattr(edit, "props", ()):
        words = words.replace(f"'{prop.name}'", f"'{prop.label}'")
    return words


def scope_json(scope: dict[str, dict], context: dict) -> str:
    """What the condition composer offers: the fields an expression may name (with their
    options) and the permit's application types."""
    fields = []
    for key, spec in scope.items():
        options = []
        for option in spec.get("options") or []:
            if isinstance(option, dict):
                options.append({"value": option.get("value"),
                                "label": text(option.get("label")) or option.get("value")})
            else:
                options.append({"value": option, "label": option})
        fields.append({"key": key, "label": text(spec.get("label")) or key,
                       "type": spec.get("type"), "options": options,
                       "subs": [s.get("key") for s in spec.get("fields") or []
                                if isinstance(s, dict)]})
    types = [{"value": t.get("code"), "label": text(t.get("name")) or t.get("code")}
             for t in context.get("types") or []]
    fields.append({"key": "application_type", "label": str(_l("Jenis permohonan")),
                   "type": "select", "options": types, "subs": []})
    return json.dumps(fields, ensure_ascii=False)


def refuse_bad_conditions(edit, names: tuple[str, ...], scope: dict[str, dict], *,
                          own_key: str | None, application_types: list[str]) -> bool:
    """Puts the condition checker's messages on the inputs `names` of `edit` (a condition
    naming a field that does not exist, an option the field lacks, a syntax error) and says
    whether any was found: such a condition is refused before it reaches the draft."""
    refused = False
    for name in names:
        if name not in edit:
            continue
        value = (edit[name].data or "").strip()
        if not value:
            continue
        _condition, problems = expression_problems(
            value, scope, where=str(edit[name].label.text), own_key=own_key,
            application_types=application_types)
        if problems:
            edit[name].errors = [*edit[name].errors, *problems]
            refused = True
    return refused
