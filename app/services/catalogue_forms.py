"""What a permit's generated form needs from the catalogue and the app: lookup tables, the
permit's requirements, region data, the office's map bounds. Used by the console preview and,
later, the applicant wizard, so both render and check a form the same way."""

from __future__ import annotations

from typing import Any

from flask import current_app

import catalogue as cat_lib
from forms_schema import FormContext

from .. import regions


def requirement_rules(permit: dict) -> dict[str, dict[str, Any]]:
    return {r["key"]: {"formats": r.get("formats") or [], "max_mb": r.get("max_mb")}
            for r in permit.get("requirements") or [] if isinstance(r, dict) and "key" in r}


def form_context(cat: cat_lib.Catalogue, permit: dict,
                 files: dict[str, dict[str, Any]] | None = None,
                 application_type: str | None = None) -> FormContext:
    """`application_type` is what conditions read as `application_type` (a section only a
    revocation needs); None when no type is known (it then reads as empty)."""
    bounds = current_app.config.get("OFFICE_BOUNDS")
    return FormContext(
        lookups=cat.lookup_tables(),
        regions=regions,
        files=files,
        requirements=requirement_rules(permit),
        bounds=tuple(bounds) if bounds else None,
        nik_province_exists=regions.province_exists,
        variables={"application_type": application_type} if application_type else {},
    )


def region_chain(value: str | None, level: str, default_province: str | None = None
                 ) -> list[dict[str, Any]]:
    """Select boxes for a region field, province first, down to the field's level: each with
    its level, options and the chosen code (from `value`, a code at `level`). Without a value,
    a field below province level starts in `default_province` (the office's own)."""
    wanted = regions.LEVELS[: regions.LEVELS.index(level) + 1] if level in regions.LEVELS \
        else regions.LEVELS
    chosen = {r.level: r.code for r in regions.path(value)} if value else {}
    if not chosen and default_province and len(wanted) > 1 \
            and regions.province_exists(default_province):
        chosen = {"province": default_province}
    boxes: list[dict[str, Any]] = []
    parent: str | None = None
    for lvl in wanted:
        if lvl == "province":
            options = regions.provinces()
        else:
            options = regions.children(parent) if parent else []
        boxes.append({"level": lvl, "options": [(r.code, r.name) for r in options],
                      "selected": chosen.get(lvl, "")})
        parent = chosen.get(lvl)
    return boxes


def office_region_chain(value: str | None, level: str) -> list[dict[str, Any]]:
    return region_chain(value, level, current_app.config.get("OFFICE_PROVINCE"))
