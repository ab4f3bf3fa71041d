"""What a certificate template is and what it reads, decided once for the three places that
render one: the issued permit, the signing official's unsigned preview and the catalogue
admin's sample preview (certificate_preview.py). If they built their context apart, a template
that previews well could still print differently on the signed permit.

`certificate.template` in the catalogue is either inline HTML/Jinja (it contains "<") or the
name of a file among the catalogue version's assets under templates/; empty means the office's
generic certificate (templates/pdf/certificate_generic.html).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import current_app

import catalogue as cat_lib
import forms_schema

from .. import regions
from .notices import public_url

TEMPLATE_FOLDER = "templates/"
TEMPLATE_SUFFIXES = (".html", ".htm")


def is_file_spec(spec: str) -> bool:
    """Inline templates are HTML, so they contain "<"; anything else names a file."""
    return "<" not in spec


def template_kind(spec: str | None) -> str:
    """"generic" (no template), "file" (a catalogue file's name) or "inline" (the HTML
    itself): how a page names the choice a permit's `certificate.template` holds."""
    if not spec:
        return "generic"
    return "file" if is_file_spec(spec) else "inline"


def template_source(spec: str | None, assets: Mapping[str, bytes]) -> str | None:
    """The template's Jinja source; None for the generic certificate (no template, or a file
    that is not among the assets: the catalogue check reports that one before publishing)."""
    if not spec:
        return None
    if not is_file_spec(spec):
        return spec
    content = assets.get(f"{TEMPLATE_FOLDER}{spec}") or assets.get(spec)
    return content.decode("utf-8") if content else None


def template_files(assets: Mapping[str, bytes]) -> list[str]:
    """The certificate template files a catalogue holds, named as `certificate.template`
    names them (without the templates/ folder)."""
    return sorted(name.removeprefix(TEMPLATE_FOLDER) for name in assets
                  if name.startswith(TEMPLATE_FOLDER) and name.endswith(TEMPLATE_SUFFIXES))


def full_address(party: Mapping[str, Any]) -> str:
    """An applicant's or company's address as the wizard shows it: the street line, then the
    village, district, regency and province, by the one address rule (the `alamat` filter)."""
    from ..templating import alamat

    return alamat({"street": party.get("address")},
                  regions.address_names(party.get("village_code")))


def location_address(location: Mapping[str, Any]) -> str:
    """The permit's location (street, number, RT/RW, regions), by the same rule."""
    from ..templating import alamat

    return alamat(location, regions.address_names(location.get("village_code")))


def answer_values(definition: dict, answers: Mapping[str, Any],
                  context: forms_schema.FormContext) -> dict:
    """The form's answers for a template: `data` (stored values by key, dates as dates),
    `lookup` (the chosen row of each lookup field), `label` (each answer as the applicant read
    it on the review page: option label, lookup name, long date, Ya/Tidak), `rows` (each
    repeating group's rows, each field as read, the same way) and `details` (the labelled
    rows the generic certificate prints; not an e-mail address or phone number, see
    `_contact`)."""
    try:
        values = forms_schema.deserialise(definition, answers)
    except ValueError:
        values = dict(answers)
    lookup = {}
    for section in definition.get("sections", []):
        for field in section.get("fields", []):
            if field.get("type") == "lookup" and answers.get(field["key"]):
                table = context.lookups.get(field.get("table"))
                lookup[field["key"]] = next(
                    (dict(r) for r in (table.rows if table else ())
                     if str(r["code"]) == str(answers[field["key"]])), {})
    label, details, rows = {}, [], {}
    for section in forms_schema.display_answers(definition, answers, context=context):
        for item in section.items:
            label[item.key] = item.text
            if item.type == "group":
                rows[item.key] = [{cell.key: cell.text for cell in row} for row in item.rows]
            if item.type in ("file", "group") or item.text == forms_schema.display.EMPTY \
                    or _contact(item.type):
                continue
            details.append({"label": item.label, "value": item.text})
    return {"data": values, "lookup": lookup, "label": label, "details": details,
            "rows": rows}


def _contact(field_type: str) -> bool:
    """An e-mail address or phone number is how the office reaches the applicant, not a fact
    of the permit: the generic certificate, which anyone may be shown, leaves it out (a
    catalogue template may still print it by name)."""
    known = forms_schema.FIELD_TYPES.get(field_type)
    return bool(known and known.contact)


def standard_context(cat: cat_lib.Catalogue, permit: dict, *, number: str, token: str,
                     issued_on: date, valid_until: date | None, signer_name: str,
                     holder: tuple[str, str, str], registration_number: str | None,
                     application_type: str | None, replaces: str | None = None) -> dict:
    """The variables every certificate has, whatever its permit (documents/certificate.py
    lists them); the form's own answers are added by `answer_values`. `replaces` is the
    number of the permit a renewal or an amendment replaces."""
    from ..documents.qr import qr_svg_data_uri

    url = public_url(f"/verifikasi/{token}")
    name, identity, address = holder
    office = cat.agency(current_app.config["OFFICE_AGENCY"]) or cat.agency(permit.get("agency"))
    return {
        "permit": permit, "permit_number": number, "issuer": office or {},
        "agency": cat.agency(permit.get("agency")) or {},
        "applicant": {"name": name, "identity_number": identity, "address": address},
        "valid_until": forms_schema.long_date(valid_until) if valid_until else None,
        "issued_on": forms_schema.long_date(issued_on), "signer": {"name": signer_name},
        "qr_data_uri": qr_svg_data_uri(url), "verification_url": url,
        "registration_number": registration_number,
        "application_type": cat.application_type_name(application_type)
        if application_type else "",
        "replaces": replaced_permit(cat, application_type, replaces),
    }


def replaced_permit(cat: cat_lib.Catalogue, application_type: str | None,
                    number: str | None) -> dict | None:
    """What a renewed or amended permit's certificate says of the permit it replaces: a
    reader holding both documents must see which one counts. The kind is the catalogue's
    own name of the application type; None for a permit that replaces nothing."""
    effect = cat.effect(application_type or "")
    if not number or effect not in (cat_lib.RENEWAL, cat_lib.AMENDMENT):
        return None
    kind = cat.application_type_name(application_type).lower()
    return {"number": number, "kind": kind,
            "text": f"Izin ini diterbitkan atas permohonan {kind} dan menggantikan izin "
                    f"nomor {number}, yang tidak berlaku lagi."}
