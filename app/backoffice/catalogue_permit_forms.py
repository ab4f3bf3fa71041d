"""Forms of a permit type and of its requirements (see catalogue_forms.py for the rules)."""

from __future__ import annotations

import copy

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField

from catalogue.file_kinds import FILE_KINDS

from ..i18n import N_
from .catalogue_certificate_form import INLINE, CertificateFields
from .catalogue_forms import (
    REQUIRED_ID,
    ItemForm,
    choices,
    get_i18n,
    set_i18n,
    set_optional,
)


class PermitForm(CertificateFields, ItemForm):
    """A permit's own settings; its certificate template in CertificateFields."""

    code = StringField(_l("Kode izin"))
    name_id = StringField(_l("Nama izin"))
    name_en = StringField(_l("Nama izin (English)"))
    agency = SelectField(_l("Instansi teknis"), choices=[], validate_choice=False)
    sector = SelectField(_l("Bidang"), choices=[], validate_choice=False,
                         render_kw={"data-sector-of": "agency"})  # static/js/sector-filter.js
    description_id = TextAreaField(_l("Uraian singkat"), render_kw={"rows": 2})
    description_en = TextAreaField(_l("Uraian singkat (English)"), render_kw={"rows": 2})
    legal_basis = TextAreaField(_l("Dasar hukum (satu per baris)"), render_kw={"rows": 4})
    application_types = SelectMultipleField(_l("Jenis permohonan"), choices=[],
                                            validate_choice=False)
    sla_working_days = StringField(_l("Lama proses (hari kerja)"),
                                   render_kw={"inputmode": "numeric"})
    validity_years = StringField(_l("Masa berlaku: tahun"), render_kw={"inputmode": "numeric"})
    validity_months = StringField(_l("… bulan"), render_kw={"inputmode": "numeric"})
    validity_days = StringField(_l("… hari"), render_kw={"inputmode": "numeric"})
    fee = StringField(_l("Retribusi (Rp, 0 bila gratis)"), render_kw={"inputmode": "numeric"})
    registration_number = StringField(_l("Format nomor pendaftaran"))
    permit_number = StringField(_l("Format nomor izin"))
    routing = SelectField(_l("Alur proses"), choices=[], validate_choice=False)
    revision_deadline_days = StringField(_l("Batas perbaikan oleh pemohon (hari kerja)"),
                                         render_kw={"inputmode": "numeric"})
    renewal_window_days_before = StringField(
        _l("Perpanjangan paling cepat (hari sebelum masa berlaku berakhir)"),
        render_kw={"inputmode": "numeric"})
    renewal_grace_days_after = StringField(
        _l("Perpanjangan paling lambat (hari setelah masa berlaku berakhir)"),
        render_kw={"inputmode": "numeric"})
    map_field = StringField(_l("Tampil di WebGIS: isian geopoint (kosong = tidak dipetakan)"))
    issue_fields = {"name": "name_id", "description": "description_id",
                    "validity": "validity_years", "certificate": "certificate_mode",
                    "map": "map_field"}

    def field_for_issue(self, key: str | None) -> str:
        """A template's problem is shown under the text it is in when the template is
        written on the page; under the choice of template otherwise."""
        name = super().field_for_issue(key)
        if name == "certificate_mode" and self.certificate_mode.data == INLINE:
            return "certificate_template"
        return name

    def load(self, item: dict) -> None:
        self.code.data = item.get("code", "")
        self.name_id.data, self.name_en.data = get_i18n(item, "name")
        self.agency.data = item.get("agency", "")
        self.sector.data = item.get("sector", "")
        self.description_id.data, self.description_en.data = get_i18n(item, "description")
        self.legal_basis.data = "\n".join(item.get("legal_basis") or [])
        self.application_types.data = list(item.get("application_types") or [])
        validity = item.get("validity") or {}
        for part in ("years", "months", "days"):
            getattr(self, f"validity_{part}").data = str(validity.get(part, "") or "")
        for name in ("sla_working_days", "fee", "revision_deadline_days",
                     "renewal_window_days_before", "renewal_grace_days_after"):
            value = item.get(name)
            getattr(self, name).data = "" if value is None else str(value)
        self.registration_number.data = item.get("registration_number", "")
        self.permit_number.data = item.get("permit_number", "")
        self.routing.data = item.get("routing", "")
        self.load_certificate(item)
        self.map_field.data = (item.get("map") or {}).get("field", "")

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["code"] = self.clean_code(self.code, N_("Kode izin wajib diisi."))
        set_i18n(item, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        item["agency"] = self.text(self.agency, N_("Pilih instansi teknis."))
        item["sector"] = self.text(self.sector, N_("Pilih bidang."))
        set_i18n(item, "description", self.text(self.description_id),
                 self.text(self.description_en))
        laws = [line.strip() for line in (self.legal_basis.data or "").splitlines()]
        set_optional(item, "legal_basis", [law for law in laws if law])
        item["application_types"] = [t for t in self.application_types.data or [] if t]
        if not item["application_types"]:
            self.fail(self.application_types, N_("Pilih minimal satu jenis permohonan."))
        item["sla_working_days"] = self.integer(self.sla_working_days, required=True, minimum=1)
        validity = {part: self.integer(getattr(self, f"validity_{part}"), minimum=1)
                    for part in ("years", "months", "days")}
        item["validity"] = {k: v for k, v in validity.items() if v} or None
        item["fee"] = self.number(self.fee, required=True)
        item["registration_number"] = self.text(self.registration_number,
                                                N_("Format nomor pendaftaran wajib diisi."))
        item["permit_number"] = self.text(self.permit_number, N_("Format nomor izin wajib diisi."))
        item["routing"] = self.text(self.routing, N_("Pilih alur proses."))
        set_optional(item, "revision_deadline_days",
                     self.integer(self.revision_deadline_days, minimum=1))
        # the renewal window: empty = no limit (0 after = until the last day of validity)
        set_optional(item, "renewal_window_days_before",
                     self.integer(self.renewal_window_days_before, minimum=1))
        set_optional(item, "renewal_grace_days_after",
                     self.integer(self.renewal_grace_days_after, minimum=0))
        template = self.certificate_spec()
        problem = self.certificate_problem()
        if problem:
            self.fail(*problem)
        if template:
            item["certificate"] = {**(item.get("certificate") or {}), "template": template}
        else:
            item.pop("certificate", None)
        map_field = self.text(self.map_field)
        if map_field:
            item["map"] = {"field": map_field}
        else:
            item.pop("map", None)
        # the form is composed in the form builder (catalogue_builder.py); a new permit
        # starts with one empty section
        item.setdefault("form", {"sections": [{"key": "data", "title": {
            "id": "Data Teknis", "en": "Technical data"}, "fields": []}]})
        return None if self.failed else item


class RequirementForm(ItemForm):
    key = StringField(_l("Kunci"))
    name_id = StringField(_l("Nama persyaratan"))
    name_en = StringField(_l("Nama (English)"))
    description_id = TextAreaField(_l("Keterangan"), render_kw={"rows": 2})
    description_en = TextAreaField(_l("Keterangan (English)"), render_kw={"rows": 2})
    required = BooleanField(_l("Wajib diunggah"))
    formats = SelectMultipleField(_l("Format berkas"), choices=[], validate_choice=False)
    max_mb = StringField(_l("Ukuran maksimal (MB)"), render_kw={"inputmode": "decimal"})
    applies_to = SelectMultipleField(_l("Berlaku untuk jenis permohonan (kosong = semua)"),
                                     choices=[], validate_choice=False)
    template_file = SelectField(_l("Templat unduhan"), choices=[], validate_choice=False)
    issue_fields = {"name": "name_id", "description": "description_id"}

    def load(self, item: dict) -> None:
        self.key.data = item.get("key", "")
        self.name_id.data, self.name_en.data = get_i18n(item, "name")
        self.description_id.data, self.description_en.data = get_i18n(item, "description")
        self.required.data = bool(item.get("required", False))
        self.formats.data = [str(f) for f in item.get("formats") or []]
        self.max_mb.data = "" if item.get("max_mb") is None else str(item.get("max_mb"))
        self.applies_to.data = list(item.get("applies_to") or [])
        self.template_file.data = item.get("template_file", "")

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["key"] = self.clean_code(self.key, N_("Kunci wajib diisi."), "lower")
        set_i18n(item, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        set_i18n(item, "description", self.text(self.description_id),
                 self.text(self.description_en))
        item["required"] = bool(self.required.data)
        chosen = [w.strip().lower().lstrip(".") for w in self.formats.data or []]
        item["formats"] = list(dict.fromkeys(w for w in chosen if w))
        if not item["formats"]:
            self.fail(self.formats, N_("Pilih minimal satu format berkas."))
        item["max_mb"] = self.number(self.max_mb, required=True)
        set_optional(item, "applies_to", [t for t in self.applies_to.data or [] if t])
        set_optional(item, "template_file", self.template_file.data or "")
        return None if self.failed else item

    def offer_formats(self) -> None:
        """A checkbox per kind the upload service accepts (catalogue/file_kinds.py, the one
        list), then each other format the requirement has (old data), ticked, so that the
        admin sees it beside its refusal instead of it vanishing on the next save."""
        others = [f for f in self.formats.data or [] if f not in FILE_KINDS]
        self.formats.choices = choices((kind, kind.upper()) for kind in [*FILE_KINDS, *others])
