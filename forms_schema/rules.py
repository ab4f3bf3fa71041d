"""The one place that decides a field's errors, used by both the web form and the JSON path.

Keeping "empty -> required? -> type checks" in a single function is what guarantees that
validate_answers() and a posted WTForms form reject exactly the same answers.
"""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from wtforms.validators import StopValidation

from . import messages as msg
from .compiled import FieldDef, localise
from .visibility import is_required

if TYPE_CHECKING:
    from .field_types.base import Check, FieldType, ScopeCheck


def value_errors(
    fdef: FieldDef,
    field_type: "FieldType",
    value: Any,
    scope: Mapping[str, Any],
    checks: Sequence["Check"],
    scope_checks: Sequence["ScopeCheck"] = (),
) -> list[str]:
    if field_type.is_empty(value, fdef):
        return [required_message(fdef)] if is_required(fdef, scope) else []
    found = [message for check in checks if (message := check(value)) is not None]
    if not found:
        found = [m for check in scope_checks if (m := check(value, scope)) is not None]
    return found


def required_message(fdef: FieldDef) -> str:
    """A definition may word its own "missing" message ("Nama wajib diisi"); the default is
    the generic one. Messages stay Indonesian, like every other check's."""
    return localise(fdef.get("required_message"), "id") or msg.REQUIRED


class FieldRules:
    """WTForms validator wrapping value_errors; reads the answers scope the form computed."""

    def __init__(
        self,
        fdef: FieldDef,
        field_type: "FieldType",
        checks: Sequence["Check"],
        scope_checks: Sequence["ScopeCheck"] = (),
    ):
        self.fdef = fdef
        self.field_type = field_type
        self.checks = tuple(checks)
        self.scope_checks = tuple(scope_checks)
        static = fdef.required and fdef.visible_if is None
        self.field_flags = {"required": True} if static else {}

    def __call__(self, form: Any, field: Any) -> None:
        if field.process_errors:
            raise StopValidation()
        scope = getattr(form, "_fs_scope", {})
        errors = value_errors(
            self.fdef, self.field_type, field.data, scope, self.checks, self.scope_checks
        )
        if errors:
            field.errors.extend(errors)
            raise StopValidation()
        if self.field_type.is_empty(field.data, self.fdef):
            raise StopValidation()
