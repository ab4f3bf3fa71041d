"""The catalogue admin's certificate preview and the list of variables a template may use.

A template is authored before any application exists, so both are built from sample answers
derived from the permit's own form definition (a plausible value per field type) and passed
through the same context builder (certificates.py) and renderer (documents/certificate.py) as
a real issuance: what the preview shows is what a signed permit will print. The preview is
watermarked CONTOH, unsigned, takes no number from the sequence and stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app

import catalogue as cat_lib
import forms_schema
from forms_schema.compiled import localise

from .. import regions
from ..i18n import N_
from . import calendar, certificates
from .catalogue_forms import form_context
from .errors import DomainError
from .issuance import IMAGE_MIME, add_period

SAMPLE_MARK = "CONTOH - TIDAK BERLAKU"
SAMPLE_TOKEN = "contoh"
SAMPLE_NAME = "Nama Pemohon Contoh"
SAMPLE_NIK = "6472010101900001"
SAMPLE_STREET = "Jl. Contoh No. 1"
SAMPLE_SIGNER = "Nama Penandatangan (contoh)"
SAMPLE_IMAGE = ("data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg' "
                "width='300' height='400'><rect width='300' height='400' fill='%23ddd'/>"
                "<text x='150' y='210' font-size='40' text-anchor='middle' fill='%23666'>"
                "CONTOH</text></svg>")
MSG_NO_TEMPLATE_FILE = N_("Berkas templat '{name}' tidak ada di katalog. Pilih berkas yang "
                          "tersedia atau tulis templat langsung.")
ANSWER_KEYS = ("data", "lookup", "label", "rows", "files")  # listed per field, not as standard


def _sample_region(level: str) -> str:
    """The office's province, walked down by first children to `level`."""
    code = current_app.config["OFFICE_PROVINCE"]
    depth = regions.LEVELS.index(level) if level in regions.LEVELS else len(regions.LEVELS) - 1
    for _ in range(depth):
        children = regions.children(code)
        if not children:
            break
        code = children[0].code
    return code


def _sample_point() -> str:
    low_lat, low_lng, high_lat, high_lng = current_app.config["OFFICE_BOUNDS"]
    return f"{(low_lat + high_lat) / 2:.6f},{(low_lng + high_lng) / 2:.6f}"


def _number(fdef) -> int:
    """10, or the nearest value the field's min/max allow."""
    value = 10
    if fdef.get("min") is not None:
        value = max(value, int(fdef.get("min")))
    if fdef.get("max") is not None:
        value = min(value, int(fdef.get("max")))
    return value


def _choices(fdef) -> list[str]:
    return [value for value, _label in fdef.choices("id")]


def _first_row(fdef, context: forms_schema.FormContext) -> str | None:
    table = context.lookups.get(fdef.get("table"))
    return str(table.rows[0]["code"]) if table and table.rows else None


# A stored answer per field type, as the wizard would save it (a file answer stays empty).
SAMPLES = {
    "text": lambda f, c, today: f"Contoh {f.label('id')}",
    "textarea": lambda f, c, today: f"Contoh isian {f.label('id')}.",
    "number": lambda f, c, today: _number(f),
    "decimal": lambda f, c, today: f"{_number(f)}.5",
    "date": lambda f, c, today: today.isoformat(),
    "time": lambda f, c, today: "08:00",
    "datetime": lambda f, c, today: f"{today.isoformat()}T08:00",
    "select": lambda f, c, today: (_choices(f) or [None])[0],
    "radio": lambda f, c, today: (_choices(f) or [None])[0],
    "multiselect": lambda f, c, today: _choices(f)[:2],
    "boolean": lambda f, c, today: True,
    "email": lambda f, c, today: "pemohon@contoh.id",
    "phone": lambda f, c, today: "081234567890",
    "nik": lambda f, c, today: SAMPLE_NIK,
    "npwp": lambda f, c, today: "012345678901000",
    "nib": lambda f, c, today: "1234567890123",
    "region": lambda f, c, today: _sample_region(f.get("level", "village")),
    "geopoint": lambda f, c, today: _sample_point(),
    "lookup": lambda f, c, today: _first_row(f, c),
    "group": lambda f, c, today: [_answers(f.fields, c, today)],
}


