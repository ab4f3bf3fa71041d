"""Account forms that are not data: login, password reset, password change, photo, and the
special controls of registration. The person and company fields of registration and the
profile are form definitions (app/forms/definitions), built by app.forms.web.form_class with
RegisterExtras as their base. Forms carry data and CSRF; services decide what is valid."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, PasswordField, StringField
from wtforms.fields.choices import SelectChoice


def choices(pairs, blank=True) -> list[SelectChoice]:
    """WTForms 3.3 wants SelectChoice objects, not tuples."""
    items = [SelectChoice(str(value), label) for value, label in pairs]
    return [SelectChoice("", _l("-Pilih-"))] + items if blank else items


class CaptchaMixin:
    captcha = StringField(_l("Kode Captcha"))


class RegisterExtras(CaptchaMixin, FlaskForm):
    """Registration's own controls around the definition's fields: the password (its policy is
    in app/passwords.py), the emailed code and the captcha."""

    password = PasswordField(_l("Password"))
    password_confirm = PasswordField(_l("Ulangi Password"))
    email_code = StringField(_l("Kode dari Email"))


class LoginForm(CaptchaMixin, FlaskForm):
    identity = StringField(_l("NIK / NPWP / Email"))
    password = PasswordField(_l("Password"))
    next = HiddenField()


class ForgotForm(CaptchaMixin, FlaskForm):
    identity = StringField(_l("No. KTP / NPWP / NIB"))
    phone = StringField(_l("Telp"))
    email = StringField(_l("E-mail"))


class ResetForm(FlaskForm):
    pin = StringField(_l("PIN dari email"))
    password = PasswordField(_l("Password Baru"))
    password_confirm = PasswordField(_l("Ulangi Password Baru"))


class PasswordForm(FlaskForm):
    old_password = PasswordField(_l("Masukkan Password Lama"))
    new_password = PasswordField(_l("Masukkan Password Baru"))
    new_password_confirm = PasswordField(_l("Ulangi Password Baru"))


class PhotoForm(FlaskForm):
    photo = FileField(_l("Foto Profil"))


class EmptyForm(FlaskForm):
    """Only a CSRF token: logout and other one-button posts."""

