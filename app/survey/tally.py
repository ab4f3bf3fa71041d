"""The monthly aggregate behind the IKM report (table survey_tally).

Each stored response adds 1 to the counter of every (field, value) it gave, per month,
permit, Dinas and questionnaire version, in the response's own transaction: an atomic
upsert, so concurrent answers never lose a count. Every report period is a run of whole
months, so the report reads at most a few thousand counters instead of every response.
`rebuild` recomputes the whole table from the responses (repair, and the check that the
counters agree with the answers).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

from sqlalchemy import delete, func, select

from ..database import add_counts
from ..extensions import db
from ..models import SurveyResponse, SurveyTally
from . import store
from .questionnaire import Questionnaire

Key = tuple[date, str, str, int, str, str]  # month, permit, agency, version, field, value


def keys_of(response: SurveyResponse, questionnaire: Questionnaire) -> Iterator[Key]:
    for field, value in questionnaire.tally_keys(response.answers):
        yield (response.month, response.permit_code, response.agency_code,
               response.version_id, field, value)


def add(response: SurveyResponse, questionnaire: Questionnaire) -> None:
    """In the caller's transaction (the one storing the response)."""
    upsert(Counter(keys_of(response, questionnaire)))


def upsert(counts: Counter) -> None:
    add_counts(SurveyTally, [
        dict(month=k[0], permit_code=k[1], agency_code=k[2], version_id=k[3], field=k[4],
             value=k[5], n=n) for k, n in counts.items()])


def rebuild(batch: int = 5000) -> int:
    """Recomputes every counter from the stored responses; returns how many responses."""
    counts: Counter = Counter()
    seen = 0
    last_id = 0
    while True:
        chunk = list(db.session.scalars(select(SurveyResponse).where(SurveyResponse.id > last_id)
                                        .order_by(SurveyResponse.id).limit(batch)))
        if not chunk:
            break
        parsed = store.questionnaires({r.version_id for r in chunk})
        for response in chunk:
            counts.update(keys_of(response, parsed[response.version_id]))
        seen += len(chunk)
        last_id = chunk[-1].id
        db.session.expunge_all()
    db.session.execute(delete(SurveyTally))
    items = list(counts.items())
    for start in range(0, len(items), batch):
        upsert(Counter(dict(items[start:start + batch])))
    db.session.commit()
    return seen


GROUPS = {"month": SurveyTally.month, "permit": SurveyTally.permit_code,
          "agency": SurveyTally.agency_code}


def sums(start: date, end: date, by: str, *, permit: str | None = None,
         agencies: Iterable[str] | None = None) -> list[tuple]:
    """(month | permit | agency, version, field, value, n) of the months [start, end), summed
    in the database over the other dimensions (a year is ~20,000 counters; this returns a
    few thousand rows per grouping)."""
    key = GROUPS[by]
    total = func.sum(SurveyTally.n)
    stmt = (select(key, SurveyTally.version_id, SurveyTally.field, SurveyTally.value, total)
            .where(SurveyTally.month >= start, SurveyTally.month < end)
            .group_by(key, SurveyTally.version_id, SurveyTally.field, SurveyTally.value))
    if permit:
        stmt = stmt.where(SurveyTally.permit_code == permit)
    if agencies is not None:
        stmt = stmt.where(SurveyTally.agency_code.in_(sorted(agencies)))
    return [tuple(r) for r in db.session.connection().execute(stmt).all()]  # Core rows
