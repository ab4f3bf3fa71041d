"""The grid's filters as a link carries them: parsed from the query string (a bad value is
reported and ignored), and written back into links for pages, sorting and the export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..i18n import N_
from ..services.filter_codes import checked
from ..services.pagination import filter_values, link_args, ordered_dates, page_number

MINE = "mine"
ALL = "all"
SORTS = {"resi": "Resi", "registrasi": "No. Registrasi", "status": "Status",
         "tanggal": "Tanggal", "sla": "Sisa SLA"}
DEFAULT_SORT = {MINE: ("sla", False), ALL: ("tanggal", True)}
# the filters that take a code: (attribute, its choices in queue_summary.choices, its label)
CODES = (("status", "status", N_("Status")), ("step", "step", N_("Tahap")),
         ("agency", "agency", N_("Instansi")), ("permit", "permit", N_("Jenis Izin")),
         ("app_type", "jenis", N_("Jenis Permohonan")))
# only orders that an index gives without sorting every matching row
SORTABLE = {MINE: frozenset(("sla", "tanggal")),
            ALL: frozenset(("resi", "registrasi", "status", "tanggal"))}


# the filters a link may carry (the search term never: see Filters.search_id)
LINK_KEYS = ("status", "step", "agency", "permit", "jenis", "dari", "sampai", "terlambat",
             "urut", "arah")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    status: str = ""
    step: str = ""
    agency: str = ""
    permit: str = ""
    app_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    sort: str = ""
    desc: bool = False
    page: int = 1
    errors: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, compare=False)
    # the search term travels in links as this opaque id ("cari"), never as itself: a NIK
    # typed into the search box must not reach URLs, browser history or logs (the web views
    # keep the term in the session, app/backoffice/search_terms.py)
    search_id: str = ""

    @classmethod
    def parse(cls, args, scope: str) -> Filters:
        """From query-string values; a bad value is reported and ignored, never an error."""
        errors = []
        raw = filter_values(args, (
            "q", "status", "step", "agency", "permit", "jenis", "dari", "sampai", "terlambat",
            "urut", "arah", "hal", "cari"))
        dates = {}
        for key, label in (("dari", "Tanggal awal"), ("sampai", "Tanggal akhir")):
            dates[key] = None
            if raw[key]:
                try:
                    dates[key] = date.fromisoformat(raw[key])
                except ValueError:
                    errors.append(f"{label} tidak valid (format TTTT-BB-HH); filter diabaikan.")
        dates["dari"], dates["sampai"], swapped = ordered_dates(dates["dari"], dates["sampai"])
        errors.extend([swapped] if swapped else [])
        default_sort, default_desc = DEFAULT_SORT[scope]
        sort = raw["urut"] if raw["urut"] in SORTABLE[scope] else default_sort
        desc = raw["arah"] == "turun" if raw["arah"] in ("naik", "turun") else (
            default_desc if sort == default_sort else False)
        return cls(q=raw["q"], status=raw["status"], step=raw["step"], agency=raw["agency"],
                   permit=raw["permit"], app_type=raw["jenis"], date_from=dates["dari"],
                   date_to=dates["sampai"], overdue=raw["terlambat"] == "1", sort=sort,
                   desc=desc, page=page_number(raw["hal"]), errors=tuple(errors), raw=raw,
                   search_id=raw["cari"] if raw["q"] else "")

    def within(self, choices: Mapping[str, Sequence[tuple[str, str]]]) -> Filters:
        """These filters with every code the grid's selects do not offer (`choices`,
        queue_summary.choices) said in `errors` and dropped: an unknown Dinas or status
        would otherwise show an empty grid, as if nothing were waiting."""
        errors = list(self.errors)
        found = {attr: checked(getattr(self, attr), [c for c, _ in choices.get(key, ())],
                               what, errors) for attr, key, what in CODES}
        return replace(self, **found, errors=tuple(errors))

    def args(self, **changes) -> dict:
        """The query-string of these filters (for links: pages, sorting, export). The search
        term is its opaque id, never the term."""
        values = {"cari": self.search_id, "status": self.status, "step": self.step,
                  "agency": self.agency,
                  "permit": self.permit, "jenis": self.app_type,
                  "dari": self.date_from.isoformat() if self.date_from else "",
                  "sampai": self.date_to.isoformat() if self.date_to else "",
                  "terlambat": "1" if self.overdue else "", "urut": self.sort,
                  "arah": "turun" if self.desc else "naik", "hal": str(self.page)}
        return link_args(values, **changes)

    @property
    def active(self) -> bool:
        return any((self.q, self.status, self.step, self.agency, self.permit, self.app_type,
                    self.date_from, self.date_to, self.overdue))
