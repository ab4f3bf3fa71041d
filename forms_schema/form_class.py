"""Behaviour every built form (and every group row form) shares.

WTForms validates every field; here a field hidden by its visible_if is skipped entirely
(no required check, no type check, its stale errors cleared), and the answers scope that
required_if and group rows need is computed once per validation.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .compiled import FieldDef, RuleDef
from .form_rules import rule_errors, with_rows
from .visibility import visible_scope
from .wtf_fields import GroupField

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class SchemaFormMixin:
    _fs_fields: tuple[FieldDef, ...] = ()
    _fs_rules: tuple[RuleDef, ...] = ()
    _fs_outer: Mapping[str, Any] = _EMPTY
    _fs_scope: Mapping[str, Any] = _EMPTY
    _fields: dict[str, Any]

    def schema_values(self) -> dict[str, Any]:
        """Current Python values by field key (group: list of row dicts)."""
        values = {}
        for fdef in self._fs_fields:
            field = self._fields[fdef.key]
            values[fdef.key] = field.rows if isinstance(field, GroupField) else field.data
        return values

    def schema_hidden(self) -> frozenset[str]:
        return visible_scope(self._fs_fields, self.schema_values(), self._fs_outer)[1]

    def schema_answers(self) -> dict[str, Any]:
        from .serialisation import serialise

        return serialise(self)

    def schema_errors(self) -> dict[str, list[str]]:
        return form_errors(self)

    def validate(self, extra_validators: Mapping[str, Any] | None = None) -> bool:
        scope, hidden = visible_scope(self._fs_fields, self.schema_values(), self._fs_outer)
        self._fs_scope = scope
        extra = {name: list(chain) for name, chain in (extra_validators or {}).items()}
        for name in self._fields:
            inline = getattr(self.__class__, f"validate_{name}", None)
            if inline is not None:
                extra[name] = [*extra.get(name, ()), inline]
        self._errors = None
        success = True
        for name, field in self._fields.items():
            if name in hidden:
                field.errors = []
                continue
            if not field.validate(self, extra.get(name, ())):
                success = False
        return self._check_rules(scope, hidden) and success

    def _check_rules(self, scope: Mapping[str, Any], hidden: frozenset[str]) -> bool:
        wrong = {name for name, field in self._fields.items()
                 if any(isinstance(error, str) for error in field.errors)}
        found = rule_errors(self._fs_rules, with_rows(self._fs_fields, scope), hidden | wrong)
        for name, messages in found.items():
            field = self._fields.get(name)
            if field is not None:
                field.errors = [*field.errors, *messages]
        return not found


def form_errors(form: Any) -> dict[str, list[str]]:
    """Errors flattened to posted names ("members-0-nik"), the same keys validate_answers uses."""
    flat: dict[str, list[str]] = {}
    for name, field in form._fields.items():
        if isinstance(field, GroupField):
            own = [error for error in field.errors if isinstance(error, str)]
            if own:
                flat[name] = own
            for entry in field.entries:
                for sub, errors in form_errors(entry.form).items():
                    flat[f"{name}-{entry.index}-{sub}"] = errors
        elif field.errors:
            flat[name] = list(field.errors)
    return flat
