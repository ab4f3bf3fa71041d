"""What a term typed into the grid's search box is, decided once: the grid searches by it
(one indexed equality per kind) and the Excel export's filter line masks it by it."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from ..models import Application, IssuedPermit
from ..services import catalogue_store
from ..services import resi as resi_codes


def where(text: str) -> list:
    """What the search box means, judged by the shape of the text so that each kind is one
    indexed equality: a resi (any case, with or without dashes), a NIK/NPWP (dots and dashes
    ignored), a registration or permit number; anything else is a name, a company or a
    permit's name (contains)."""
    text = text.strip()
    if not text:
        return []
    digits = text.replace(".", "").replace("-", "").replace(" ", "")
    if resi_codes.looks_valid(text) and not digits.isdigit():
        return [Application.resi == resi_codes.normalise(text)]
    if digits.isdigit() and len(digits) >= 8:
        found = [Application.applicant_identity == digits,
                 Application.registration_number == text]
        if resi_codes.looks_valid(text):  # a resi made only of digits, however unlikely
            found.append(Application.resi == resi_codes.normalise(text))
        return [or_(*found)]
    if any(ch.isdigit() for ch in text):
        numbers = sorted({text, text.upper()})
        return [or_(Application.registration_number.in_(numbers), Application.id.in_(
            select(IssuedPermit.application_id).where(  # (permit_code, number) is unique
                IssuedPermit.permit_code.in_(permit_codes()), IssuedPermit.number.in_(numbers))))]
    like = f"%{text.lower()}%"
    found = [func.lower(Application.applicant_name).like(like),
             func.lower(Application.company_name).like(like)]
    codes = permits_named(catalogue_store.current(), text)
    if codes:  # permit_code is in the indexes the name search reads: no extra table reads
        found.append(Application.permit_code.in_(codes))
    return [or_(*found)]


def permit_codes() -> list[str]:
    cat = catalogue_store.current()
    return sorted(p["code"] for p in cat.permits) if cat else []


def permits_named(cat, text: str) -> list[str]:
    """The codes of the catalogue's permits whose name (in either language) or code contains
    `text`: a permit is searched by the name people read, filtered by its indexed code."""
    wanted = text.strip().casefold()
    if not wanted or cat is None:
        return []
    return sorted(p["code"] for p in cat.permits
                  if wanted in p["code"].casefold()
                  or any(wanted in str(name).casefold() for name in _names(p)))


def _names(permit: dict) -> list:
    name = permit.get("name") or {}
    return list(name.values()) if isinstance(name, dict) else [name]

