"""The IKM report of a period (PermenPANRB 14/2017), for the whole office or one permit or
Dinas: per unsur the NRR and weighted NRR, the IKM and its mutu, the same per permit type,
per Dinas and per month, the other indices of the questionnaire (Indeks Persepsi Korupsi),
the respondents against the minimum sample, and the respondent profile.

A few queries: the period's monthly answer counters (survey_tally) summed by month, permit
and Dinas, and the monthly counts of finished applications (the population: the "closed"
report counters the transition engine keeps, app/reports/summary.py), all read by primary
key. Everything else is arithmetic in
`ikm.score`, so the staff screen, the Excel and PDF exports, the published summary and the
tests read one set of figures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from forms_schema import month_names

from .. import i18n
from ..reports import summary as report_counts
from ..services import catalogue_store
from . import ikm, store, tally
from .periods import Period
from .questionnaire import RESPONDENTS, Questionnaire, bin_keys
from .responses import finished_statuses
from .sample_size import minimum_sample


@dataclass(frozen=True)
class ItemRow:
    code: str
    name: str
    answers: int
    total: int
    nrr: Fraction | None
    weighted: Fraction | None


@dataclass(frozen=True)
class IndexRow:
    key: str
    name: str
    graded: bool
    items: list[ItemRow]
    score: ikm.IndexScore | None


@dataclass(frozen=True)
class GroupRow:
    code: str
    name: str
    respondents: int
    population: int
    score: ikm.IndexScore | None

    @property
    def sample(self) -> int:
        return minimum_sample(self.population)


@dataclass(frozen=True)
class ProfileTable:
    field: str
    label: str
    rows: list[tuple[str, int]]  # (answer label, respondents)
    total: int


@dataclass(frozen=True)
class TrendPoint:
    month: date
    label: str
    respondents: int
    score: ikm.IndexScore | None


@dataclass(frozen=True)
class Report:
    period: Period
    permit: str | None
    agency: str | None
    respondents: int
    population: int
    indices: list[IndexRow]
    per_permit: list[GroupRow]
    per_agency: list[GroupRow]
    profile: list[ProfileTable]
    trend: list[TrendPoint]
    versions: list[tuple[int, int]]  # (questionnaire version number, respondents)

    @property
    def sample(self) -> int:
        return minimum_sample(self.population)

    @property
    def ikm(self) -> IndexRow | None:
        return next((i for i in self.indices if i.graded), None)


@dataclass
class _Sums:
    """Counters of one group (the whole scope, a permit, a Dinas or a month)."""

    respondents: int = 0
    items: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # (idx, code)
    profile: dict = field(default_factory=lambda: defaultdict(Counter))  # field -> value

    def add(self, q: Questionnaire, field_key: str, value: str, n: int) -> None:
        if field_key == RESPONDENTS:
            self.respondents += n
            return
        scored = q.scored(field_key)
        if scored is not None:
            cell = self.items[scored]
            cell[0] += n
            cell[1] += int(value) * n
        elif q.profile_field(field_key) is not None:
            self.profile[field_key][value] += n

    def score(self, index_key: str, codes: list[str]) -> ikm.IndexScore | None:
        return ikm.score({c: tuple(self.items.get((index_key, c), (0, 0))) for c in codes})


def build(period: Period, *, permit: str | None = None, agency: str | None = None,
          agencies: Iterable[str] | None = None, lang: str | None = None) -> Report:
    """`agencies`: the Dinas the reader may see (None: all). `lang`: labels' language."""
    lang = lang or i18n.locale()
    scope = None if agencies is None else set(agencies)
    if agency:
        scope = {agency} if scope is None or agency in scope else set()
    window = {"permit": permit, "agencies": scope}
    grouped = {by: tally.sums(period.start, period.end, by, **window)
               for by in ("month", "permit", "agency")}
    parsed = store.questionnaires({r[1] for r in grouped["month"]})
    total, per_month = _Sums(), defaultdict(_Sums)
    per_version: Counter = Counter()
    for month, version_id, field_key, value, n in grouped["month"]:
        q = parsed[version_id]
        total.add(q, field_key, value, n)
        per_month[month].add(q, field_key, value, n)
        if field_key == RESPONDENTS:
            per_version[version_id] += n
    per_permit, per_agency = _grouped(grouped["permit"], parsed), \
        _grouped(grouped["agency"], parsed)
    layout = _Layout(parsed, lang)
    population = _population(period, permit, scope)
    graded = layout.graded_key
    codes = layout.codes.get(graded, [])
    names = _names(lang)
    return Report(
        period=period, permit=permit, agency=agency, respondents=total.respondents,
        population=sum(population.values()),
        indices=[layout.index_row(key, total) for key in layout.index_keys],
        per_permit=_groups(per_permit, _by(population, 0), names["permit"], graded, codes),
        per_agency=_groups(per_agency, _by(population, 1), names["agency"], graded, codes),
        profile=layout.profile_tables(total),
        trend=[TrendPoint(m, f"{month_names('id', short=True)[m.month - 1]} {m.year}",
                          per_month[m].respondents, per_month[m].score(graded, codes)
                          if per_month[m].respondents else None)
               for m in period.month_starts()],
        versions=sorted(((v.number, per_version[v.id]) for v in _versions(per_version)),
                        reverse=True))


