"""The public requirements page (Persyaratan): what a citizen needs to know before applying,
read from the current published catalogue version. Plain words, no login."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from typing import Any

import catalogue as cat_lib
from catalogue import routing as routing_lib

from ..i18n import text
from ..models import CatalogueVersion
from . import catalogue_store as store

TARGETS = {
    "@applicant": "dikembalikan ke pemohon untuk diperbaiki",
    "@rejected": "permohonan ditolak",
    "@issued": "izin diterbitkan",
}
TARGETS_EN = {
    "@applicant": "returned to the applicant for correction",
    "@rejected": "application rejected",
    "@issued": "permit issued",
}


def rupiah(amount: Any, locale: str = "id") -> str:
    """0 -> "Gratis" ("Free" in English); 1500000 -> "Rp 1.500.000"; 2500.5 -> "Rp 2.500,50"
    (Rupiah keep Indonesian digit grouping in either language, as on Indonesian documents)."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    if value == 0:
        return "Gratis" if locale == "id" else "Free"
    whole = int(value)
    cents = int((value - whole) * 100)
    text_value = f"{whole:,}".replace(",", ".")
    return f"Rp {text_value}" + (f",{cents:02d}" if cents else "")


def validity_text(validity: Any, locale: str = "id") -> str:
    if not isinstance(validity, dict) or not validity:
        return "Berlaku tanpa batas waktu" if locale == "id" else "No expiry"
    words = ({"years": "tahun", "months": "bulan", "days": "hari"} if locale == "id"
             else {"years": "year(s)", "months": "month(s)", "days": "day(s)"})
    return " ".join(f"{validity[k]} {w}" for k, w in words.items() if validity.get(k))


def _haystack(cat: cat_lib.Catalogue, permit: dict) -> str:
    agency = cat.agency(str(permit.get("agency"))) or {}
    sector = cat.sector(str(permit.get("sector"))) or {}
    parts = [permit.get("code"), text(permit.get("name")), text(permit.get("name"), "en"),
             text(permit.get("description")), text(agency.get("name")), agency.get("code"),
             text(sector.get("name")), sector.get("code")]
    return " ".join(str(p or "") for p in parts).casefold()


def listing(cat: cat_lib.Catalogue, query: str = "", agency: str = "", sector: str = ""
            ) -> list[dict]:
    words = (query or "").casefold().split()
    found = [p for p in cat.permits
             if (not agency or p.get("agency") == agency)
             and (not sector or p.get("sector") == sector)
             and all(w in _haystack(cat, p) for w in words)]
    return sorted(found, key=lambda p: text(p.get("name")).casefold())


def filters(cat: cat_lib.Catalogue, locale: str = "id") -> dict[str, list[tuple[str, str]]]:
    """Only agencies and sectors that have at least one permit type."""
    used_agencies = {p.get("agency") for p in cat.permits}
    used_sectors = {p.get("sector") for p in cat.permits}
    return {
        "agencies": [(a["code"], text(a.get("name"), locale)) for a in cat.agencies
                     if a.get("code") in used_agencies],
        "sectors": [(s["code"], text(s.get("name"), locale)) for s in cat.sectors
                    if s.get("code") in used_sectors],
    }


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    who: str
    sla_days: int | None
    parallel: bool
    outcomes: list[str]


def _agency_name(cat: cat_lib.Catalogue, code: str, permit: dict, locale: str) -> str:
    if code == cat_lib.PERMIT_AGENCY:
        code = str(permit.get("agency"))
    agency = cat.agency(code)
    return text(agency.get("name"), locale) if agency else code


def routing_steps(cat: cat_lib.Catalogue, permit: dict, locale: str = "id") -> list[Step]:
    """The permit's routing in plain words. An English reader reads each role with what it
    does (the console's `peran` rule), and an action that sends the file back to an earlier
    step reads as such ("dikembalikan ke ..."), not as forwarding."""
    from ..templating import peran  # the filters module imports this one

    routing = cat.permit_routing(str(permit.get("code"))) or {}
    steps = [s for s in routing.get("steps") or [] if isinstance(s, dict)]
    out = []
    for number, step in enumerate(steps, start=1):
        agencies = step.get("agencies") or ([step["agency"]] if step.get("agency") else [])
        places = list(dict.fromkeys(_agency_name(cat, a, permit, locale) for a in agencies))
        joiner = " dan " if locale == "id" else " and "
        role = str(step.get("role") or "")
        who = peran(role) if locale == "en" else role
        if places:
            who += (" — " + joiner.join(places))
        out.append(Step(number, text(step.get("name"), locale), who, step.get("sla_days"),
                        len(places) > 1, _outcomes(routing, steps, step, locale)))
    return out


def _outcomes(routing: dict, steps: list[dict], step: dict, locale: str) -> list[str]:
    names = {s.get("key"): text(s.get("name"), locale) for s in steps}
    targets = TARGETS if locale == "id" else TARGETS_EN
    outcomes = []
    for target in dict.fromkeys((step.get("actions") or {}).values()):
        if target in targets:
            outcomes.append(targets[target])
            continue
        name = names.get(target, target)
        if routing_lib.leads_back(routing, str(step.get("key")), target):
            outcomes.append(f"dikembalikan ke {name}" if locale == "id" else f"back to {name}")
        else:
            outcomes.append(f"lanjut ke {name}" if locale == "id" else f"on to {name}")
    return outcomes


def requirement_tabs(cat: cat_lib.Catalogue, permit: dict, locale: str = "id"
                     ) -> list[tuple[str, str, list[dict]]]:
    """(application type code, its name, requirements) for each type the permit offers."""
    tabs = []
    for code in permit.get("application_types") or []:
        tabs.append((code, cat.application_type_name(code, locale),
                     cat_lib.requirements_for(permit, code)))
    return tabs


def template_file(version: CatalogueVersion | None, permit_code: str, requirement_key: str
                  ) -> tuple[str, bytes, str] | None:
    """(download name, content, mimetype) of a requirement's template in this version."""
    if version is None:
        return None
    cat = store.catalogue_of(version)
    requirement = cat.requirement(permit_code, requirement_key) if cat.permit(permit_code) \
        else None
    path = (requirement or {}).get("template_file")
    if not path:
        return None
    asset = next((a for a in version.assets if a.path == path), None)
    if asset is None:
        return None
    name = PurePosixPath(path).name
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return name, asset.content, mimetype
