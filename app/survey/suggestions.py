"""Respondents' suggestions (Masukan dan Saran, Komentar) of a period, newest first, one page
at a time from the partial index of responses that wrote something. Shown without names:
the survey is anonymous to staff; the permit type is shown for context. A respondent who
types their NIK or NPWP into the text is not named either: every text staff read here (the
screens, the Excel and the PDF) has been through the one masker, `privacy.masking.scrub`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import load_only

from ..models import SurveyResponse
from ..privacy.masking import scrub
from ..services.pagination import Page, paginate
from .periods import Period

PER_PAGE = 20
EXPORT_MAX = 10_000


@dataclass(frozen=True)
class Suggestion:
    """A suggestion as staff read it (a copy, so the masked text can never be flushed back)."""

    submitted_at: datetime | None
    permit_code: str
    agency_code: str
    suggestion: str

    @classmethod
    def of(cls, response: SurveyResponse) -> Suggestion:
        return cls(response.submitted_at, response.permit_code, response.agency_code,
                   scrub(response.suggestion))


def query(period: Period, *, permit: str | None = None, agency: str | None = None,
          agencies: Iterable[str] | None = None):
    stmt = (select(SurveyResponse)
            .options(load_only(SurveyResponse.id, SurveyResponse.submitted_at,
                               SurveyResponse.permit_code, SurveyResponse.agency_code,
                               SurveyResponse.suggestion))
            .where(SurveyResponse.suggestion.is_not(None),
                   SurveyResponse.month >= period.start, SurveyResponse.month < period.end))
    if permit:
        stmt = stmt.where(SurveyResponse.permit_code == permit)
    if agency:
        stmt = stmt.where(SurveyResponse.agency_code == agency)
    if agencies is not None:
        stmt = stmt.where(SurveyResponse.agency_code.in_(sorted(agencies)))
    return stmt.order_by(SurveyResponse.month.desc(), SurveyResponse.id.desc())


def page(period: Period, number, **scope) -> Page:
    found = paginate(query(period, **scope), number, PER_PAGE)
    return replace(found, items=[Suggestion.of(r) for r in found.items])


def rows(period: Period, limit: int = EXPORT_MAX, **scope) -> Iterator:
    """Newest first, at most `limit` (the Excel export: EXPORT_MAX; the PDF: a few)."""
    from ..extensions import db

    for response in db.session.scalars(query(period, **scope).limit(limit)):
        yield Suggestion.of(response)
