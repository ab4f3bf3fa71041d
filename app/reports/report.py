"""One report: the figures of a period and scope with the names people read (permits,
Dinas, application types, regions, steps from the current catalogue), shared by the
Laporan screen, its Excel export, the PDF recap and the monthly e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import i18n, regions
from ..casework import queue as queue_query
from ..i18n import N_
from ..services import calendar, catalogue_store
from ..services.filter_codes import is_known
from ..services.transitions import Actor
from . import figures
from .period import Period

TOP = 10
MSG_UNKNOWN_AGENCY = N_("Instansi {code} tidak ada di katalog; filter instansi diabaikan.")
MSG_UNKNOWN_PERMIT = N_("Jenis izin {code} tidak ada di katalog; filter jenis izin "
                        "diabaikan.")
ALL_AGENCIES = N_("Semua instansi")  # the scope without a Dinas, in the report's language


class Names:
    """Codes as the current catalogue names them (a code it no longer has stays a code)."""

    def __init__(self, cat, lang: str = "id"):
        self.cat, self.lang = cat, lang
        self.steps = queue_query.step_names(cat, lang) if cat is not None else {}

    def _named(self, item, code: str) -> str:
        return i18n.text(item.get("name"), self.lang) if item else code

    def permit(self, code: str) -> str:
        return self._named(self.cat.permit(code) if self.cat else None, code)

    def agency(self, code: str) -> str:
        return self._named(self.cat.agency(code) if self.cat else None, code)

    def app_type(self, code: str) -> str:
        return self.cat.application_type_name(code, self.lang) if self.cat else code

    def region(self, code: str) -> str:
        return regions.name(code) or code or "—"

    def step(self, key: str) -> str:
        return self.steps.get(key, key) or "—"


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    value: object  # figures.Counts or figures.Speed or int


@dataclass
class Report:
    period: Period
    scope: figures.Scope
    today: date
    names: Names
    received: figures.Received
    closed: figures.Closed
    trend_unit: str
    trend: list[figures.Bucket]
    overdue: figures.Overdue

    @property
    def lang(self) -> str:
        """The language it was built in (its names, month names): its Excel export and PDF
        are written in it too, so an attachment reads like the e-mail it goes with."""
        return self.names.lang

    @property
    def scope_label(self) -> str:
        """The Dinas (or all of them) and the permit the figures cover, in the report's
        language like its other labels (a translated text, as the export's)."""
        where = self.names.agency(self.scope.agency) if self.scope.agency is not None else \
            i18n.translated(ALL_AGENCIES, self.lang)
        if self.scope.permit:
            where += f" · {self.names.permit(self.scope.permit)}"
        return where

    def _lines(self, table: dict, name, order=None) -> list[Line]:
        lines = [Line(key, name(key), value) for key, value in table.items()]
        return sorted(lines, key=order or (lambda line: (-line.value.received, line.label)))

    def by_permit(self) -> list[Line]:
        return self._lines(self.received.by_permit, self.names.permit)

    def by_type(self) -> list[Line]:
        return self._lines(self.received.by_type, self.names.app_type)

    def by_agency(self) -> list[Line]:
        return self._lines(self.received.by_agency, self.names.agency)

    def by_region(self) -> list[Line]:
        return self._lines(self.received.by_region, self.names.region)

    def top_permits(self) -> list[Line]:
        return [line for line in self.by_permit() if line.value.received][:TOP]

    def speed_by_permit(self) -> list[Line]:
        return self._lines(self.closed.by_permit, self.names.permit,
                           lambda line: (-line.value.decided, line.label))

    def speed_by_agency(self) -> list[Line]:
        return self._lines(self.closed.by_agency, self.names.agency,
                           lambda line: (-line.value.decided, line.label))

    def overdue_by_step(self) -> list[Line]:
        return sorted((Line(k, self.names.step(k), n) for k, n in self.overdue.by_step.items()),
                      key=lambda line: (-line.value, line.label))

    def overdue_by_agency(self) -> list[Line]:
        return sorted((Line(k, self.names.agency(k), n)
                       for k, n in self.overdue.by_agency.items()),
                      key=lambda line: (-line.value, line.label))

    def trend_label(self, bucket: figures.Bucket) -> str:
        if self.trend_unit == "day":
            return f"{bucket.start:%d/%m}"
        return Period.month_of(bucket.start).label(self.names.lang)


def known_filters(cat, agency: str, permit: str) -> tuple[str, str, tuple[str, ...]]:
    """(agency, permit, messages): the Dinas and permit codes asked for, each kept only when
    the current catalogue has it (its codes are the ones the report's selects offer); an
    unknown code would read as a Dinas with nothing received, so it is dropped and said
    (whether a code is known: services.filter_codes, the API's rule too)."""
    messages = []
    if not is_known(agency, [a["code"] for a in cat.agencies] if cat else ()):
        messages.append(MSG_UNKNOWN_AGENCY.format(code=agency))
        agency = ""
    if not is_known(permit, [p["code"] for p in cat.permits] if cat else ()):
        messages.append(MSG_UNKNOWN_PERMIT.format(code=permit))
        permit = ""
    return agency, permit, tuple(messages)


def build(scope: figures.Scope, period: Period, *, today: date | None = None,
          lang: str | None = None) -> Report:
    today = today or calendar.today()
    names = Names(catalogue_store.current(), lang or i18n.locale())
    unit, buckets = figures.trend(scope, period)
    return Report(period, scope, today, names, figures.received(scope, period),
                  figures.closed(scope, period), unit, buckets,
                  figures.overdue(scope, today))


def for_actor(actor: Actor, period: Period, *, agency: str = "", permit: str = "",
              today: date | None = None, lang: str | None = None) -> Report:
    return build(figures.scope_for(actor, agency, permit), period, today=today, lang=lang)
