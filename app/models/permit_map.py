"""Where issued permits are, for the public WebGIS map: one small row per mapped permit and
pre-counted grid cells, both written in the issuing transaction.

Coordinates are stored as whole micro-degrees shifted to be non-negative
(y = (lat + 90) * 10^6, x = (lng + 180) * 10^6), so a grid cell is an integer division that
SQLite and PostgreSQL compute alike, and a viewport is a range on an index. Nothing personal is
stored here: no name, no NIK/NPWP, only what the map may show.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Model


class PermitMapPoint(Model):
    __tablename__ = "permit_map_point"
    __table_args__ = (
        # the viewport query reads only this index: one seek per band of latitude in view
        # (band IN (...)), then a range on x, y and the filters checked in the index
        Index("ix_permit_map_point_bbox", "band", "x", "y", "permit_code", "agency_code",
              "sector_code", "regency_code", "year", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    permit_id: Mapped[int] = mapped_column(
        ForeignKey("issued_permit.id", ondelete="CASCADE"), unique=True, nullable=False)
    band: Mapped[int] = mapped_column(Integer, nullable=False)  # y // BAND (1/64 degree)
    y: Mapped[int] = mapped_column(Integer, nullable=False)
    x: Mapped[int] = mapped_column(Integer, nullable=False)
    permit_code: Mapped[str] = mapped_column(String(64), nullable=False)
    agency_code: Mapped[str] = mapped_column(String(32), nullable=False)
    sector_code: Mapped[str] = mapped_column(String(32), nullable=False)
    regency_code: Mapped[str] = mapped_column(String(13), nullable=False, default="")
    year: Mapped[int] = mapped_column(Integer, nullable=False)


class PermitMapCell(Model):
    """How many mapped permits of one kind (permit, agency, sector, regency, year) fall in
    one cell of one grid level, with the sums of their coordinates (for the centroid)."""

    __tablename__ = "permit_map_cell"

    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    cy: Mapped[int] = mapped_column(Integer, primary_key=True)
    cx: Mapped[int] = mapped_column(Integer, primary_key=True)
    permit_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    sector_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    regency_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    y_sum: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    x_sum: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
