"""Certificate templates checked against their permit: every `data.x` (or `label.x`, the same
answer as the applicant read it) a template reads must be a field of the permit's form, every
`lookup.x` a lookup field, every `rows.x` a repeating group (its rows as read), every `files.x`
one of its requirements. Otherwise a signed permit
would print an empty value where the admin expected one, and nobody would notice until a holder
did.

Templates are Jinja (rendered by the web shell in a sandbox); here they are only parsed.
Reads written `data.x`, `data['x']` and `data.get('x')` are found; a template that hands
`data` to something else is beyond what a check can see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .marked import N_
from .references import as_list, iter_form_fields

# The template checks' texts, marked for the console's English pages (catalogue.marked).
MSG_UNREADABLE = N_("Templat sertifikat tidak dapat dibaca pada baris {line} (rincian: "
                    "{reason}).")
MSG_NO_FIELD = N_("Templat membaca data.{key}, tetapi formulir izin ini tidak punya isian "
                  "'{field}'.")
MSG_NO_LABEL = N_("Templat membaca label.{key}, tetapi formulir izin ini tidak punya isian "
                  "'{field}'.")
MSG_NOT_LOOKUP = N_("Templat membaca lookup.{key}, tetapi '{field}' bukan isian lookup izin "
                    "ini.")
MSG_NOT_GROUP = N_("Templat membaca rows.{key}, tetapi '{field}' bukan isian grup berulang izin "
                   "ini.")
MSG_NO_REQUIREMENT = N_("Templat membaca files.{key}, tetapi izin ini tidak punya persyaratan "
                        "'{requirement}'.")

_DICT_METHODS = frozenset({"get", "items", "keys", "values"})


def template_reads(source: str) -> tuple[list[tuple[str, str]], str | None]:
    """(name, key) pairs read from data/label/lookup/rows/files, and a syntax problem (or
    None)."""
    from jinja2 import Environment, TemplateSyntaxError, nodes

    try:
        tree = Environment().parse(source)
    except TemplateSyntaxError as exc:
        return [], MSG_UNREADABLE.format(line=exc.lineno, reason=(exc.message or "").rstrip("."))
    found: list[tuple[str, str]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Call)):
        read = _read(node, nodes)
        if read is not None and read not in found:
            found.append(read)
    return found, None


def _read(node: Any, nodes: Any) -> tuple[str, str] | None:
    watched = ("data", "label", "lookup", "rows", "files")
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) \
            and node.node.name in watched and node.attr not in _DICT_METHODS:
        return node.node.name, node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) \
            and node.node.name in watched and isinstance(node.arg, nodes.Const) \
            and isinstance(node.arg.value, str):
        return node.node.name, node.arg.value
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr) \
            and node.node.attr == "get" and isinstance(node.node.node, nodes.Name) \
            and node.node.node.name in watched and node.args \
            and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
        return node.node.node.name, node.args[0].value
    return None


def _top_fields(permit: dict) -> Iterator[dict]:
    for path, field in iter_form_fields(permit.get("form")):
        if len(path) == 4:  # sections[i].fields[j]: not a group's sub-field
            yield field


def template_issues(source: str, permit: dict) -> list[str]:
    reads, problem = template_reads(source)
    if problem:
        return [problem]
    fields = {f.get("key"): f for f in _top_fields(permit)}
    requirements = {r.get("key") for r in as_list(permit.get("requirements"))
                    if isinstance(r, dict)}
    out = []
    for name, key in reads:
        if name == "data" and key not in fields:
            out.append(MSG_NO_FIELD.format(key=key, field=key))
        elif name == "label" and key not in fields:
            out.append(MSG_NO_LABEL.format(key=key, field=key))
        elif name == "lookup" and (fields.get(key) or {}).get("type") != "lookup":
            out.append(MSG_NOT_LOOKUP.format(key=key, field=key))
        elif name == "rows" and (fields.get(key) or {}).get("type") != "group":
            out.append(MSG_NOT_GROUP.format(key=key, field=key))
        elif name == "files" and key not in requirements:
            out.append(MSG_NO_REQUIREMENT.format(key=key, requirement=key))
    return out
