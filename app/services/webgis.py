"""Reading the WebGIS map: what one viewport shows, a permit's popup, the filter choices.

The browser asks only for its viewport (south, west, north, east) and zoom. Zoomed out, the
answer is read from the pre-counted grid cells (app/services/permit_map.py): a province at
1,000,000 permits is a few hundred rows. Zoomed in, points in the viewport are grouped on
the fly on their index (integer division of the micro-degree coordinates), and near street
level they are sent one by one. A popup is one more request by point id and carries the
permit type, its number, the issue date and the region, never a name or an NIK.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from .. import i18n, regions
from ..extensions import db
from ..i18n import N_
from ..models import IssuedPermit, PermitMapCell, PermitMapPoint
from . import catalogue_store
from .errors import DomainError
from .permit_map import BAND, LEVELS, SCALE, decode, encode

MSG_BBOX_PARTS = N_("Parameter bbox harus berisi selatan,barat,utara,timur.")
MSG_NOT_A_NUMBER = N_("Parameter {name} harus berupa angka.")

# a server cluster stands for about this many screen pixels: finer than the browser's own
# clustering (Leaflet.markercluster merges neighbours on screen), so clusters do not sit on a
# visible grid
CELL_PX = 40
POINTS_FROM_ZOOM = 16  # from here on, single permits (if not too many)
MAX_POINTS = 2000
MAX_ZOOM = 19


@dataclass(frozen=True)
class Viewport:
    south: float
    west: float
    north: float
    east: float
    zoom: int


@dataclass(frozen=True)
class Filters:
    permit: str = ""
    agency: str = ""
    sector: str = ""
    regency: str = ""
    year: int | None = None


def _number(args, name: str, low: float, high: float) -> float:
    try:
        value = float(args.get(name, ""))
    except ValueError:
        raise DomainError(MSG_NOT_A_NUMBER.format(name=name), field=name) from None
    if value != value:  # NaN
        raise DomainError(MSG_NOT_A_NUMBER.format(name=name), field=name)
    return min(max(value, low), high)


def viewport_from(args) -> Viewport:
    """bbox=south,west,north,east and zoom from a query string, clamped to the globe."""
    parts = (args.get("bbox") or "").split(",")
    if len(parts) != 4:
        raise DomainError(MSG_BBOX_PARTS, field="bbox")
    values = dict(zip(("south", "west", "north", "east"), parts, strict=True))
    south = _number(values, "south", -90, 90)
    north = _number(values, "north", -90, 90)
    west = _number(values, "west", -180, 180)
    east = _number(values, "east", -180, 180)
    if south > north or west > east:
        raise DomainError(N_("Parameter bbox tidak sah."), field="bbox")
    zoom = int(_number(args, "zoom", 0, MAX_ZOOM))
    return Viewport(south, west, north, east, zoom)


FILTER_NAMES = ("izin", "instansi", "bidang", "tahun", "wilayah")  # query names of Filters
# each filter as the page labels its control: the notice (and the data's 400) names it so
FILTER_LABELS = {"izin": N_("Jenis Izin"), "instansi": N_("Dinas/Badan"),
                 "bidang": N_("Bidang"), "tahun": N_("Tahun Terbit"),
                 "wilayah": N_("Kabupaten/Kota")}
# each filter's list in `choices`
FILTER_CHOICES = {"izin": "permits", "instansi": "agencies", "bidang": "sectors",
                  "tahun": "years", "wilayah": "regions"}


def year_of(value: str) -> int | None:
    """A year filter's year: four digits, or None (no such year)."""
    return int(value) if value.isdigit() and len(value) == 4 else None


def filters_from(args) -> Filters:
    year = (args.get("tahun") or "").strip()
    return Filters(permit=(args.get("izin") or "").strip()[:64],
                   agency=(args.get("instansi") or "").strip()[:32],
                   sector=(args.get("bidang") or "").strip()[:32],
                   regency=(args.get("wilayah") or "").strip()[:13],
                   year=year_of(year))


def _where(table, filters: Filters) -> list:
    found = []
    for column, value in (("permit_code", filters.permit), ("agency_code", filters.agency),
                          ("sector_code", filters.sector), ("regency_code", filters.regency),
                          ("year", filters.year)):
        if value:
            found.append(table.c[column] == value)
    return found


def level_for(zoom: int) -> int | None:
    """The coarsest pre-counted level whose cells are not much larger than a cluster's
    footprint at this zoom; None = too fine, group the points themselves."""
    target = CELL_PX * 360 * SCALE / (256 * 2 ** zoom)
    for level, size in enumerate(LEVELS):
        if size <= 1.5 * target:
            return level
    return None


def cell_size(zoom: int) -> int:
    return max(1, int(CELL_PX * 360 * SCALE / (256 * 2 ** zoom)))


def _bounds(view: Viewport) -> tuple[int, int, int, int]:
    y0, x0 = encode(view.south, view.west)
    y1, x1 = encode(view.north, view.east)
    return y0, x0, y1, x1


def _rows(column, low: int, high: int):
    """`column IN (low, ..., high)` rather than a range: both databases then seek once per
    value on the index and use the next column's range inside each, so a viewport reads
    (nearly) only what it shows."""
    return column.in_(list(range(low, high + 1)))


