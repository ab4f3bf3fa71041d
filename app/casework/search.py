"""What a term typed into the grid's search box is, decided once: the grid searches by it
(one indexed equality per kind) and the Excel export's filter line masks it by it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from ..models import Application, IssuedPermit
from ..privacy.masking import mask_identity
from ..services import catalogue_store
from ..services import resi as resi_codes

# the kinds of search term, by shape
RESI, IDENTITY, NUMBER, NAME = "resi", "identity", "number", "name"


@dataclass(frozen=True)
class Term:
    text: str  # as typed, without surrounding spaces
    kind: str  # RESI, IDENTITY, NUMBER or NAME; "" for an empty term
    digits: str  # the text without dots, dashes and spaces (how a NIK/NPWP is compared)

    @property
    def shown(self) -> str:
        """The term as a file that leaves the system may print it: a NIK/NPWP-shaped term
        masked like the identity column of the rows it found."""
        return mask_identity(self.digits) if self.kind == IDENTITY else self.text


def classify(text: str | None) -> Term:
    """What a search term is, judged by its shape: a resi (any case, with or without
    dashes); eight digits or more (dots, dashes and spaces ignored) are NIK/NPWP-shaped (or a
    registration number, or a resi made only of digits); other text with a digit is a
    registration or permit number; anything else is a name. The grid's search and the
    export's filter line both ask this."""
    text = (text or "").strip()
    digits = text.replace(".", "").replace("-", "").replace(" ", "")
    if not text:
        kind = ""
    elif resi_codes.looks_valid(text) and not digits.isdigit():
        kind = RESI
    elif digits.isdigit() and len(digits) >= 8:
        kind = IDENTITY
    elif any(ch.isdigit() for ch in text):
        kind = NUMBER
    else:
        kind = NAME
    return Term(text, kind, digits)


def where(typed: str) -> list:
    """What the search box means, so that each kind of term (`classify`) is one indexed
    equality: a resi, a NIK/NPWP or registration number, a registration or permit number;
    a name is a name, a company or a permit's name (contains)."""
    term = classify(typed)
    text = term.text
    if not term.kind:
        return []
    if term.kind == RESI:
        return [Application.resi == resi_codes.normalise(text)]
    if term.kind == IDENTITY:
        found = [Application.applicant_identity == term.digits,
                 Application.registration_number == text]
        if resi_codes.looks_valid(text):  # a resi made only of digits, however unlikely
            found.append(Application.resi == resi_codes.normalise(text))
        return [or_(*found)]
    if term.kind == NUMBER:
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

