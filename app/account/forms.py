"""Account forms. They carry data and CSRF; the services decide what is valid, so the web,
the CLI and the tests all get the same rules and the same Indonesian messages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from ..services.registration import EDUCATION_LEVELS, GENDERS

# options in the reader's language; the posted values stay the services' codes
_GENDER_LABELS = {"L": _l("Laki-laki"), "P": _l("Perempuan")}
GENDER_OPTIONS = [(code, _GENDER_LABELS.get(code, label)) for code, label in GENDERS.items()]
EDUCATION_OPTIONS = [(v, _l("Tidak Sekolah") if v == "Tidak Sekolah" else v)
                     for v in EDUCATION_LEVELS]


def choices(pairs, blank=True) -> list[SelectChoice]:
    """WTForms 3.3 wants SelectChoice objects, not tuples."""
    items = [SelectChoice(str(value), label) for value, label in pairs]
    return [SelectChoice("", _l("-Pilih-"))] + items if blank else items


class RegionMixin:
    province_code = SelectField(_l("Provinsi"), choices=[], validate_choice=False)
    regency_code = SelectField(_l("Kab/Kota"), choices=[], validate_choice=False)
    district_code = SelectField(_l("Kecamatan"), choices=[], validate_choice=False)
    village_code = SelectField(_l("Kelurahan/Desa"), choices=[], validate_choice=False)


class CaptchaMixin:
    captcha = StringField(_l("Kode Captcha"))


class PeroranganForm(RegionMixin, CaptchaMixin, FlaskForm):
    nik = StringField(_l("NIK"))
    npwp = StringField(_l("NPWP"))
    password = PasswordField(_l("Password"))
    password_confirm = PasswordField(_l("Ulangi Password"))
    name = StringField(_l("Nama"))
    gender = SelectField(_l("Jenis Kelamin"),
                         choices=choices(GENDER_OPTIONS),
                         validate_choice=False)
    birth_date = StringField(_l("Tanggal Lahir"))
    education = SelectField(_l("Jenjang Pendidikan"),
                            choices=choices(EDUCATION_OPTIONS),
                            validate_choice=False)
    address = TextAreaField(_l("Alamat Pemohon"))
    phone = StringField(_l("No. Handphone/WhatsApp"))
    postal_code = StringField(_l("Kode Pos"))
    email = StringField(_l("Email"))
    email_code = StringField(_l("Kode dari Email"))


class BadanUsahaForm(RegionMixin, CaptchaMixin, FlaskForm):
    npwp = StringField(_l("NPWP Badan Usaha"))
    company_name = StringField(_l("Nama Perusahaan"))
    nib = StringField(_l("NIB"))
    pic_name = StringField(_l("Nama Penanggung Jawab"))
    pic_nik = StringField(_l("NIK Penanggung Jawab"))
    password = PasswordField(_l("Password"))
    password_confirm = PasswordField(_l("Ulangi Password"))
    address = TextAreaField(_l("Alamat Perusahaan"))
    phone = StringField(_l("No. Telepon/WhatsApp"))
    postal_code = StringField(_l("Kode Pos"))
    email = StringField(_l("Email"))
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


class ProfileForm(RegionMixin, FlaskForm):
    name = StringField(_l("Nama"))
    gender = SelectField(_l("Jenis Kelamin"),
                         choices=choices(GENDER_OPTIONS),
                         validate_choice=False)
    birth_date = StringField(_l("Tanggal Lahir"))
    education = SelectField(_l("Jenjang Pendidikan"),
                            choices=choices(EDUCATION_OPTIONS),
                            validate_choice=False)
    occupation = StringField(_l("Pekerjaan"))
    company_name = StringField(_l("Nama Perusahaan"))
    nib = StringField(_l("NIB"))
    pic_name = StringField(_l("Nama Penanggung Jawab"))
    pic_nik = StringField(_l("NIK Penanggung Jawab"))
    address = TextAreaField(_l("Alamat"))
    phone = StringField(_l("No Telp"))
    postal_code = StringField(_l("Kode Pos"))


class PasswordForm(FlaskForm):
    old_password = PasswordField(_l("Masukkan Password Lama"))
    new_password = PasswordField(_l("Masukkan Password Baru"))
    new_password_confirm = PasswordField(_l("Ulangi Password Baru"))


class PhotoForm(FlaskForm):
    photo = FileField(_l("Foto Profil"))


class EmptyForm(FlaskForm):
    """Only a CSRF token: logout and other one-button posts."""

