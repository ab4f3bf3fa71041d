"""The single entry point that answers "can this catalogue be published?".

It runs every check — JSON Schema, duplicate codes, references, number formats, routing
graphs, forms (via forms_schema), template files — and returns all issues at once, located
through the SourceMap of whatever the catalogue was read from.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .file_kinds import format_issues
from .issues import CatalogueIssue, PathT, SourceMap, parse_path
from .marked import N_
from .model import DEFAULT_APPLICATION_TYPES, DEFAULT_ROLES, Catalogue
from .references import as_list, form_reference_issues, reference_issues
from .routing_graph import routing_graph_issues
from .schemas import CATALOGUE
from .templates import template_issues

Raw = tuple[PathT, str]
_VALIDATOR = Draft202012Validator(CATALOGUE)
_TYPES = {"string": N_("teks"), "integer": N_("bilangan bulat"), "number": N_("angka"),
          "boolean": "TRUE/FALSE", "object": N_("objek"), "array": N_("daftar"),
          "null": N_("kosong")}
# the schema's lists of types, named as one value of MSG_TYPE (a page translates it whole)
_TYPE_LISTS = {("object", "null"): N_("objek atau kosong"),
               ("string", "number", "boolean"): N_("teks atau angka atau TRUE/FALSE")}
_PATTERN_HINTS = {
    "^[A-Z][A-Z0-9_-]{1,39}$": N_("huruf kapital/angka/-/_, diawali huruf kapital"),
    "^[a-z][a-z0-9_]{0,63}$": N_("huruf kecil/angka/_, diawali huruf kecil"),
    "^[a-z0-9][a-z0-9-]{1,39}$": N_("huruf kecil/angka/-"),
    "^(@permit|[A-Z][A-Z0-9_-]{1,39})$": N_("kode instansi atau @permit"),
    "^[a-z0-9]{2,5}$": N_("ekstensi berkas huruf kecil, mis. pdf"),
    r"^\d{4}-\d{2}-\d{2}$": N_("tanggal TTTT-BB-HH"),
    "^templates/[A-Za-z0-9._-]+$": N_("templates/<nama-berkas>"),
    "^[a-z][a-z0-9_]{0,23}$": N_("huruf kecil/angka/_, maks. 24 karakter"),
}
# The checks' texts, marked for the console's English pages (catalogue.marked); a {value}
# is filled in with .format. Also used by the workbook reader's cells (catalogue.cells).
MSG_REQUIRED = N_("Isian '{key}' wajib diisi.")
MSG_UNKNOWN_KEY = N_("Isian '{key}' tidak dikenal.")
MSG_TYPE = N_("Nilai '{value}' harus berupa {names}.")
MSG_ENUM = N_("Nilai '{value}' tidak diizinkan; pilihan: {choices}.")
MSG_PATTERN = N_("Nilai '{value}' tidak sesuai format ({hint}).")
MSG_EMPTY = N_("Wajib diisi (tidak boleh kosong).")
MSG_TOO_SMALL = N_("Nilai {value} terlalu kecil; minimal {limit}.")
MSG_NOT_ABOVE = N_("Nilai {value} terlalu kecil; harus lebih dari {limit}.")
MSG_TOO_BIG = N_("Nilai {value} terlalu besar; maksimal {limit}.")
MSG_MIN_ITEMS = N_("Minimal {limit} item.")
MSG_REPEATED_ITEM = N_("Ada item yang ditulis lebih dari sekali.")
MSG_MIN_KEYS = N_("Minimal {limit} isian.")
MSG_NAME_FORMAT = N_("Nama '{value}' tidak sesuai format (huruf kecil/angka/_).")
MSG_INVALID = N_("Nilai tidak valid ({kind}).")
MSG_CONTROL = N_("Teks berisi karakter kontrol yang tidak terlihat; hapus lalu ketik ulang.")
MSG_NOT_OBJECT = N_("Katalog harus berupa objek JSON.")
MSG_NO_CERTIFICATE = N_("Templat sertifikat 'templates/{name}' tidak ditemukan.")
MSG_NO_TEMPLATE_FILE = N_("Berkas templat '{name}' tidak ditemukan.")


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def _schema_issues(data: dict) -> list[Raw]:
    out: list[Raw] = []
    for err in _VALIDATOR.iter_errors(data):
        path = tuple(err.absolute_path)
        kind, inst, expected = err.validator, err.instance, err.validator_value
        if kind == "required":
            match = re.match(r"^'(.+?)' is a required property", err.message)
            missing = match.group(1) if match else str(expected[0])
            out.append((path + (missing,), MSG_REQUIRED.format(key=missing)))
        elif kind == "additionalProperties" and isinstance(inst, dict):
            known = err.schema.get("properties", {})
            for key in inst:
                if key not in known:
                    out.append((path + (key,), MSG_UNKNOWN_KEY.format(key=key)))
        elif kind == "type":
            types = expected if isinstance(expected, list) else [expected]
            names = _TYPE_LISTS.get(tuple(types)) or " atau ".join(_TYPES.get(t, t) for t in types)
            out.append((path, MSG_TYPE.format(value=_short(inst), names=names)))
        elif kind == "enum":
            out.append((path, MSG_ENUM.format(value=_short(inst),
                                              choices=", ".join(map(str, expected)))))
        elif kind == "pattern":
            hint = _PATTERN_HINTS.get(expected, expected)
            out.append((path, MSG_PATTERN.format(value=_short(inst), hint=hint)))
        elif kind == "minLength":
            out.append((path, MSG_EMPTY))
        elif kind in ("minimum", "exclusiveMinimum"):
            message = MSG_TOO_SMALL if kind == "minimum" else MSG_NOT_ABOVE
            out.append((path, message.format(value=_short(inst), limit=expected)))
        elif kind == "maximum":
            out.append((path, MSG_TOO_BIG.format(value=_short(inst), limit=expected)))
        elif kind == "minItems":
            out.append((path, MSG_MIN_ITEMS.format(limit=expected)))
        elif kind == "uniqueItems":
            out.append((path, MSG_REPEATED_ITEM))
        elif kind == "minProperties":
            out.append((path, MSG_MIN_KEYS.format(limit=expected)))
        elif kind == "propertyNames":
            out.append((path, MSG_NAME_FORMAT.format(value=_short(inst))))
        else:
            out.append((path, MSG_INVALID.format(kind=kind)))
    return out


def _form_issues(data: dict) -> list[Raw]:
    from forms_schema import validate_form_definition

    lookups = {t["name"]: t for t in as_list(data.get("lookups"))
               if isinstance(t, dict) and isinstance(t.get("name"), str)}
    out: list[Raw] = []
    for p, permit in enumerate(as_list(data.get("permits"))):
        if not isinstance(permit, dict) or not isinstance(permit.get("form"), dict):
            continue
        keys = {r.get("key") for r in as_list(permit.get("requirements"))
                if isinstance(r, dict) and isinstance(r.get("key"), str)}
        types = [t for t in as_list(permit.get("application_types")) if isinstance(t, str)]
        found = [(("permits", p, "form") + parse_path(i.path), i.message)
                 for i in validate_form_definition(permit["form"], lookup_tables=set(lookups),
                                                   requirement_keys=keys,
                                                   application_types=types)]
        reported = {path for path, _ in found}
        out.extend(found)
        # The form engine may already check table/requirement names; say it only once.
        out.extend(item for item in form_reference_issues(p, permit, lookups)
                   if item[0] not in reported)
    return out


def _requirement_format_issues(data: dict) -> list[Raw]:
    """A requirement may only ask for formats the upload service accepts (file_kinds):
    otherwise the permit publishes, but an applicant's file is refused at the upload."""
    out: list[Raw] = []
    for p, permit in enumerate(as_list(data.get("permits"))):
        if not isinstance(permit, dict):
            continue
        for r, req in enumerate(as_list(permit.get("requirements"))):
            if isinstance(req, dict):
                out.extend((("permits", p, "requirements", r, "formats", i), message)
                           for i, message in format_issues(req.get("formats")))
    return out


