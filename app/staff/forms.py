from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField


class StaffLoginForm(FlaskForm):
    identity = StringField(_l("Email"))
    password = PasswordField(_l("Password"))
    captcha = StringField(_l("Kode Captcha"))
    next = HiddenField()


class TotpForm(FlaskForm):
    code = StringField(_l("Kode 6 digit dari aplikasi autentikator"))


class NewPasswordForm(FlaskForm):
    current = PasswordField(_l("Password saat ini"))
    password = PasswordField(_l("Password baru"))
    password_confirm = PasswordField(_l("Ulangi password baru"))
