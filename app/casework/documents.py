"""The documents of a case and the verdicts that count now.

One rule for every reader (the verifier's screen, the REST API, the applicant's revision):
the verdicts that count are those of the latest review round. While the applicant revises,
that is the round that returned the application; once it is back in process, the new round
starts empty until a verifier checks the documents again.
"""

from __future__ import annotations

from pathlib import PurePath

from .. import i18n
from ..models import Application, DocumentCheck
from ..models import applications as states
from ..privacy.masking import scrub
from ..services import applications as apps


def requirement_names(application: Application, lang: str = "id") -> dict[str, str]:
    """Requirement key -> its name in the pinned catalogue, in `lang` (the staff screen's
    reader); Indonesian for notes, notices and the API, and when the catalogue has no other."""
    permit = apps.permit_of(application)
    return {r["key"]: i18n.text(r["name"], lang) for r in permit.get("requirements", [])}


def verdict_round(application: Application) -> int:
    if application.status == states.REVISION:
        return max(application.revision_round - 1, 0)
    return application.revision_round


def current_verdicts(application: Application) -> dict[str, DocumentCheck]:
    wanted = verdict_round(application)
    return {c.requirement_key: c for c in application.document_checks if c.round == wanted}


def invalid_documents(application: Application) -> dict[str, str]:
    """Requirement key -> the verifier's note, for documents the latest round refused."""
    return {key: check.note for key, check in current_verdicts(application).items()
            if not check.valid}


NAME_MAX = 48  # characters of an uploaded file's original name on the case page


def original_name(filename: str | None, limit: int = NAME_MAX) -> tuple[str, str]:
    """(shown, whole): the name the applicant's file had on their device, as staff read it.
    It is user text: NIK/NPWP-shaped runs are masked (`scrub`, the one masker for text shown
    to staff), before shortening so a cut never leaves half a number unmasked; a long name
    is cut in the middle, keeping its end and extension (".../scan_ktp_final.pdf" tells the
    files apart, the start often does not). Escaping is the template's."""
    whole = scrub((filename or "").strip())
    if len(whole) <= limit:
        return whole, whole
    suffix = PurePath(whole).suffix if len(PurePath(whole).suffix) <= 10 else ""
    tail = max(limit // 3, len(suffix) + 4)
    return whole[: limit - tail - 1] + "…" + whole[-tail:], whole
