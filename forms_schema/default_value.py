"""When a field's default value can be judged by the field's own checks.

validate_form_definition judges a default as an answer would be judged (its range, its
pattern, its options). It cannot when another property of the field does not read — a pattern
that is not a regex, a limit of the wrong kind — and that property is reported at its own
path. Any other problem of the field (a min above its max, a key used twice) does not stop
the default being judged: a default of 50 under "min 10, max 2" is still too large.
"""

from __future__ import annotations

import re
from typing import Any

from .compiled import FieldDef
from .context import EMPTY_CONTEXT
from .field_types import FIELD_TYPES


def default_checkable(spec: dict[str, Any], type_name: str) -> bool:
    """True when the field's checks can be built from `spec` and run on its default (a
    default that does not parse is judgeable: that is the default's own problem)."""
    field_type = FIELD_TYPES[type_name]
    fdef = FieldDef(spec.get("key"), type_name, spec)
    try:
        value = field_type.parse(spec["default"], fdef)
    except ValueError:
        return True
    try:
        if not field_type.is_empty(value, fdef):
            for check in field_type.checks(fdef, EMPTY_CONTEXT):
                check(value)
    except (TypeError, ValueError, ArithmeticError, re.error):
        return False
    return True
