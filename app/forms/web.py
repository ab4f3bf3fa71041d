"""Building the account and wizard forms for a request: the definition in the reader's
language, the app's FormContext, Flask-WTF's CSRF, and errors from a service put back next to
their fields. Views stay thin: build, hand `posted(form)` to the service, show its errors."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import BooleanField

import forms_schema

from ..i18n import N_
from ..i18n import locale as reader_locale
from . import context, definition
from .i18n import localised

# What a page that comes back with errors says above its form. It points at the words every
# such field carries (its message under it, forms/_parts.html; the error summary that
# static/js/form-errors.js puts above the form and screen readers hear), never at a colour
# alone (WCAG 1.4.1: a red border is lost on people who do not see red).
CHECK_FIELDS = N_("Ada isian yang perlu diperbaiki: pesannya tertulis di bawah setiap isian "
                  "tersebut.")


def not_done(lead: str) -> str:
    """`lead` (what did not happen, already translated) and where the reasons are written:
    the one wording of a form refused field by field, on every page that has one."""
    return " ".join((lead, gettext(CHECK_FIELDS)))


def form_class(name: str, base: type = FlaskForm, lookups: dict | None = None) -> type:
    """The named definition as a WTForms class; `base` adds a form's special controls
    (registration's password and codes, a wizard step's navigation)."""
    locale = reader_locale()
    texts = localised(definition(name), locale, gettext)
    return forms_schema.build_form(texts, locale=locale, context=context(lookups), base=base)


def posted(form: Any) -> dict[str, Any]:
    """What was posted, as typed, for every field of the form (services clean it). A checkbox
    is the yes/no its definition checks: a browser sends the box's value ("y") when it is
    ticked and nothing otherwise, which only the form's field can read."""
    return {
        name: (bool(field.data) if isinstance(field, BooleanField)
               else field.raw_data[0] if field.raw_data else None)
        for name, field in form._fields.items() if name != "csrf_token"
    }


def apply_errors(form: Any, errors: dict[str, list[str]]) -> None:
    """A service's errors next to their fields; errors for no field become flash messages."""
    for field, messages in errors.items():
        target = form._fields.get(field) if hasattr(form, "_fields") else None
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors or []) + list(messages)
        else:
            for message in messages:
                flash(forms_schema.in_language(message, reader_locale()), "danger")
