"""Applications (permohonan) from first draft to issued permit.

An application is pinned to the catalogue version it started on, so republishing the
catalogue never changes the form, requirements or routing under it. Everything the applicant
typed lives in `data` (JSON, shaped by that version's form definition); the columns beside it
are what lists, queues and searches need without reading JSON.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    select,
    text,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from .base import Model, utcnow
from .catalogue import CatalogueVersion

# lifecycle states, in the order an applicant meets them
DRAFT = "draft"
IN_PROCESS = "in_process"
REVISION = "revision"
REJECTED = "rejected"
ISSUED = "issued"
CANCELLED = "cancelled"
EXPIRED = "expired"
STATUSES = (DRAFT, IN_PROCESS, REVISION, REJECTED, ISSUED, CANCELLED, EXPIRED)
CLOSED_STATUSES = (REJECTED, ISSUED, CANCELLED)


class Application(Model):
    __tablename__ = "application"
    __table_args__ = (
        Index("ix_application_applicant_status", "applicant_id", "status"),
        Index("ix_application_status_submitted", "status", "submitted_at"),
        # back-office grid (app/backoffice/queue_query.py): running applications in SLA
        # order, covering the grid's filters (partial: only status 'in_process'), and
        # "Semua Permohonan" newest first, also per permit and per Dinas
        Index("ix_application_running", "status", "estimated_completion", "id", "submitted_at",
              "agency_code", "permit_code", "application_type", "current_step",
              "applicant_name", "company_name",
              sqlite_where=text("status = 'in_process'"),
              postgresql_where=text("status = 'in_process'")),
        Index("ix_application_submitted", "submitted_at"),
        Index("ix_application_permit_submitted", "permit_code", "submitted_at"),
        Index("ix_application_agency_submitted", "agency_code", "submitted_at"),
        UniqueConstraint("permit_code", "registration_number",
                         name="uq_application_registration_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    applicant_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False
    )
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=DRAFT)
    catalogue_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_version.id"), nullable=False
    )
    catalogue_version_number: Mapped[int] = mapped_column(Integer, nullable=False)
    # the pinned version's digest, read with the application (a subquery on its primary key):
    # with the id it finds the version's parsed form in memory (catalogue_store.catalogue_by),
    # so a page that needs the catalogue does not load the version's row as well. A flush does
    # not expire it: the pinned version never changes, nor does a version's digest
    catalogue_digest: Mapped[str | None] = column_property(
        select(CatalogueVersion.digest).where(CatalogueVersion.id == catalogue_version_id)
        .scalar_subquery(), expire_on_flush=False)
    permit_code: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    permit_name: Mapped[str] = mapped_column(String(300), nullable=False)
    application_type: Mapped[str] = mapped_column(String(32), nullable=False)
    agency_code: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    wizard_step: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    data: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    # denormalised for the back-office search (NIK/NPWP, name or company)
    applicant_identity: Mapped[str] = mapped_column(String(16), nullable=False, default="",
                                                    index=True)
    applicant_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    company_name: Mapped[str | None] = mapped_column(String(200))

    resi: Mapped[str | None] = mapped_column(String(16), unique=True)
    registration_number: Mapped[str | None] = mapped_column(String(100), index=True)
    submit_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    estimated_completion: Mapped[date | None] = mapped_column(Date)
    routing_state: Mapped[dict | None] = mapped_column(JSON)
    current_step: Mapped[str | None] = mapped_column(String(64), index=True)
    revision_due: Mapped[date | None] = mapped_column(Date)
    revision_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    revision_round: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    first_action_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    lock_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow,
                                                 nullable=False)
    # the applicant's issued permit this application renews, amends or revokes (the
    # application type's effect says which), chosen in step 1
    subject_permit_id: Mapped[int | None] = mapped_column(
        ForeignKey("issued_permit.id", ondelete="SET NULL", use_alter=True,
                   name="fk_application_subject_permit_id"), index=True)

    # optimistic locking: an UPDATE carries the version it read; a concurrent change makes
    # it match no row and SQLAlchemy raises StaleDataError instead of overwriting
    __mapper_args__ = {"version_id_col": lock_version}

    applicant = relationship("User", foreign_keys=[applicant_id])
    catalogue_version = relationship("CatalogueVersion")
    tasks = relationship("ApplicationTask", back_populates="application",
                         order_by="ApplicationTask.id", lazy="selectin",
                         passive_deletes=True)
    events = relationship("ApplicationEvent", back_populates="application",
                          order_by="ApplicationEvent.id", passive_deletes=True)
    document_checks = relationship("DocumentCheck", back_populates="application",
                                   order_by="DocumentCheck.id", passive_deletes=True)
    documents = relationship("ApplicationDocument", back_populates="application",
                             order_by="ApplicationDocument.id", lazy="selectin",
                             passive_deletes=True)
    permit = relationship("IssuedPermit", back_populates="application", uselist=False,
                          passive_deletes=True, foreign_keys="IssuedPermit.application_id")
    subject_permit = relationship("IssuedPermit", foreign_keys=[subject_permit_id],
                                  post_update=True)

    @property
    def open_tasks(self) -> list[ApplicationTask]:
        return [t for t in self.tasks if t.is_open]


class ApplicationDocument(Model):
    """A submitted application's document per requirement. The foreign key to the file is
    RESTRICT: a file that a submitted application uses cannot be deleted from File Saya."""

    __tablename__ = "application_document"
    __table_args__ = (UniqueConstraint("application_id", "requirement_key",
                                       name="uq_application_document"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), nullable=False
    )
    requirement_key: Mapped[str] = mapped_column(String(64), nullable=False)
    file_id: Mapped[int] = mapped_column(
        ForeignKey("stored_file.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    attached_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    application = relationship("Application", back_populates="documents")
    file = relationship("StoredFile", lazy="joined")


class ApplicationTask(Model):
    """One row per agency expected to act on the current step: the back-office queues are
    these rows, so "Antrian Saya" is an indexed lookup by (role, agency), not a JSON scan."""

    __tablename__ = "application_task"
    __table_args__ = (
        Index("ix_task_queue", "role", "agency_code", "is_open", "due_date"),
        # back-office grid: "has this application an open task of mine?" (a probe per row),
        # my queue counted per step (both partial: open tasks only), and a Dinas'
        # applications
        Index("ix_task_open_probe", "application_id", "is_open", "role", "agency_code", "step",
              sqlite_where=text("is_open = 1"), postgresql_where=text("is_open = true")),
        Index("ix_task_queue_step", "role", "agency_code", "is_open", "step",
              sqlite_where=text("is_open = 1"), postgresql_where=text("is_open = true")),
        Index("ix_task_agency_application", "agency_code", "application_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), nullable=False, index=True
    )
    step: Mapped[str] = mapped_column(String(64), nullable=False)
    role: Mapped[str] = mapped_column(String(64), nullable=False)
    agency_code: Mapped[str] = mapped_column(String(32), nullable=False)
    is_open: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    due_date: Mapped[date] = mapped_column(Date, nullable=False)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    action: Mapped[str | None] = mapped_column(String(64))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))

    application = relationship("Application", back_populates="tasks")


class ApplicationEvent(Model):
    """Append-only audit trail and the applicant's tracking timeline."""

    __tablename__ = "application_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    actor_role: Mapped[str | None] = mapped_column(String(64))
    actor_agency: Mapped[str | None] = mapped_column(String(32))
    step: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str | None] = mapped_column(String(64))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    from_step: Mapped[str | None] = mapped_column(String(64))
    to_step: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    details: Mapped[dict | None] = mapped_column(JSON)

    application = relationship("Application", back_populates="events")


