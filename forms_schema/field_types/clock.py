"""Times of day and moments: time ("14:30") and datetime ("2026-03-10T14:30").

Both are drawn as the browser's own pickers (input type=time / datetime-local) and stored as
the text those pickers post, so a condition or rule compares them as plain text, the same in
Python and in the browser (canonical form: seconds only when they are not zero). A datetime
is a local time of the office; it carries no zone.
"""

import re
from datetime import datetime, time
from typing import Any

from wtforms import StringField

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from .base import BuildContext, Check, FieldType, limit_checks

_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")
_DATETIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]" + _TIME.pattern)


def parse_time(value: Any, fdef: FieldDef | None = None) -> time | None:
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return value
    if isinstance(value, str) and (match := _TIME.fullmatch(value.strip())):
        return time(int(match[1]), int(match[2]), int(match[3] or 0))
    raise ValueError(msg.NOT_TIME)


def parse_datetime(value: Any, fdef: FieldDef | None = None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, str) and (match := _DATETIME.fullmatch(value.strip())):
        try:
            day = datetime.fromisoformat(match[1])
        except ValueError:
            raise ValueError(msg.NOT_DATETIME) from None
        return day.replace(hour=int(match[2]), minute=int(match[3]), second=int(match[4] or 0))
    raise ValueError(msg.NOT_DATETIME)


def dump_time(value: Any, fdef: FieldDef) -> str | None:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M") if value else None


def dump_datetime(value: Any, fdef: FieldDef) -> str | None:
    if not value:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S" if value.second else "%Y-%m-%dT%H:%M")


def _range(parse: Any) -> Any:
    def checks(fdef: FieldDef, context: FormContext) -> list[Check]:
        return limit_checks(parse(fdef.get("min")), parse(fdef.get("max")),
                            msg.min_moment, msg.max_moment)

    return checks


def _attrs(input_type: str, dump: Any, parse: Any) -> Any:
    def attrs(fdef: FieldDef) -> dict[str, Any]:
        out: dict[str, Any] = {"type": input_type}
        for name in ("min", "max"):
            if fdef.get(name) is not None:
                out[name] = dump(parse(fdef.get(name)), fdef)
        return out

    return attrs


class _MomentField(StringField):
    """Shows the stored value as the picker expects it; conversion errors in Indonesian."""

    def __init__(self, *args: Any, parse: Any, dump: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parse, self.dump = parse, dump

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            try:
                self.data = self.parse(valuelist[0])
            except ValueError:
                self.data = None
                self.raw_text = valuelist[0]
                raise

    def _value(self) -> str:
        if self.data is not None and not isinstance(self.data, str):
            return self.dump(self.data, None) or ""
        return getattr(self, "raw_text", "") or (self.data or "")


def _maker(parse: Any, dump: Any) -> Any:
    def make(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
        return _MomentField(parse=parse, dump=dump, **common)

    return make


TIME = FieldType(
    "time", "time", _maker(parse_time, dump_time), parse_time, dump_time,
    _range(parse_time), frozenset({"min", "max"}),
    html_attrs=_attrs("time", dump_time, parse_time), template="forms/widgets/input.html",
)
DATETIME = FieldType(
    "datetime", "datetime", _maker(parse_datetime, dump_datetime), parse_datetime,
    dump_datetime, _range(parse_datetime), frozenset({"min", "max"}),
    html_attrs=_attrs("datetime-local", dump_datetime, parse_datetime),
    template="forms/widgets/input.html",
)
