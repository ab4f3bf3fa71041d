"""Forms of the account screens. They carry data and CSRF; `services.user_admin` decides what
is valid (the same rules and messages for the console and `flask users`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget, PasswordInput

from ..forms.web import form_class
from ..services import staff, user_admin
from ..services.errors import DomainError, ValidationFailed
from ..templating import peran


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StaffEditForm(FlaskForm):
    name = StringField(_l("Nama"), render_kw={"maxlength": user_admin.NAME_MAX})
    roles = CheckboxesField(_l("Peran"), choices=[], validate_choice=False)
    agency = SelectField(_l("Instansi"), choices=[], validate_choice=False)

    def fill_choices(self) -> StaffEditForm:
        # the role's name is its key; English readers also read what it does
        self.roles.choices = [(r.name, peran(r.name)) for r in user_admin.staff_roles()]
        self.agency.choices = user_admin.agency_choices()
        return self


def staff_edit_form(**kwargs) -> StaffEditForm:
    """The account form with the staff member's own choices (their language), built from the
    fields their Preferensi page uses, as an administrator reads them
    (services.staff.ACCOUNT_FORM; checked by staff.checked_preferences)."""
    return form_class(staff.ACCOUNT_FORM, base=StaffEditForm)(**kwargs).fill_choices()


class StaffCreateForm(StaffEditForm):
    email = StringField(_l("Email"))
    # typed back after a refusal (nothing typed is lost): a first password the Super Admin
    # hands on, shown to them once anyway
    password = PasswordField(_l("Password awal (kosongkan untuk dibuatkan)"),
                             widget=PasswordInput(hide_value=False))


def staff_create_form(**kwargs) -> StaffCreateForm:
    """The new account's form: the same choices as `staff_edit_form`, chosen at creation."""
    return form_class(staff.ACCOUNT_FORM, base=StaffCreateForm)(**kwargs).fill_choices()


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Alasan (dicatat di log audit)"))


class ApplicantSearchForm(FlaskForm):
    q = StringField(_l("NIK, NPWP, NIB atau email"))


def show_error(form: FlaskForm, exc: DomainError) -> str | None:
    """Puts the service's messages on their fields; returns what belongs to no field."""
    found = exc.errors if isinstance(exc, ValidationFailed) else (
        {exc.field: [exc.message]} if exc.field else {})
    left = None if found else exc.message
    for name, messages in found.items():
        field = getattr(form, name, None)
        if field is None:
            left = "; ".join(messages)
        else:
            field.errors = list(field.errors or []) + list(messages)
    return left
