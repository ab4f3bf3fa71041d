"""Publishing questionnaire versions and reading them back (the catalogue's rules: a version
is checked whole before it exists, is numbered, never changes, and is parsed once per
process)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..i18n import N_
from ..models import SurveyVersion
from ..services.errors import MSG_NO_CHANGE, MSG_VERSION_TAKEN, DomainError, NothingChanged
from . import questionnaire as q_lib

SAMPLE = Path(__file__).resolve().parent / "definitions" / "kuesioner-ikm.json"
_cache: dict[tuple[int, str], q_lib.Questionnaire] = {}
_lock = threading.Lock()
MSG_REJECTED = N_("Kuesioner tidak valid: {count} masalah ditemukan.")
MSG_UNREADABLE = N_("Berkas kuesioner tidak dapat dibaca: {reason}")
MSG_BAD_JSON = N_("baris {line}: JSON tidak valid ({reason}).")


class QuestionnaireRejected(DomainError):
    def __init__(self, issues: list[str]):
        super().__init__(MSG_REJECTED.format(count=len(issues)))
        self.issues = issues


def current_version() -> SurveyVersion | None:
    return db.session.scalar(select(SurveyVersion).order_by(SurveyVersion.number.desc())
                             .limit(1))


def versions() -> list[SurveyVersion]:
    return list(db.session.scalars(select(SurveyVersion)
                                   .order_by(SurveyVersion.number.desc())))


def get(version_id: int) -> SurveyVersion | None:
    return db.session.get(SurveyVersion, version_id)


def by_number(number: int) -> SurveyVersion | None:
    return db.session.scalar(select(SurveyVersion).where(SurveyVersion.number == number))


def questionnaire_of(version: SurveyVersion) -> q_lib.Questionnaire:
    key = (version.id, version.digest)  # an emptied test database reuses ids
    with _lock:
        found = _cache.get(key)
    if found is None:
        found = q_lib.Questionnaire(version.content)
        with _lock:
            found = _cache.setdefault(key, found)
    return found


def questionnaires(version_ids) -> dict[int, q_lib.Questionnaire]:
    """Parsed versions by id; contents are read only for versions this process lacks."""
    wanted = set(version_ids)
    rows = db.session.execute(select(SurveyVersion.id, SurveyVersion.digest)
                              .where(SurveyVersion.id.in_(wanted))).all() if wanted else []
    found: dict[int, q_lib.Questionnaire] = {}
    for version_id, digest in rows:
        with _lock:
            parsed = _cache.get((version_id, digest))
        if parsed is None:
            parsed = questionnaire_of(db.session.get(SurveyVersion, version_id))
        found[version_id] = parsed
    return found


def read(path: str | Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DomainError(MSG_UNREADABLE.format(reason=exc)) from exc
    except json.JSONDecodeError as exc:
        raise QuestionnaireRejected([MSG_BAD_JSON.format(line=exc.lineno, reason=exc.msg)]) \
            from exc


def publish(content: dict, *, source: str, note: str = "",
            user_id: int | None = None) -> SurveyVersion:
    issues = q_lib.validate(content)
    if issues:
        raise QuestionnaireRejected(issues)
    digest = q_lib.digest(content)
    latest = current_version()
    if latest is not None and latest.digest == digest:
        raise NothingChanged(MSG_NO_CHANGE.format(number=latest.number))
    number = (db.session.scalar(select(func.max(SurveyVersion.number))) or 0) + 1
    version = SurveyVersion(number=number, code=content["code"][:64], content=content,
                            digest=digest, source=source[:200], note=note,
                            created_by_id=user_id)
    db.session.add(version)
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise DomainError(MSG_VERSION_TAKEN) \
            from exc
    return version


def import_path(path: str | Path, *, note: str = "", user_id: int | None = None) -> (
        SurveyVersion):
    return publish(read(path), source=f"impor {Path(path).name}", note=note, user_id=user_id)


def ensure_sample() -> SurveyVersion | None:
    """`flask setup` on a new installation: the shipped questionnaire becomes version 1, so
    the survey works from the first issued permit. An office's own versions are kept."""
    if current_version() is not None:
        return None
    return import_path(SAMPLE, note="Kuesioner contoh bawaan")
