"""Forms of the wizard's fixed steps. Steps 2 and 3 are form definitions
(app/forms/definitions/wizard_applicant.json, wizard_company.json) built on NavForm; the checks
live in services/wizard_steps.py so the API and tests get the same rules and messages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField


class RegionMixin:
    province_code = SelectField(_l("Provinsi"), choices=[], validate_choice=False)
    regency_code = SelectField(_l("Kab/Kota"), choices=[], validate_choice=False)
    district_code = SelectField(_l("Kecamatan"), choices=[], validate_choice=False)
    village_code = SelectField(_l("Kelurahan/Desa"), choices=[], validate_choice=False)


class ChooseForm(FlaskForm):
    agency = SelectField(_l("Dinas/Badan"), choices=[], validate_choice=False)
    permit = SelectField(_l("Jenis Izin"), choices=[], validate_choice=False)
    application_type = SelectField(_l("Jenis Permohonan"), choices=[], validate_choice=False)
    # a renewal, amendment or revocation names one of the applicant's issued permits
    subject = SelectField(_l("Izin yang diproses"), choices=[], validate_choice=False)


class NavForm(FlaskForm):
    """Every step posts `nav`: back (save as typed), next (check, then go on), submit."""

    nav = HiddenField()


class CompanyStepExtras(NavForm):
    """Step 3's own switch: a Perorangan fills the company fields only when applying for one."""

    as_company = BooleanField(_l("Saya mengajukan atas nama badan usaha/perusahaan"))


class LocationStepForm(RegionMixin, NavForm):
    street = StringField(_l("Jalan"))
    number = StringField(_l("No"))
    rt = StringField(_l("RT"))
    rw = StringField(_l("RW"))
    latitude = StringField(_l("Koordinat Lintang (Latitude)"))
    longitude = StringField(_l("Koordinat Bujur (Longitude)"))
