"""Respondents' suggestions (Masukan dan Saran, Komentar) of a period, newest first, one page
at a time from the partial index of responses that wrote something. Shown without names:
the survey is anonymous to staff; the permit type is shown for context."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import load_only

from ..models import SurveyResponse
from ..services.pagination import Page, paginate
from .periods import Period

PER_PAGE = 20
EXPORT_MAX = 10_000


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
    return paginate(query(period, **scope), number, PER_PAGE)


def rows(period: Period, limit: int = EXPORT_MAX, **scope) -> Iterator:
    """Newest first, at most `limit` (the Excel export: EXPORT_MAX; the PDF: a few)."""
    from ..extensions import db

    yield from db.session.scalars(query(period, **scope).limit(limit))