def _graph_issues(data: dict) -> list[Raw]:
    out: list[Raw] = []
    for r, routing in enumerate(as_list(data.get("routings"))):
        if isinstance(routing, dict):
            out.extend((("routings", r) + path, msg) for path, msg in routing_graph_issues(routing))
    return out


def _looks_like_file(template: str) -> bool:
    return "<" not in template and "\n" not in template and template.endswith((".html", ".htm"))


Reader = Callable[[str], "bytes | None"]


def asset_reader(base_dir: str | os.PathLike | None,
                 assets: Mapping[str, bytes] | None) -> Reader | None:
    """Where a catalogue's files are: given in memory (a workbook's Files sheet, a
    published version's assets) or a folder beside it; None when neither is known."""
    if assets is not None:
        return lambda rel: assets.get(rel)
    if base_dir is None:
        return None
    root = Path(base_dir)

    def read(rel: str) -> bytes | None:
        path = root / rel
        return path.read_bytes() if path.is_file() else None

    return read


def _asset_issues(data: dict, read: Reader | None) -> list[Raw]:
    out: list[Raw] = []
    for p, permit in enumerate(as_list(data.get("permits"))):
        if not isinstance(permit, dict):
            continue
        cert = permit.get("certificate")
        template = cert.get("template") if isinstance(cert, dict) else None
        source = template if isinstance(template, str) and not _looks_like_file(template) \
            else None
        if isinstance(template, str) and _looks_like_file(template) and read is not None:
            content = read(f"templates/{template}")
            if content is None:
                out.append((("permits", p, "certificate", "template"),
                            MSG_NO_CERTIFICATE.format(name=template)))
            else:
                source = content.decode("utf-8", errors="replace")
        if source is not None:
            out.extend((("permits", p, "certificate", "template"), message)
                       for message in template_issues(source, permit))
        for r, req in enumerate(as_list(permit.get("requirements"))):
            name = req.get("template_file") if isinstance(req, dict) else None
            if isinstance(name, str) and read is not None and read(name) is None:
                out.append((("permits", p, "requirements", r, "template_file"),
                            MSG_NO_TEMPLATE_FILE.format(name=name)))
    return out


