"""Who may answer the survey, and storing an answer.

One rule for every way in (the applicant's IKM button, the dashboard, the Inbox invitation,
the public portal by resi): the application must be finished (issued; rejected too when the
office sets SURVEY_INCLUDE_REJECTED), and it is answered once. The answer is checked by the
same form engine that rendered it (forms_schema.clean_answers), pinned to the questionnaire
version the person saw, and stored with its aggregate counters in one transaction.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

import forms_schema

from ..extensions import db
from ..forms.web import CHECK_FIELDS
from ..models import Application, SurveyResponse, SurveyVersion, utcnow
from ..models import applications as states
from ..services import calendar
from ..services import resi as resi_codes
from ..services.errors import DomainError
from . import store, tally

CHANNELS = ("pemohon", "portal")

# the refusals, one text each (translated where shown: see app/survey/texts.py)
NOT_FINISHED = ("Survey hanya dapat diisi untuk permohonan yang sudah selesai. Tunggu hingga "
                "permohonan selesai diproses.")
ALREADY = "Survey untuk permohonan ini sudah diisi. Satu permohonan hanya dapat diisi satu kali."
NO_QUESTIONNAIRE = "Kuesioner survey belum diterbitkan. Coba lagi nanti."
UNKNOWN_VERSION = "Versi kuesioner tidak dikenal. Muat ulang halaman lalu isi kembali."
NOT_FOUND = "Nomor resi tidak ditemukan. Periksa kembali penulisannya."


class SurveyClosed(DomainError):
    """The application is not (yet) one that may be surveyed."""


class AlreadyAnswered(DomainError):
    pass


class InvalidAnswers(DomainError):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(CHECK_FIELDS)
        self.errors = errors


def finished_statuses() -> tuple[str, ...]:
    if current_app.config.get("SURVEY_INCLUDE_REJECTED"):
        return (states.ISSUED, states.REJECTED)
    return (states.ISSUED,)


def is_finished(application: Application) -> bool:
    return application.status in finished_statuses()


def response_of(application_id: int) -> SurveyResponse | None:
    return db.session.scalar(select(SurveyResponse)
                             .where(SurveyResponse.application_id == application_id))


def answered(application_ids) -> set[int]:
    """Which of these applications have a response (one query for a page of rows)."""
    ids = list(application_ids)
    if not ids:
        return set()
    return set(db.session.scalars(select(SurveyResponse.application_id)
                                  .where(SurveyResponse.application_id.in_(ids))))


def pending(user_id: int, limit: int = 3) -> list[Application]:
    """The applicant's finished applications still waiting for their survey, newest first."""
    answered_ids = select(SurveyResponse.application_id).where(
        SurveyResponse.application_id == Application.id)
    return list(db.session.scalars(
        select(Application).where(Application.applicant_id == user_id,
                                  Application.status.in_(finished_statuses()),
                                  ~answered_ids.exists())
        .order_by(Application.closed_at.desc(), Application.id.desc()).limit(limit)))


def state(application: Application, answered_ids: set[int] | None = None) -> str:
    """"done", "open" or "closed" (not finished), for the IKM buttons."""
    done = application.id in answered_ids if answered_ids is not None else \
        response_of(application.id) is not None
    if done:
        return "done"
    return "open" if is_finished(application) else "closed"


def check_open(application: Application) -> None:
    """Raises the refusal a person should read, before a form is shown or stored."""
    if response_of(application.id) is not None:
        raise AlreadyAnswered(ALREADY)
    if not is_finished(application):
        raise SurveyClosed(NOT_FINISHED)


def find_by_resi(typed: str) -> Application | None:
    code = resi_codes.normalise(typed)
    if not resi_codes.looks_valid(code):
        return None
    return db.session.scalar(select(Application).where(Application.resi == code))


def version_for(number: int | str | None) -> SurveyVersion:
    """The version the person is answering: the one their page showed, else the current."""
    if number not in (None, ""):
        try:
            found = store.by_number(int(number))
        except (TypeError, ValueError):
            found = None
        if found is None:
            raise DomainError(UNKNOWN_VERSION)
        return found
    found = store.current_version()
    if found is None:
        raise DomainError(NO_QUESTIONNAIRE)
    return found


def submit(application: Application, version: SurveyVersion, answers: dict, *,
           channel: str, user=None) -> SurveyResponse:
    if channel not in CHANNELS:
        raise ValueError(channel)
    check_open(application)
    questionnaire = store.questionnaire_of(version)
    clean, errors = forms_schema.clean_answers(questionnaire.form, answers)
    if errors:
        raise InvalidAnswers(errors)
    now = utcnow()
    day = calendar.local_date(now)
    response = SurveyResponse(
        application_id=application.id, version_id=version.id, answers=clean, channel=channel,
        user_id=getattr(user, "id", None), permit_code=application.permit_code,
        agency_code=application.agency_code, month=date(day.year, day.month, 1),
        suggestion=questionnaire.suggestion_text(clean), submitted_at=now)
    db.session.add(response)
    try:
        db.session.flush()  # the unique application_id: a second answer stops here
        tally.add(response, questionnaire)
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise AlreadyAnswered(ALREADY) from exc
    return response