def cells_query(view: Viewport, filters: Filters, level: int):
    """Pre-counted cells of one level in the viewport, summed over the filtered kinds."""
    table = PermitMapCell.__table__
    size = LEVELS[level]
    y0, x0, y1, x1 = _bounds(view)
    return (select(func.sum(table.c.count), func.sum(table.c.y_sum), func.sum(table.c.x_sum))
            .where(table.c.level == level, _rows(table.c.cy, y0 // size, y1 // size),
                   table.c.cx.between(x0 // size, x1 // size), *_where(table, filters))
            .group_by(table.c.cy, table.c.cx))


def _in_view(table, view: Viewport) -> list:
    y0, x0, y1, x1 = _bounds(view)
    return [_rows(table.c.band, y0 // BAND, y1 // BAND), table.c.x.between(x0, x1),
            table.c.y.between(y0, y1)]


def groups_query(view: Viewport, filters: Filters, size: int):
    """Points in the viewport grouped into cells of `size` micro-degrees, on their index."""
    table = PermitMapPoint.__table__
    gy, gx = table.c.y // size, table.c.x // size  # integer division on both databases
    return (select(func.count(), func.sum(table.c.y), func.sum(table.c.x), func.min(table.c.id),
                   func.min(table.c.sector_code))
            .where(*_in_view(table, view), *_where(table, filters))
            .group_by(gy, gx))


def points_query(view: Viewport, filters: Filters, limit: int = MAX_POINTS + 1):
    table = PermitMapPoint.__table__
    return (select(table.c.id, table.c.y, table.c.x, table.c.sector_code)
            .where(*_in_view(table, view), *_where(table, filters)).limit(limit))


def _at(y_sum, x_sum, count) -> list[float]:
    """The centroid (PostgreSQL sums bigints as numeric: read as floats)."""
    lat, lng = decode(float(y_sum) / int(count), float(x_sum) / int(count))
    return [round(lat, 6), round(lng, 6)]


def features(view: Viewport, filters: Filters) -> dict:
    """{"clusters": [[lat, lng, count]], "points": [[id, lat, lng, sector]], "total"}."""
    clusters: list[list] = []
    points: list[list] = []
    level = level_for(view.zoom)
    if level is not None:
        for count, y_sum, x_sum in db.session.execute(cells_query(view, filters, level)):
            clusters.append(_at(y_sum, x_sum, count) + [int(count)])
    else:
        rows = []
        if view.zoom >= POINTS_FROM_ZOOM:
            rows = db.session.execute(points_query(view, filters)).all()
        if rows and len(rows) <= MAX_POINTS:
            points = [[pid, *_at(y, x, 1), sector] for pid, y, x, sector in rows]
        else:
            found = db.session.execute(groups_query(view, filters, cell_size(view.zoom)))
            for count, y_sum, x_sum, first_id, sector in found:
                if count == 1:
                    points.append([first_id, *_at(y_sum, x_sum, 1), sector])
                else:
                    clusters.append(_at(y_sum, x_sum, count) + [int(count)])
    total = sum(c[2] for c in clusters) + len(points)
    return {"clusters": clusters, "points": points, "total": total}


# popups and choices ----------------------------------------------------------------------
def popup(point_id: int) -> dict | None:
    """What a visitor may read about one mapped permit: type, number, issue date, region."""
    row = db.session.execute(
        select(PermitMapPoint.permit_code, PermitMapPoint.agency_code,
               PermitMapPoint.sector_code, PermitMapPoint.regency_code, IssuedPermit.number,
               IssuedPermit.valid_from, PermitMapPoint.y, PermitMapPoint.x)
        .join(IssuedPermit, IssuedPermit.id == PermitMapPoint.permit_id)
        .where(PermitMapPoint.id == point_id, IssuedPermit.revoked_at.is_(None))).first()
    if row is None:
        return None
    cat = catalogue_store.current()
    lang = i18n.locale()

    def named(found: dict | None, code: str) -> str:
        return i18n.text((found or {}).get("name"), lang) or code

    place = regions.get(row.regency_code) if row.regency_code else None
    return {"permit": named(cat.permit(row.permit_code) if cat else None, row.permit_code),
            "agency": named(cat.agency(row.agency_code) if cat else None, row.agency_code),
            "sector": named(cat.sector(row.sector_code) if cat else None, row.sector_code),
            "number": row.number, "issued_on": row.valid_from,
            "region": place.name.title() if place else "",
            "at": _at(row.y, row.x, 1)}


def choices(*, years: bool = True) -> dict:
    """Filter options: mapped permit types of the current catalogue, their Dinas and
    sectors, the years on the map (unless `years` is False: a query of its own, which the
    map data's check of its filters needs only for a malformed year), and the regencies of
    the office's province."""
    from flask import current_app

    cat = catalogue_store.current()
    lang = i18n.locale()
    mapped = [p for p in (cat.permits if cat else []) if p.get("map")]
    agencies = {p["agency"] for p in mapped}
    sectors = {p["sector"] for p in mapped}
    on_map = sorted(db.session.scalars(select(PermitMapCell.year).where(
        PermitMapCell.level == 0).distinct()), reverse=True) if years else []
    province = current_app.config["OFFICE_PROVINCE"]
    return {
        "permits": [(p["code"], i18n.text(p["name"], lang)) for p in mapped],
        "agencies": [(a["code"], i18n.text(a["name"], lang))
                     for a in (cat.agencies if cat else []) if a["code"] in agencies],
        "sectors": [(s["code"], i18n.text(s["name"], lang))
                    for s in (cat.sectors if cat else []) if s["code"] in sectors],
        "years": on_map,
        "regions": [(r.code, r.name.title()) for r in regions.children(province)],
    }


def known_codes(options: dict) -> dict[str, list[str]]:
    """Each filter's codes (query name -> codes) as the page offers them in `options`
    (`choices`): a value in the address or the data's query outside them names nothing
    (services.filter_codes), so the page says so and the data refuses it."""
    return {name: [str(c[0]) if isinstance(c, tuple) else str(c) for c in options[key]]
            for name, key in FILTER_CHOICES.items()}