def _answers(fields, context: forms_schema.FormContext, today: date) -> dict:
    out = {}
    for fdef in fields:
        sample = SAMPLES.get(fdef.type)
        value = sample(fdef, context, today) if sample else None
        if value is not None:
            out[fdef.key] = value
    return out


def _fields(permit: dict) -> list:
    """The permit's top-level fields (a group's own fields are inside it), compiled by
    forms_schema's one compiler; none for a broken form (the catalogue check reports it, and
    the template still previews)."""
    try:
        return list(forms_schema.compile_definition(permit.get("form") or {"sections": []})
                    .fields)
    except (forms_schema.FormDefinitionError, ValueError, TypeError):
        return []


def _image(name: str) -> str:
    """The snippet that prints picture `name` (a data: URI) on the certificate."""
    return f'<img src="{{{{ {name} }}}}" style="width: 3cm">'


def sample_context(cat: cat_lib.Catalogue, permit: dict, fields: list | None = None) -> dict:
    """Everything a template reads, filled with sample values: the standard variables from
    the same builder as a real issuance, the form's sample answers (one per field of
    `fields`, the permit's compiled fields, compiled here when not given) through the same
    `answer_values`, a placeholder picture for each image requirement."""
    today = calendar.today()
    types = permit.get("application_types") or [None]
    context = form_context(cat, permit, application_type=types[0])
    answers = _answers(_fields(permit) if fields is None else fields, context, today)
    try:
        number = cat_lib.format_number(permit.get("permit_number") or "", seq=1, date=today,
                                       agency=permit.get("agency", ""),
                                       permit=permit.get("code", ""), app_type=types[0] or "")
    except (KeyError, ValueError, IndexError):
        number = "[nomor izin]"
    holder = (SAMPLE_NAME, SAMPLE_NIK, certificates.full_address(
        {"address": SAMPLE_STREET, "village_code": _sample_region("village")}))
    ctx = certificates.standard_context(
        cat, permit, number=number, token=SAMPLE_TOKEN, issued_on=today,
        valid_until=add_period(today, cat_lib.validity_for(permit, types[0])),
        signer_name=SAMPLE_SIGNER, holder=holder, registration_number="1/CONTOH/I/2026",
        application_type=types[0])
    try:
        ctx.update(certificates.answer_values(permit.get("form") or {}, answers, context))
    except (forms_schema.FormDefinitionError, ValueError, TypeError):
        # a permit still without fields (or a broken form, which the catalogue check reports)
        ctx.update(data={}, lookup={}, label={}, details=[])
    ctx["files"] = {r["key"]: SAMPLE_IMAGE for r in permit.get("requirements") or []
                    if set(r.get("formats") or ()) & set(IMAGE_MIME)}
    return ctx


def preview_pdf(cat: cat_lib.Catalogue, permit: dict, spec: str | None,
                assets: dict[str, bytes]) -> bytes:
    """The certificate `spec` (a template file's name, inline HTML, or None for the generic
    one) would print for this permit, on sample data. Raises DomainError in Indonesian: a
    template file that is not in the catalogue, or a template that cannot be rendered or
    goes past a limit. Typed template text is first run here, so it runs in a bounded child
    process (documents/bounded.py), its PDF step too; the sample is built before, here."""
    source = certificates.template_source(spec, assets)
    if spec and source is None:
        raise DomainError(MSG_NO_TEMPLATE_FILE.format(name=spec), field="certificate_file")
    from ..documents.certificate import render_certificate_limited

    return render_certificate_limited(source, sample_context(cat, permit), watermark=SAMPLE_MARK)


@dataclass(frozen=True)
class Variable:
    """One thing a template can print: `name` as written in Jinja, `snippet` ready to copy,
    `example` what it prints on the sample, `kind` what it is (the page words it)."""

    name: str
    example: str
    kind: str = "value"
    snippet: str = ""
    label: str = ""

    @property
    def code(self) -> str:
        return self.snippet or "{{ " + self.name + " }}"


def _example(value: Any) -> tuple[str, str, str]:
    """(example, kind, snippet) of a value found in the sample context."""
    if isinstance(value, str) and value.startswith("data:"):
        return "", "image", ""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "", "rows", ", ".join(value[0])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)[:120], "list", ""
    return ("" if value is None else str(value))[:120], "value", ""


