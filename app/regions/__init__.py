"""Indonesian administrative areas (province > regency > district > village).

The data ships with the code (``data/*.csv.gz``, built by ``scripts/build_regions.py`` from the
npm package ``idn-area-data``, ODbL — see ``data/README.md``), so a region lookup never needs the
network or a database table. Each level is parsed the first time something asks for it: a NIK
check only needs the 38 provinces and should not pay for parsing 83,000 villages.

Codes are the dotted Kemendagri codes: ``64`` (province), ``64.72`` (regency), ``64.72.01``
(district), ``64.72.01.1001`` (village). The level of a code follows from its shape.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import threading
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "LEVELS",
    "Region",
    "children",
    "get",
    "level",
    "name",
    "path",
    "province_exists",
    "provinces",
]

LEVELS = ("province", "regency", "district", "village")

_FILES = {
    "province": "provinces.csv.gz",
    "regency": "regencies.csv.gz",
    "district": "districts.csv.gz",
    "village": "villages.csv.gz",
}

_SHAPES = [
    (re.compile(r"[0-9]{2}"), "province"),
    (re.compile(r"[0-9]{2}\.[0-9]{2}"), "regency"),
    (re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}"), "district"),
    (re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}"), "village"),
]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str
    parent: str | None


class _Level:
    """One level's regions by code plus the children lists of the level above."""

    __slots__ = ("by_code", "by_parent")

    def __init__(self, by_code: dict[str, Region], by_parent: dict[str, list[Region]]):
        self.by_code = by_code
        self.by_parent = by_parent


_lock = threading.Lock()
_cache: dict[str, _Level] = {}


def _sort_key(region: Region) -> tuple[str, str]:
    return (region.name.casefold(), region.code)


def _read(level_name: str) -> _Level:
    raw = resources.files(__package__).joinpath("data", _FILES[level_name]).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    by_code: dict[str, Region] = {}
    by_parent: dict[str, list[Region]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        region = Region(row["code"], row["name"], level_name, row["parent_code"] or None)
        by_code[region.code] = region
        by_parent.setdefault(region.parent or "", []).append(region)
    for siblings in by_parent.values():
        siblings.sort(key=_sort_key)
    return _Level(by_code, by_parent)


def _load(level_name: str) -> _Level:
    loaded = _cache.get(level_name)
    if loaded is None:
        # Double-checked so concurrent first requests parse the file once, and later ones
        # never wait on the lock.
        with _lock:
            loaded = _cache.get(level_name)
            if loaded is None:
                loaded = _cache[level_name] = _read(level_name)
    return loaded


def level(code: str) -> str | None:
    """The level a code's shape denotes, whether or not the region exists."""
    if not isinstance(code, str):
        return None
    for rx, level_name in _SHAPES:
        if rx.fullmatch(code):
            return level_name
    return None


def provinces() -> list[Region]:
    return list(_load("province").by_parent.get("", []))


def children(code: str) -> list[Region]:
    """Regions directly under ``code``, sorted by name; empty for villages and unknown codes."""
    parent_level = level(code)
    if parent_level is None or parent_level == LEVELS[-1]:
        return []
    child_level = LEVELS[LEVELS.index(parent_level) + 1]
    return list(_load(child_level).by_parent.get(code, []))


def get(code: str) -> Region | None:
    level_name = level(code)
    if level_name is None:
        return None
    return _load(level_name).by_code.get(code)


def name(code: str) -> str | None:
    region = get(code)
    return region.name if region else None


def path(code: str) -> list[Region]:
    """Province down to ``code`` (inclusive); empty when the code does not exist."""
    chain: list[Region] = []
    region = get(code)
    while region is not None:
        chain.append(region)
        region = get(region.parent) if region.parent else None
    chain.reverse()
    return chain


def address_names(code: str | None) -> list[str]:
    """The region names of `code` as an address reads them, village first and province last
    ("Bukuan, Palaran, Kota Samarinda, Kalimantan Timur"): the `place` the alamat filter
    writes after the street."""
    return [r.name.title() for r in reversed(path(code or ""))]


def province_exists(code2: str) -> bool:
    return level(code2) == "province" and get(code2) is not None
