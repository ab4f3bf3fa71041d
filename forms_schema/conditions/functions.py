"""The functions of the expression language, for rules across fields and rows.

    count(x)       items of a list: rows of a group, choices of a multiselect, values of g.sub
    unique(x)      no value written twice in the list (empty values ignored)
    sum(x)         total of the numbers in the list (empty values ignored)
    abs(x)         a number without its sign
    area_ha(x)     area in hectares of the polygon whose corners are the geopoints in x
    polygon(x)     x (geopoints) is a closed, simple polygon: at least three distinct corners,
                   edges that do not cross, a non-zero area

Every computation is a fixed sequence of IEEE double operations (+ - * / only; the cosine is
a Taylor series written out here, never the platform's libm), so static/js/conditions.js,
which repeats it step by step, gets bit-identical results.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .values import as_float, equals, from_float, kind

EARTH_RADIUS_M = 6371008.8
DEGREE = 0.017453292519943295  # pi / 180, the same double in every language
_POINT = re.compile(r"\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*")


@dataclass(frozen=True)
class Function:
    name: str
    arity: int
    wants: str  # "list" (a group, a multiselect or g.sub), "points" (geopoints) or "number"
    run: Callable[[Sequence[Any]], Any]


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if kind(value) == "list" else [value]


def _count(args: Sequence[Any]) -> Any:
    return len(_items(args[0]))


def _unique(args: Sequence[Any]) -> Any:
    seen: list[Any] = []
    for item in _items(args[0]):
        if item is None:
            continue
        if any(equals(item, other) for other in seen):
            return False
        seen.append(item)
    return True


def _sum(args: Sequence[Any]) -> Any:
    total = 0.0
    for item in _items(args[0]):
        if item is None:
            continue
        number = as_float(item)
        if number is None:
            return None
        total = total + number
    return from_float(total)


def _abs(args: Sequence[Any]) -> Any:
    number = as_float(args[0])
    return None if number is None else from_float(abs(number))


def points(value: Any) -> list[tuple[float, float]] | None:
    """(lat, lng) corners; a last point repeating the first (a closed ring) is dropped.
    None when an item is not a "lat,lng" point."""
    found: list[tuple[float, float]] = []
    for item in _items(value):
        if item is None:
            continue
        match = _POINT.fullmatch(item) if isinstance(item, str) else None
        if match is None:
            return None
        found.append((float(match.group(1)), float(match.group(2))))
    if len(found) > 1 and found[0] == found[-1]:
        found.pop()
    return found


def cosine(x: float) -> float:
    """cos(x) for |x| <= pi/2 (a latitude in radians) by its Taylor series."""
    x2 = x * x
    term = 1.0
    total = 1.0
    for n in range(1, 13):
        term = -term * x2 / ((2 * n - 1) * (2 * n))
        total = total + term
    return total


def area_m2(corners: list[tuple[float, float]]) -> float:
    """Shoelace formula on an equirectangular projection around the mean latitude: exact
    enough (well under 1%) for parcels of a few kilometres."""
    count = len(corners)
    mean = 0.0
    for lat, _lng in corners:
        mean = mean + lat
    mean = mean / count
    ky = EARTH_RADIUS_M * DEGREE
    kx = ky * cosine(mean * DEGREE)
    lat0, lng0 = corners[0]
    twice = 0.0
    for i in range(count):
        lat1, lng1 = corners[i]
        lat2, lng2 = corners[(i + 1) % count]
        x1, y1 = (lng1 - lng0) * kx, (lat1 - lat0) * ky
        x2, y2 = (lng2 - lng0) * kx, (lat2 - lat0) * ky
        twice = twice + (x1 * y2 - x2 * y1)
    return abs(twice) / 2


def _area_ha(args: Sequence[Any]) -> Any:
    corners = points(args[0])
    if corners is None or len(corners) < 3:
        return None
    return from_float(area_m2(corners) / 10000)


def _orientation(a: tuple[float, float], b: tuple[float, float],
                 c: tuple[float, float]) -> int:
    cross = (b[1] - a[1]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[1] - a[1])
    return 1 if cross > 0 else -1 if cross < 0 else 0


def _on_segment(a: tuple[float, float], b: tuple[float, float],
                c: tuple[float, float]) -> bool:
    return (min(a[0], b[0]) <= c[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= c[1] <= max(a[1], b[1]))


def _crosses(p1, p2, q1, q2) -> bool:
    o1, o2 = _orientation(p1, p2, q1), _orientation(p1, p2, q2)
    o3, o4 = _orientation(q1, q2, p1), _orientation(q1, q2, p2)
    if o1 != o2 and o3 != o4:
        return True
    return ((o1 == 0 and _on_segment(p1, p2, q1)) or (o2 == 0 and _on_segment(p1, p2, q2))
            or (o3 == 0 and _on_segment(q1, q2, p1)) or (o4 == 0 and _on_segment(q1, q2, p2)))


def _polygon(args: Sequence[Any]) -> Any:
    corners = points(args[0])
    if corners is None or len(corners) < 3:
        return False
    count = len(corners)
    for i in range(count):
        for j in range(i + 1, count):
            if corners[i] == corners[j]:
                return False
    for i in range(count):
        for j in range(i + 1, count):
            if j == i + 1 or (i == 0 and j == count - 1):
                continue  # neighbouring edges share a corner
            if _crosses(corners[i], corners[(i + 1) % count], corners[j],
                        corners[(j + 1) % count]):
                return False
    return area_m2(corners) > 0


FUNCTIONS: dict[str, Function] = {f.name: f for f in (
    Function("count", 1, "list", _count),
    Function("unique", 1, "list", _unique),
    Function("sum", 1, "list", _sum),
    Function("abs", 1, "number", _abs),
    Function("area_ha", 1, "points", _area_ha),
    Function("polygon", 1, "points", _polygon),
)}
