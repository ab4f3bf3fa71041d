"""Publishing the office's IKM on the portal: the figures of a period frozen as they were
when published (staff decide when a period's result is final; a later answer changes the
report, not what the public already read, until someone publishes again)."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import SurveyPublication
from ..services.errors import DomainError
from . import ikm, report
from .periods import Period

NOTHING = "Belum ada responden pada periode ini; tidak ada yang dapat dipublikasikan."


def _fixed(value, places: int = 2) -> str | None:
    return None if value is None else str(ikm.rounded(value, places))


def figures(period: Period) -> dict:
    """The office-wide report of `period` as JSON, names in Indonesian and English."""
    both = {lang: report.build(period, lang=lang) for lang in ("id", "en")}
    found = both["id"]
    if not found.respondents or found.ikm is None or found.ikm.score is None:
        raise DomainError(NOTHING)
    indices = []
    for position, index in enumerate(found.indices):
        english = both["en"].indices[position]
        score = index.score
        indices.append({
            "key": index.key, "graded": index.graded,
            "name": {"id": index.name, "en": english.name},
            "value": _fixed(score.value, 3) if score else None,
            "converted": _fixed(score.converted) if score else None,
            "grade": score.grade.letter if score and index.graded else None,
            "kinerja": score.grade.kinerja if score and index.graded else None,
            "items": [{"code": item.code, "name": {"id": item.name,
                                                   "en": english.items[n].name},
                       "nrr": _fixed(item.nrr), "answers": item.answers}
                      for n, item in enumerate(index.items)],
        })
    return {"period": {"kind": period.kind, "year": period.year, "number": period.number,
                       "key": period.key, "label": period.label},
            "respondents": found.respondents, "population": found.population,
            "sample": found.sample, "indices": indices}


def publish(period: Period, user_id: int | None) -> SurveyPublication:
    published = SurveyPublication(period_kind=period.kind, period_key=period.key,
                                  figures=figures(period), published_by_id=user_id)
    db.session.add(published)
    db.session.commit()
    return published


def latest() -> SurveyPublication | None:
    return db.session.scalar(select(SurveyPublication)
                             .order_by(SurveyPublication.id.desc()).limit(1))


def recent(limit: int = 8) -> list[SurveyPublication]:
    return list(db.session.scalars(select(SurveyPublication)
                                   .order_by(SurveyPublication.id.desc()).limit(limit)))
