"""Forms of the wizard's fixed steps. They carry values and CSRF; the checks live in
services/wizard_steps.py so the API and tests get the same rules and messages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField

from ..account.forms import RegionMixin, choices
from ..services.wizard_steps import COMPANY_FORMS, COMPANY_STATUSES

# options in the reader's language; the posted values stay the services' words
_LABELS = {"Firma": _l("Firma"), "Koperasi": _l("Koperasi"), "Yayasan": _l("Yayasan"),
           "Perseorangan": _l("Perseorangan"), "Persekutuan Perdata": _l("Persekutuan Perdata"),
           "Lainnya": _l("Lainnya"), "Pusat": _l("Pusat"), "Cabang": _l("Cabang"),
           "Perwakilan": _l("Perwakilan")}


class ChooseForm(FlaskForm):
    agency = SelectField(_l("Dinas/Badan"), choices=[], validate_choice=False)
    permit = SelectField(_l("Jenis Izin"), choices=[], validate_choice=False)
    application_type = SelectField(_l("Jenis Permohonan"), choices=[], validate_choice=False)


class NavForm(FlaskForm):
    """Every step posts `nav`: back (save as typed), next (check, then go on), submit."""

    nav = HiddenField()


class ApplicantStepForm(NavForm):
    phone = StringField(_l("No. Telp/WhatsApp"))
    postal_code = StringField(_l("Kode Pos"))
    email = StringField(_l("Email"))


class CompanyStepForm(RegionMixin, NavForm):
    as_company = BooleanField(_l("Saya mengajukan atas nama badan usaha/perusahaan"))
    nib = StringField(_l("NIB"))
    npwp = StringField(_l("NPWP Perusahaan"))
    npwpd = StringField(_l("NPWPD"))
    name = StringField(_l("Nama Perusahaan"))
    address = TextAreaField(_l("Alamat Perusahaan"))
    form = SelectField(_l("Bentuk Perusahaan"),
                       choices=choices((v, _LABELS.get(v, v)) for v in COMPANY_FORMS),
                       validate_choice=False)
    status = SelectField(_l("Status Perusahaan"),
                         choices=choices((v, _LABELS.get(v, v)) for v in COMPANY_STATUSES),
                         validate_choice=False)
    phone = StringField(_l("Telp"))
    postal_code = StringField(_l("Kode Pos Perusahaan"))


class LocationStepForm(RegionMixin, NavForm):
    street = StringField(_l("Jalan"))
    number = StringField(_l("No"))
    rt = StringField(_l("RT"))
    rw = StringField(_l("RW"))
    latitude = StringField(_l("Koordinat Lintang (Latitude)"))
    longitude = StringField(_l("Koordinat Bujur (Longitude)"))