def _grouped(rows: list[tuple], parsed: dict[int, Questionnaire]) -> dict[str, _Sums]:
    found: dict[str, _Sums] = defaultdict(_Sums)
    for key, version_id, field_key, value, n in rows:
        found[key].add(parsed[version_id], field_key, value, n)
    return found


class _Layout:
    """Names and order of indices, unsur and profile answers across the versions answered
    in the period; the newest version's wording wins, older codes keep their place."""

    def __init__(self, parsed: dict[int, Questionnaire], lang: str):
        self.lang = lang
        ordered = [parsed[k] for k in sorted(parsed, key=lambda vid: -vid)]  # newest first
        if not ordered:
            current = store.current_version()
            ordered = [store.questionnaire_of(current)] if current else []
        self.index_keys: list[str] = []
        self.index_names: dict[str, str] = {}
        self.graded_key: str = ""
        self.codes: dict[str, list[str]] = defaultdict(list)
        self.item_names: dict[tuple[str, str], str] = {}
        self.profile: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        for q in ordered:
            self._learn(q)

    def _learn(self, q: Questionnaire) -> None:
        for index in q.indices:
            if index.key not in self.index_names:
                self.index_keys.append(index.key)
                self.index_names[index.key] = i18n.text(index.name, self.lang)
            if index.graded and not self.graded_key:
                self.graded_key = index.key
            for item in index.items:
                if item.code not in self.codes[index.key]:
                    self.codes[index.key].append(item.code)
                    self.item_names[(index.key, item.code)] = i18n.text(item.name, self.lang)
        for profile in q.profile:
            if profile.field in self.profile:
                continue
            if profile.bins:
                options = [(k, k.replace("-", "–").replace("+", " +")) for k in
                           bin_keys(profile.bins)]
            else:
                options = q.options(profile.field, self.lang)
            self.profile[profile.field] = (q.field_label(profile.field, self.lang), options)

    def index_row(self, key: str, sums: _Sums) -> IndexRow:
        codes = self.codes[key]
        score = sums.score(key, codes)
        weighted = {u.code: u for u in score.unsur} if score else {}
        items = []
        for code in codes:
            n, total = sums.items.get((key, code), (0, 0))
            found = weighted.get(code)
            items.append(ItemRow(code, self.item_names[(key, code)], n, total,
                                 Fraction(total, n) if n else None,
                                 found.weighted if found else None))
        return IndexRow(key, self.index_names[key], key == self.graded_key, items, score)

    def profile_tables(self, sums: _Sums) -> list[ProfileTable]:
        tables = []
        for field_key, (label, options) in self.profile.items():
            counts = sums.profile.get(field_key, Counter())
            rows = [(text, counts.get(value, 0)) for value, text in options]
            known = {value for value, _ in options}
            rows += [(value, n) for value, n in sorted(counts.items()) if value not in known]
            tables.append(ProfileTable(field_key, label, rows, sum(n for _, n in rows)))
        return tables


def _groups(sums: dict[str, _Sums], population: dict[str, int], names: dict[str, str],
            graded: str, codes: list[str]) -> list[GroupRow]:
    keys = set(sums) | set(population)
    rows = [GroupRow(k, names.get(k, k), sums[k].respondents if k in sums else 0,
                     population.get(k, 0), sums[k].score(graded, codes) if k in sums else None)
            for k in keys]
    return sorted(rows, key=lambda r: (-r.respondents, r.name))


def _by(population: dict[tuple[str, str], int], position: int) -> dict[str, int]:
    found: Counter = Counter()
    for key, n in population.items():
        found[key[position]] += n
    return dict(found)


def _population(period: Period, permit: str | None,
                scope: set[str] | None) -> dict[tuple[str, str], int]:
    """Finished applications of the period per (permit, Dinas): the survey's population."""
    return report_counts.closed_per_permit_and_agency(
        period.start, period.end, finished_statuses(), permit=permit, agencies=scope)


def _names(lang: str) -> dict[str, dict[str, str]]:
    cat = catalogue_store.current()
    if cat is None:
        return {"permit": {}, "agency": {}}
    return {"permit": {p["code"]: i18n.text(p.get("name"), lang) for p in cat.permits},
            "agency": {a["code"]: i18n.text(a.get("name"), lang) for a in cat.agencies}}


def _versions(per_version: Counter) -> list:
    return [v for v in (store.get(vid) for vid in per_version) if v is not None]