class DocumentCheck(Model):
    """The verifier's verdict on one requirement's document in the current round; the
    verdicts of earlier rounds stay in the events' details."""

    __tablename__ = "document_check"
    __table_args__ = (UniqueConstraint("application_id", "requirement_key",
                                       name="uq_document_check"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), nullable=False
    )
    requirement_key: Mapped[str] = mapped_column(String(64), nullable=False)
    valid: Mapped[bool] = mapped_column(Boolean, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    checked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))
    checked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    round: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    application = relationship("Application", back_populates="document_checks")


class NumberSequence(Model):
    """Per-permit, per-year counters for registration and permit numbers. Incremented by an
    atomic upsert inside the caller's transaction, so a rollback gives the number back (no
    gaps) and concurrent callers queue on the row (no duplicates)."""

    __tablename__ = "number_sequence"

    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    permit_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class IssuedPermit(Model):
    __tablename__ = "issued_permit"
    __table_args__ = (UniqueConstraint("permit_code", "number", name="uq_issued_permit_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    permit_code: Mapped[str] = mapped_column(String(64), nullable=False)
    number: Mapped[str] = mapped_column(String(100), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    token: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    holder_name: Mapped[str] = mapped_column(String(200), nullable=False)
    holder_identity: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_until: Mapped[date | None] = mapped_column(Date)
    signer_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    # the signed certificate; empty from the issuing commit until its document is produced
    # (right after, or on retry when rendering or signing failed)
    storage_key: Mapped[str | None] = mapped_column(String(200))
    sha256: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))
    # a renewal or an amendment issued a new permit in this one's place
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("issued_permit.id", ondelete="SET NULL"))
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaced_kind: Mapped[str | None] = mapped_column(String(16))  # renewal | amendment

    application = relationship("Application", back_populates="permit",
                               foreign_keys=[application_id])
    replaced_by = relationship("IssuedPermit", remote_side=[id], foreign_keys=[replaced_by_id],
                               post_update=True)

    def status_on(self, day: date) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.replaced_by_id is not None:
            return "replaced"
        if self.valid_until is not None and day > self.valid_until:
            return "expired"
        return "valid"


@event.listens_for(ApplicationEvent, "before_update")
def _events_are_append_only(_mapper, _connection, target) -> None:
    raise ValueError("Riwayat permohonan tidak dapat diubah")


@event.listens_for(ApplicationEvent, "before_delete")
def _events_are_never_deleted(_mapper, _connection, target) -> None:
    raise ValueError("Riwayat permohonan tidak dapat dihapus")
