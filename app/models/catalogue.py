"""Published catalogue versions. A version is immutable: applications pin its number, so
editing the catalogue never changes a form or routing under an application in flight."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, utcnow


class CatalogueVersion(Model):
    __tablename__ = "catalogue_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True, nullable=False)
    # the whole catalogue as JSON: read only when a process first parses the version (the
    # parsed form is kept in memory by id and digest), never when a page just needs its number
    content: Mapped[dict] = mapped_column(JSON, nullable=False, deferred=True)
    digest: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))

    created_by = relationship("User", foreign_keys=[created_by_id])
    # template files: loaded when a certificate is rendered or the catalogue exported
    assets = relationship("CatalogueAsset", back_populates="version", lazy="select",
                          order_by="CatalogueAsset.path")

    def __repr__(self) -> str:
        return f"Versi {self.number}"


class CatalogueAsset(Model):
    """Files the catalogue refers to (certificate templates, requirement templates), copied
    into the version so it is complete on its own."""

    __tablename__ = "catalogue_asset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_version.id", ondelete="CASCADE"), nullable=False, index=True)
    path: Mapped[str] = mapped_column(String(300), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)

    version = relationship("CatalogueVersion", back_populates="assets")


class CatalogueDraft(Model):
    """The console's working copy: edited freely, published only when it validates."""

    __tablename__ = "catalogue_draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content: Mapped[dict] = mapped_column(JSON, nullable=False)
    base_number: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow,
                                                 nullable=False)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"))


@event.listens_for(CatalogueVersion, "before_update")
@event.listens_for(CatalogueAsset, "before_update")
def _published_is_immutable(_mapper, _connection, target) -> None:
    raise ValueError(f"{target!r} sudah diterbitkan dan tidak dapat diubah")