def raw_issues(data: dict, base_dir: str | os.PathLike | None = None,
               assets: Mapping[str, bytes] | None = None) -> list[Raw]:
    if not isinstance(data, dict):
        return [((), MSG_NOT_OBJECT)]
    data = dict(data)
    data.setdefault("application_types", DEFAULT_APPLICATION_TYPES)
    data.setdefault("roles", DEFAULT_ROLES)
    out = _schema_issues(data)
    out += reference_issues(data)
    out += _requirement_format_issues(data)
    out += _graph_issues(data)
    out += _form_issues(data)
    out += _control_characters(data)
    out += _asset_issues(data, asset_reader(base_dir, assets))
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _control_characters(value: Any, path: PathT = ()) -> list[Raw]:
    """Control characters (other than tab and line breaks) cannot be stored in a workbook
    (XML 1.0) and are never meant: usually pasted from another program by accident."""
    if isinstance(value, str):
        return [(path, MSG_CONTROL)] if _CONTROL.search(value) else []
    if isinstance(value, dict):
        return [i for k, v in value.items() for i in _control_characters(v, path + (k,))]
    if isinstance(value, list):
        return [i for n, v in enumerate(value) for i in _control_characters(v, path + (n,))]
    return []


def validate(cat_or_raw: Catalogue | dict, *, sources: SourceMap | None = None,
             base_dir: str | os.PathLike | None = None,
             assets: Mapping[str, bytes] | None = None) -> list[CatalogueIssue]:
    """Every issue of the catalogue (empty list = publishable); never stops at the first.
    Its files (templates) are read from `assets` (path -> bytes) or from `base_dir`; with
    neither, file templates are not checked (inline ones always are)."""
    data = cat_or_raw.document() if isinstance(cat_or_raw, Catalogue) else cat_or_raw
    return (sources or SourceMap()).locate_all(raw_issues(data, base_dir, assets))