def _leaves(value: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, Any]]:
    """Printable values of the context by their Jinja path; nested lists of rows (the
    permit's form and requirements) are catalogue internals, not printable values."""
    if isinstance(value, dict):
        if depth < 3:
            for key, item in value.items():
                if isinstance(key, str) and key.isidentifier() and key not in ANSWER_KEYS:
                    yield from _leaves(item, f"{path}.{key}" if path else key, depth + 1)
        return
    if isinstance(value, list) and depth > 1 and any(isinstance(v, dict) for v in value):
        return
    yield path, value


def _standard(ctx: dict) -> list[Variable]:
    """Small groups first (the number, the holder, the dates); the catalogue records copied
    whole (permit, issuer, agency) last, as they are mostly reference."""
    found = list(_leaves(ctx))
    size = {}
    for name, _value in found:
        size[name.split(".")[0]] = size.get(name.split(".")[0], 0) + 1
    found.sort(key=lambda pair: size[pair[0].split(".")[0]])
    out = []
    for name, value in found:
        example, kind, columns = _example(value)
        snippet = {"image": _image(name),
                   "rows": "{% for baris in " + name + " %}" + " ".join(
                       "{{ baris." + c + " }}" for c in columns.split(", ")) + "{% endfor %}",
                   "list": "{{ " + name + " | join('; ') }}"}.get(kind, "")
        out.append(Variable(name, example, kind, snippet))
    return out


def _field_variables(fdef, ctx: dict) -> list[Variable]:
    from ..documents.certificate import LookupRow

    key = fdef.key
    if fdef.type == "group":
        return [Variable(f"rows.{key}", "", "rows", _loop(key, fdef.fields)),
                Variable(f"data.{key}", "", "stored"),
                Variable(f"label.{key}", ctx["label"].get(key, ""), "read")]
    found = [Variable(f"data.{key}", _example(ctx["data"].get(key))[0], "stored"),
             Variable(f"label.{key}", ctx["label"].get(key, ""), "read")]
    if key in ctx["lookup"]:
        row = ctx["lookup"][key]
        found += [Variable(f"lookup.{key}", str(LookupRow(row)), "lookup")]
        found += [Variable(f"lookup.{key}.{column}", _example(value)[0], "column")
                  for column, value in row.items() if column.isidentifier()]
    return found


def _loop(group: str, fields) -> str:
    """The snippet that prints `fields` of each row of repeating group `group` as the
    applicant read them (`rows.<group>`: a choice's label, a long date; `data.<group>` holds
    the stored values)."""
    return ("{% for baris in rows." + group + " %}"
            + " ".join("{{ baris." + f.key + " }}" for f in fields) + "{% endfor %}")


@dataclass(frozen=True)
class FieldEntry:
    """One field of the form in the variable list; `inside` names the group a row field
    belongs to (its variables are then a loop over the group's rows)."""

    label: str
    type: str
    items: list[Variable]
    inside: str = ""


def _entries(fdef, ctx: dict, locale: str) -> list[FieldEntry]:
    """The field's entry, then for a repeating group one entry per field of its rows,
    printed by looping over the rows with the sample row's value as the example."""
    found = [FieldEntry(fdef.label(locale), fdef.type, _field_variables(fdef, ctx))]
    if fdef.type != "group":
        return found
    rows = ctx["rows"].get(fdef.key) or [{}]
    first = rows[0] if isinstance(rows[0], dict) else {}
    for sub in fdef.fields:
        example = _example(first.get(sub.key))[0] if sub.type != "group" else ""
        found.append(FieldEntry(sub.label(locale), sub.type, [Variable(
            f"baris.{sub.key}", example, "row", _loop(fdef.key, [sub]))],
            inside=fdef.label(locale)))
    return found


def variables(cat: cat_lib.Catalogue, permit: dict, locale: str = "id") -> dict:
    """What the permit's template can print, for the editor: the standard variables (read
    from the sample context, so the list is what the builder really provides), the form's
    fields with their label (in `locale`), a repeating group's row fields as a loop, and the
    image requirements. The form is compiled once, for the sample and the list."""
    fields = _fields(permit)
    ctx = sample_context(cat, permit, fields)
    files = [Variable(f"files.{r['key']}", "", "image", _image(f"files.{r['key']}"),
                      label=localise(r.get("name"), locale) or r["key"])
             for r in permit.get("requirements") or [] if r["key"] in ctx["files"]]
    return {"standard": _standard(ctx),
            "fields": [entry for f in fields for entry in _entries(f, ctx, locale)],
            "files": files}
