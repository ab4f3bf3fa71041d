"""Keeping the WebGIS map's tables in step with issued permits.

A permit type opts in to the map in the catalogue (`"map": {"field": "<geopoint key>"}`).
When such a permit is issued, `record` writes its point and adds it to the pre-counted grid
cells, inside the issuing transaction (review's Act -> issuance.issue), so the map never shows
a permit that was rolled back and never misses one that was issued. Revocation removes it the
same way (`forget`), and so does a renewal or an amendment for the permit it replaces
(issuance.settle). `rebuild` recomputes both tables from the issued permits, for permits
issued before their type opted in.

Grid levels are cell sizes in micro-degrees; the map asks for the level that suits its zoom
(app/services/webgis.py), so a whole province at 1,000,000 permits is a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Integer, delete, func, literal, literal_column, select, update
from sqlalchemy.dialects import postgresql, sqlite

from forms_schema.field_types.place import parse_point

from ..extensions import db
from ..models import Application, IssuedPermit, PermitMapCell, PermitMapPoint
from . import applications as apps

SCALE = 1_000_000  # micro-degrees
LEVELS = (1_000_000, 250_000, 62_500, 15_625)  # 1 degree, 1/4, 1/16, 1/64 (~1.7 km)
BAND = LEVELS[-1]  # a point's band of latitude: the first column of the viewport index


def encode(lat: float, lng: float) -> tuple[int, int]:
    """(lat, lng) -> (y, x): whole micro-degrees, shifted so both are non-negative."""
    return round((lat + 90) * SCALE), round((lng + 180) * SCALE)


def decode(y: float, x: float) -> tuple[float, float]:
    return y / SCALE - 90, x / SCALE - 180


@dataclass(frozen=True)
class MapRow:
    """What the map keeps of one permit (no personal data)."""

    y: int
    x: int
    permit_code: str
    agency_code: str
    sector_code: str
    regency_code: str
    year: int


def map_row(application: Application, issued: IssuedPermit, permit: dict) -> MapRow | None:
    """The permit's point from the geopoint field its catalogue entry names; None when the
    type is not mapped or the answer is missing or unreadable."""
    field = (permit.get("map") or {}).get("field")
    if not field:
        return None
    answer = ((application.data or {}).get("details") or {}).get(field)
    point = parse_point(answer.replace(" ", "")) if isinstance(answer, str) \
        else None
    if point is None or not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        return None
    location = (application.data or {}).get("location") or {}
    y, x = encode(*point)
    return MapRow(y, x, permit["code"], permit.get("agency", ""), permit.get("sector", ""),
                  (location.get("regency_code") or "")[:13], issued.year)


def record(application: Application, issued: IssuedPermit, permit: dict) -> bool:
    """Puts a just-issued permit on the map (the caller's transaction commits it)."""
    row = map_row(application, issued, permit)
    if row is None:
        return False
    db.session.add(PermitMapPoint(permit_id=issued.id, band=row.y // BAND, y=row.y, x=row.x,
                                  permit_code=row.permit_code, agency_code=row.agency_code,
                                  sector_code=row.sector_code, regency_code=row.regency_code,
                                  year=row.year))
    _count(row, +1)
    return True


def forget(issued: IssuedPermit) -> bool:
    """Takes a (revoked) permit off the map, in the caller's transaction."""
    point = db.session.scalar(select(PermitMapPoint).where(
        PermitMapPoint.permit_id == issued.id))
    if point is None:
        return False
    row = MapRow(point.y, point.x, point.permit_code, point.agency_code, point.sector_code,
                 point.regency_code, point.year)
    db.session.delete(point)
    _count(row, -1)
    return True


def cells_of(row: MapRow) -> Iterable[dict]:
    for level, size in enumerate(LEVELS):
        yield {"level": level, "cy": row.y // size, "cx": row.x // size,
               "permit_code": row.permit_code, "agency_code": row.agency_code,
               "sector_code": row.sector_code, "regency_code": row.regency_code,
               "year": row.year}


def _count(row: MapRow, sign: int) -> None:
    """One upsert per level, always in the same order (no deadlock between two issuers)."""
    table = PermitMapCell.__table__
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" \
        else sqlite.insert
    keys = [table.c[k] for k in ("level", "cy", "cx", "permit_code", "agency_code",
                                 "sector_code", "regency_code", "year")]
    for cell in cells_of(row):
        if sign > 0:
            stmt = insert(table).values(**cell, count=1, y_sum=row.y, x_sum=row.x)
            db.session.execute(stmt.on_conflict_do_update(index_elements=keys, set_={
                "count": table.c.count + 1, "y_sum": table.c.y_sum + row.y,
                "x_sum": table.c.x_sum + row.x}))
        else:
            where = [table.c[k] == v for k, v in cell.items()]
            db.session.execute(update(table).where(*where).values(
                count=table.c.count - 1, y_sum=table.c.y_sum - row.y,
                x_sum=table.c.x_sum - row.x))
            db.session.execute(delete(table).where(*where, table.c.count <= 0))


def rebuild(batch: int = 500) -> int:
    """Recomputes the map from every issued permit still in force (not revoked, not replaced
    by a renewal or an amendment) whose type (in the catalogue version it was issued under)
    is mapped; returns how many are on the map."""
    db.session.execute(delete(PermitMapCell))
    db.session.execute(delete(PermitMapPoint))
    ids = db.session.scalars(select(IssuedPermit.id).where(
        IssuedPermit.revoked_at.is_(None), IssuedPermit.replaced_by_id.is_(None))
        .order_by(IssuedPermit.id)).all()
    mapped = 0
    for start in range(0, len(ids), batch):
        for issued in db.session.scalars(select(IssuedPermit).where(
                IssuedPermit.id.in_(ids[start:start + batch]))):
            row = map_row(issued.application, issued, apps.permit_of(issued.application))
            if row is not None:
                db.session.add(PermitMapPoint(permit_id=issued.id, band=row.y // BAND,
                                              **row.__dict__))
                mapped += 1
        db.session.flush()
    recount_cells()
    db.session.commit()
    return mapped


def recount_cells() -> None:
    """Every level's cells counted again from the points, in SQL (one INSERT ... SELECT per
    level): what `rebuild` and a bulk load use instead of one upsert per permit."""
    points = PermitMapPoint.__table__
    cells = PermitMapCell.__table__
    kinds = [points.c[k] for k in ("permit_code", "agency_code", "sector_code",
                                   "regency_code", "year")]
    db.session.execute(delete(cells))
    for level, size in enumerate(LEVELS):
        # the size inline (our constant), so SELECT and GROUP BY are the same expression
        # for PostgreSQL rather than two bound parameters
        divisor = literal_column(str(int(size)), Integer)
        cy, cx = points.c.y // divisor, points.c.x // divisor
        grouped = select(literal(level), cy, cx, *kinds, func.count(), func.sum(points.c.y),
                         func.sum(points.c.x)).group_by(cy, cx, *kinds)
        db.session.execute(cells.insert().from_select(
            ["level", "cy", "cx", "permit_code", "agency_code", "sector_code", "regency_code",
             "year", "count", "y_sum", "x_sum"], grouped))
