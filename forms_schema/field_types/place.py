"""Places: region (an administrative area code) and geopoint (a map pin "lat,lng")."""

import re
from collections.abc import Mapping
from typing import Any

from wtforms import StringField

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from .base import (
    BuildContext,
    Check,
    FieldType,
    ScopeCheck,
    dump_text,
    strip_text,
    text_parser,
)

REGION_DEPTH = {"province": 1, "regency": 2, "district": 3, "village": 4}
REGION_NAMES = {
    "province": "provinsi",
    "regency": "kabupaten/kota",
    "district": "kecamatan",
    "village": "desa/kelurahan",
}
_REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?")
_GEOPOINT = re.compile(r"(-?[0-9]{1,3}(?:\.[0-9]{1,12})?),(-?[0-9]{1,3}(?:\.[0-9]{1,12})?)")


def region_level(fdef: FieldDef) -> str:
    return fdef.get("level", "village")


def _region_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    level = region_level(fdef)
    provider = context.regions

    def check(code: str) -> str | None:
        if not _REGION_CODE.fullmatch(code):
            return msg.REGION_CODE
        if provider is None:
            actual = code.count(".") + 1
            return None if actual == REGION_DEPTH[level] else msg.region_level(REGION_NAMES[level])
        found = provider.level(code)
        if found is None or provider.name(code) is None:
            return msg.REGION_UNKNOWN
        return None if found == level else msg.region_level(REGION_NAMES[level])

    return [check]


def _region_scope_checks(fdef: FieldDef, context: FormContext) -> list[ScopeCheck]:
    """`within`: this field's region must lie inside the one chosen in that other region field
    (the address blocks' four linked selects). An empty or hidden parent is that field's own
    problem, so there is nothing to compare against."""
    parent_key = fdef.get("within")
    if not parent_key:
        return []
    message = msg.region_outside(fdef.label("id"))

    def check(code: str, scope: Mapping[str, Any]) -> str | None:
        parent = scope.get(parent_key)
        if not isinstance(parent, str) or not parent:
            return None
        return None if code.startswith(parent + ".") else message

    return [check]


def parse_point(text: str) -> tuple[float, float] | None:
    match = _GEOPOINT.fullmatch(text)
    return (float(match.group(1)), float(match.group(2))) if match else None


def _geopoint_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    bounds = context.bounds

    def check(text: str) -> str | None:
        point = parse_point(text)
        if point is None:
            return msg.GEOPOINT_FORMAT
        lat, lng = point
        if not -90 <= lat <= 90:
            return msg.LATITUDE
        if not -180 <= lng <= 180:
            return msg.LONGITUDE
        if bounds is not None:
            min_lat, min_lng, max_lat, max_lng = bounds
            if not (min_lat <= lat <= max_lat and min_lng <= lng <= max_lng):
                return msg.OUT_OF_BOUNDS
        return None

    return [check]


def _no_spaces(value: Any) -> Any:
    return value.replace(" ", "") if isinstance(value, str) else value


def _string(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    return StringField(**common)


REGION = FieldType(
    "region", "region", _string, text_parser(str.strip), dump_text, _region_checks,
    frozenset({"level", "within"}), filters=(strip_text,),
    scope_checks=_region_scope_checks, template="forms/widgets/region.html",
)
GEOPOINT = FieldType(
    "geopoint", "map", _string, text_parser(_no_spaces), dump_text, _geopoint_checks,
    filters=(strip_text, _no_spaces), template="forms/widgets/geopoint.html",
)
