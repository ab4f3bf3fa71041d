"""What a form needs from the outside world to validate, without importing that world.

The web layer fills a FormContext from the database (lookup tables, region data, the
applicant's own files); tests and the CLI fill it from plain dicts.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

# Names a condition or rule may read besides the form's fields, filled from `variables`: the
# application type the form is filled for (a section or field that only a revocation needs).
CONTEXT_NAMES = frozenset({"application_type"})


class RegionProvider(Protocol):
    def name(self, code: str) -> str | None: ...

    def level(self, code: str) -> str | None: ...


class LookupTable:
    """Rows of a reference table (e.g. faskes); each row has at least "code" and "name"."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.rows = tuple(rows)
        self.codes = frozenset(str(row["code"]) for row in self.rows)

    def choices(self, locale: str = "id") -> list[tuple[str, str]]:
        return [(str(row["code"]), _row_name(row, locale)) for row in self.rows]

    def written(self) -> dict[str, Any]:
        """Each row's name as the table writes it, code -> {"id", "en"}: a plain name is the
        table's own, Indonesian, text (a facility's or a KBLI activity's name), which a page
        in another language marks as such."""
        found = {}
        for row in self.rows:
            name = row.get("name")
            if isinstance(name, Mapping) or not name:
                found[str(row["code"])] = name  # a row without a name shows its code
            else:
                found[str(row["code"])] = {"id": str(name)}
        return found

    def __repr__(self) -> str:
        return f"LookupTable({len(self.rows)} rows)"


def _row_name(row: Mapping[str, Any], locale: str) -> str:
    name = row.get("name", row["code"])
    if isinstance(name, Mapping):
        return str(name.get(locale) or name.get("id") or row["code"])
    return str(name)


@dataclass(frozen=True)
class FormContext:
    """Lookups given as plain row lists are wrapped in LookupTable.

    files: the applicant's own uploads, id -> {"name", "size" (bytes), "ext"}. None means the
    applicant owns none, so every file answer is refused: forgetting to pass them must not let
    one applicant attach another's file.
    requirements: permit requirement key -> {"formats": [...], "max_mb": n}.
    bounds: (min_lat, min_lng, max_lat, max_lng) a geopoint must fall in.
    nik_province_exists: checks the first two NIK digits against real province codes.
    today: the date "today" means (date limits, NIK birth dates); None is the real today.
    variables: values of CONTEXT_NAMES for conditions and rules, e.g.
    {"application_type": "perpanjangan"}; a name left out reads as empty.
    """

    lookups: Mapping[str, LookupTable] = field(default_factory=dict)
    regions: RegionProvider | None = None
    files: Mapping[str, Mapping[str, Any]] | None = None
    requirements: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    bounds: tuple[float, float, float, float] | None = None
    nik_province_exists: Callable[[str], bool] | None = None
    today: date | None = None
    variables: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tables = {
            name: table if isinstance(table, LookupTable) else LookupTable(table)
            for name, table in self.lookups.items()
        }
        object.__setattr__(self, "lookups", tables)


EMPTY_CONTEXT = FormContext()
