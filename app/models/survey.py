"""Survey IKM: questionnaire versions, responses, the monthly aggregate and publications.

A questionnaire version is immutable, like a catalogue version: a response keeps the id of
the version it answered, so a new version never changes what an old answer meant. One
response per application is a unique constraint, not a check in code, so two tabs or two
servers cannot both store one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, utcnow


class SurveyVersion(Model):
    __tablename__ = "survey_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True, nullable=False)
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[dict] = mapped_column(JSON, nullable=False, deferred=True)
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    source: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"Kuesioner versi {self.number}"


class SurveyResponse(Model):
    """One filled questionnaire. permit, agency and month are copied from the application and
    the moment of answering, so the report never joins the application table."""

    __tablename__ = "survey_response"
    __table_args__ = (
        # the suggestions list: newest first within a period, only responses with text
        Index("ix_survey_response_suggestion", "month", "id",
              sqlite_where=text("suggestion IS NOT NULL"),
              postgresql_where=text("suggestion IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), unique=True, nullable=False)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("survey_version.id", ondelete="RESTRICT"), nullable=False, index=True)
    answers: Mapped[dict] = mapped_column(JSON, nullable=False)
    channel: Mapped[str] = mapped_column(String(16), nullable=False)  # pemohon | portal
    user_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    permit_code: Mapped[str] = mapped_column(String(64), nullable=False)
    agency_code: Mapped[str] = mapped_column(String(32), nullable=False)
    month: Mapped[date] = mapped_column(Date, nullable=False)  # first day, office's calendar
    suggestion: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    version = relationship("SurveyVersion")
    application = relationship("Application")


class SurveyTally(Model):
    """How many responses of a month, permit and questionnaire version gave `value` to
    `field` (field "*" counts the respondents). Kept in the transaction that stores a
    response, so the report reads a few thousand rows instead of every response."""

    __tablename__ = "survey_tally"
    # SQLite keeps the rows in primary-key order (month first), so a period's counters are one
    # contiguous range read without a second lookup per row
    __table_args__ = {"sqlite_with_rowid": False}

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    permit_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("survey_version.id", ondelete="RESTRICT"), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class SurveyPublication(Model):
    """A report the office published on the portal: the figures as they were when published
    (a later answer does not change a published result; publishing again does)."""

    __tablename__ = "survey_publication"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    period_key: Mapped[str] = mapped_column(String(16), nullable=False)
    figures: Mapped[dict] = mapped_column(JSON, nullable=False)
    published_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))


@event.listens_for(SurveyVersion, "before_update")
def _published_is_immutable(_mapper, _connection, target) -> None:
    raise ValueError(f"{target!r} sudah diterbitkan dan tidak dapat diubah")


@event.listens_for(SurveyResponse, "before_update")
def _answers_are_final(_mapper, _connection, target) -> None:
    raise ValueError("Jawaban survey yang sudah dikirim tidak dapat diubah")
