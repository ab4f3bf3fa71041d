"""build_form: a fresh WTForms class per call from a form definition.

Fresh classes matter: choices for lookups and files come from the request's context (the
applicant's own files), so nothing built for one request may leak into another.
"""

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import wtforms

from .compiled import FieldDef, compile_definition, localise
from .context import EMPTY_CONTEXT, FormContext
from .field_types import FIELD_TYPES, BuildContext
from .form_class import SchemaFormMixin
from .meta import form_meta


def build_form(
    definition: Mapping[str, Any],
    *,
    locale: str = "id",
    context: FormContext | None = None,
    base: type = wtforms.Form,
) -> type:
    """base lets the web layer pass Flask-WTF's FlaskForm (CSRF) without this package
    importing Flask. Raises FormDefinitionError for an invalid definition."""
    compiled = compile_definition(definition)
    context = context or EMPTY_CONTEXT
    build = _Builder(locale, context)
    meta = tuple(form_meta(compiled, locale, context=context))
    attrs: dict[str, Any] = {f.key: build.field(f) for f in compiled.fields}
    attrs.update(
        _fs_fields=compiled.fields,
        _fs_rules=compiled.rules,
        _fs_outer=MappingProxyType(dict(context.variables)),
        _fs_context=context,
        _fs_locale=locale,
        schema_meta=meta,
        schema_fields={f.key: f for section in meta for f in section.fields},
        # for static/js/conditions.js: what conditions read besides fields, and the rules
        schema_context_json=json.dumps(dict(context.variables), default=str),
        schema_rules_json=json.dumps([r.to_json(locale) for r in compiled.rules]),
        __module__=__name__,
    )
    return type(base)("SchemaForm", (SchemaFormMixin, base), attrs)


class _Builder:
    def __init__(self, locale: str, context: FormContext) -> None:
        self.locale = locale
        self.context = context
        self.build = BuildContext(locale, context, self.row_form)

    def field(self, fdef: FieldDef) -> Any:
        field_type = FIELD_TYPES[fdef.type]
        common: dict[str, Any] = {
            "label": fdef.label(self.locale),
            "description": localise(fdef.get("help"), self.locale) or "",
            "validators": field_type.validators(fdef, self.context),
            "filters": field_type.filters,
            "render_kw": self.render_kw(fdef),
        }
        if "default" in fdef.spec:
            common["default"] = field_type.parse(fdef.get("default"), fdef)
        return field_type.make_field(fdef, common, self.build)

    def render_kw(self, fdef: FieldDef) -> dict[str, Any]:
        attrs = dict(FIELD_TYPES[fdef.type].html_attrs(fdef))
        placeholder = localise(fdef.get("placeholder"), self.locale)
        if placeholder and fdef.type not in ("select", "lookup", "file"):
            attrs["placeholder"] = placeholder
        return attrs

    def row_form(self, group: FieldDef) -> type:
        attrs: dict[str, Any] = {sub.key: self.field(sub) for sub in group.fields}
        attrs.update(_fs_fields=group.fields, _fs_rules=group.rules, __module__=__name__)
        return type(wtforms.Form)("SchemaRowForm", (SchemaFormMixin, wtforms.Form), attrs)
