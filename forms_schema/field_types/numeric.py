"""Numbers and dates: number (integer), decimal, date.

Indonesian users type decimal commas ("1,5"); both the form and the JSON path accept them.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from wtforms.widgets import TextInput

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from ..wtf_fields import DateInput, DecimalInput, IntegerInput
from .base import BuildContext, Check, FieldType, limit_checks

_INTEGER = re.compile(r"-?[0-9]{1,18}")
_DECIMAL = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,10})?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_integer(value: Any, fdef: FieldDef | None = None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(msg.NOT_INTEGER)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    raise ValueError(msg.NOT_INTEGER)


def parse_decimal(value: Any, fdef: FieldDef | None = None) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(msg.NOT_DECIMAL)
    if isinstance(value, Decimal):
        if value.is_finite():
            return value
        raise ValueError(msg.NOT_DECIMAL)
    if isinstance(value, (int, float)):
        value = repr(value)
    if isinstance(value, str):
        text = value.strip()
        text = text.replace(",", ".") if "." not in text else text
        if _DECIMAL.fullmatch(text):
            return Decimal(text)
    raise ValueError(msg.NOT_DECIMAL)


def parse_date(value: Any, fdef: FieldDef | None = None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date) and value.__class__ is date:
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(msg.NOT_DATE)


def _decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _dump_decimal(value: Any, fdef: FieldDef) -> str | None:
    if value is None:
        return None
    places = fdef.get("decimals")
    if places is not None and _decimal_places(value) <= places:
        value = value.quantize(Decimal(1).scaleb(-places))
    return format(value, "f")


def _range_checks(fdef: FieldDef, convert: Any, low_msg: Any, high_msg: Any) -> list[Check]:
    low, high = fdef.get("min"), fdef.get("max")
    return limit_checks(None if low is None else convert(low),
                        None if high is None else convert(high),
                        lambda _: low_msg(low), lambda _: high_msg(high))


def _number_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    return _range_checks(fdef, parse_decimal, msg.min_value, msg.max_value)


def _decimal_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    checks = _number_checks(fdef, context)
    places = fdef.get("decimals")
    if places is not None:
        checks.insert(0, lambda v: msg.decimals(places) if _decimal_places(v) > places else None)
    return checks


TODAY = "today"


def date_limit(limit: Any, today: date | None = None) -> date:
    """A date min/max: an ISO date, or "today" (the day the answer is checked)."""
    if limit == TODAY:
        return today or date.today()
    return date.fromisoformat(limit)


def _date_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    checks: list[Check] = []
    low, high = fdef.get("min"), fdef.get("max")
    if low is not None:
        first = date_limit(low, context.today)
        message = msg.NOT_PAST if low == TODAY else msg.min_date(first)
        checks.append(lambda v: message if v < first else None)
    if high is not None:
        last = date_limit(high, context.today)
        message = msg.NOT_FUTURE if high == TODAY else msg.max_date(last)
        checks.append(lambda v: message if v > last else None)
    return checks


def _date_attrs(fdef: FieldDef) -> dict[str, Any]:
    limits = {
        name: date_limit(fdef.get(name)).isoformat()
        for name in ("min", "max") if fdef.get(name) is not None
    }
    return {**limits, "type": "date"}


def _limits(fdef: FieldDef, **extra: Any) -> dict[str, Any]:
    attrs = {"min": fdef.get("min"), "max": fdef.get("max"), **extra}
    return {name: value for name, value in attrs.items() if value is not None}


def _make_number(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    return IntegerInput(parse_input=parse_integer, **common)


def _make_decimal(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    # A text input, not type=number: browsers refuse the decimal comma Indonesians type.
    return DecimalInput(
        parse_input=parse_decimal, places=fdef.get("decimals"), widget=TextInput(), **common
    )


def _make_date(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    return DateInput(parse_input=parse_date, **common)


NUMBER = FieldType(
    "number", "number", _make_number, parse_integer, checks=_number_checks,
    extra_keys=frozenset({"min", "max"}),
    html_attrs=lambda f: _limits(f, type="number", step=1, inputmode="numeric"),
    template="forms/widgets/input.html",
)
DECIMAL = FieldType(
    "decimal", "decimal", _make_decimal, parse_decimal, _dump_decimal, _decimal_checks,
    frozenset({"min", "max", "decimals"}),
    html_attrs=lambda f: _limits(f, inputmode="decimal"),
    template="forms/widgets/input.html",
)
DATE = FieldType(
    "date", "date", _make_date, parse_date, lambda v, f: v.isoformat() if v else None,
    _date_checks, frozenset({"min", "max", "verify"}), html_attrs=_date_attrs,
    template="forms/widgets/input.html",
)
