"""The FieldType record and the pieces most types share.

One record per type keeps everything a type means in one place: how the browser gets it
(WTForms field + widget hint), how it is checked (pure functions on the Python value, reused
by the JSON validator), and how it is stored (JSON-native serialise/deserialise).
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import messages as msg
from ..compiled import FieldDef, localise
from ..context import FormContext

Check = Callable[[Any], "str | None"]
# A check that also needs the other answers (the visible scope), e.g. "inside that region".
ScopeCheck = Callable[[Any, Mapping[str, Any]], "str | None"]
COMMON_KEYS = frozenset(
    {"key", "type", "label", "help", "placeholder", "required", "required_if", "visible_if",
     "default", "required_message"}
)


@dataclass(frozen=True)
class BuildContext:
    """What a field factory needs besides the field: locale, context, and for groups a way to
    build the row form (the builder owns that, not the type)."""

    locale: str
    context: FormContext
    row_form: Callable[[FieldDef], type]


def is_blank(value: Any, fdef: FieldDef | None = None) -> bool:
    if value is None or value is False:
        return True
    return isinstance(value, (str, list, tuple)) and len(value) == 0


def no_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    return []


def no_scope_checks(fdef: FieldDef, context: FormContext) -> list[ScopeCheck]:
    return []


def no_attrs(fdef: FieldDef) -> dict[str, Any]:
    return {}


def identity(value: Any, fdef: FieldDef) -> Any:
    return value


@dataclass(frozen=True)
class FieldType:
    """make_field(fdef, common_kwargs, build) -> an unbound WTForms field;
    parse(json_value, fdef) -> Python value, raising ValueError(Indonesian message);
    dump(python_value, fdef) -> JSON-native value;
    checks(fdef, context) -> pure rules run on non-empty Python values;
    scope_checks(fdef, context) -> rules that also read the other (visible) answers;
    template -> the Jinja template whose `render` macro draws the field (one per type, so the
    generic field macro dispatches through this registry, never on type names);
    contact -> the answer is a way to reach a person (e-mail, phone): asked so the office can
    reach them, not a fact of the permit, so a document anyone may see leaves it out unless
    its template prints it by name."""

    name: str
    widget: str
    make_field: Callable[[FieldDef, dict[str, Any], BuildContext], Any]
    parse: Callable[[Any, FieldDef], Any]
    dump: Callable[[Any, FieldDef], Any] = identity
    checks: Callable[[FieldDef, FormContext], list[Check]] = no_checks
    extra_keys: frozenset[str] = frozenset()
    is_empty: Callable[[Any, FieldDef], bool] = is_blank
    html_attrs: Callable[[FieldDef], dict[str, Any]] = no_attrs
    filters: tuple[Callable[[Any], Any], ...] = ()
    scope_checks: Callable[[FieldDef, FormContext], list[ScopeCheck]] = no_scope_checks
    template: str = ""
    contact: bool = False

    def serialise(self, value: Any, fdef: FieldDef) -> Any:
        return self.dump(value, fdef)

    def deserialise(self, value: Any, fdef: FieldDef) -> Any:
        return self.parse(value, fdef)

    def validators(self, fdef: FieldDef, context: FormContext) -> list[Any]:
        from ..rules import FieldRules

        return [FieldRules(fdef, self, self.checks(fdef, context),
                           self.scope_checks(fdef, context))]

    @property
    def allowed_keys(self) -> frozenset[str]:
        return COMMON_KEYS | self.extra_keys


def strip_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def parse_text(value: Any, fdef: FieldDef) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(msg.NOT_TEXT)
    return value.strip()


def dump_text(value: Any, fdef: FieldDef) -> str | None:
    return value or None


def text_parser(normalise: Callable[[str], str]) -> Callable[[Any, FieldDef], str | None]:
    def parse(value: Any, fdef: FieldDef) -> str | None:
        text = parse_text(value, fdef)
        return normalise(text) if text else text

    return parse


def limit_checks(low: Any, high: Any, too_small: Any, too_large: Any,
                 measure: Any = None) -> list[Check]:
    """The one rule for a lower and an upper limit (either may be None: no limit): when
    `measure(value)` (the value itself by default) is below `low` the answer is
    `too_small(low)`, above `high` it is `too_large(high)`."""
    size = measure or (lambda v: v)
    checks: list[Check] = []
    if low is not None:
        below = too_small(low)
        checks.append(lambda v: below if size(v) < low else None)
    if high is not None:
        above = too_large(high)
        checks.append(lambda v: above if size(v) > high else None)
    return checks


def length_checks(fdef: FieldDef) -> list[Check]:
    return limit_checks(fdef.get("min_length"), fdef.get("max_length"), msg.min_length,
                        msg.max_length, len)


def pattern_checks(fdef: FieldDef) -> list[Check]:
    pattern = fdef.get("pattern")
    if pattern is None:
        return []
    regex = re.compile(pattern)
    message = localise(fdef.get("pattern_message"), "id") or msg.PATTERN
    return [lambda v: None if regex.fullmatch(v) else message]


def regex_check(pattern: str, message: str) -> Check:
    regex = re.compile(pattern)
    return lambda v: None if regex.fullmatch(v) else message
