"""Forms of the catalogue's small lists: application types (with what approving them does),
action names (the buttons of routing steps) and roles (with the office's powers)."""

from __future__ import annotations

import copy

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField

from ..i18n import N_
from .catalogue_forms import REQUIRED_ID, ItemForm, choices, get_i18n, set_i18n

EFFECTS = (("new", _l("Izin baru")),
           ("renewal", _l("Perpanjangan: memperpanjang izin yang dipilih pemohon")),
           ("amendment", _l("Perubahan: mengganti izin yang dipilih pemohon")),
           ("revocation", _l("Pencabutan: mencabut izin yang dipilih pemohon")))
POWERS = (("reopen", _l("Buka kembali permohonan kedaluwarsa")), ("revoke", _l("Cabut izin")))


class ApplicationTypeForm(ItemForm):
    code = StringField(_l("Kode"))
    name_id = StringField(_l("Nama"))
    name_en = StringField(_l("Nama (English)"))
    effect = SelectField(_l("Akibat bila disetujui"), choices=choices(EFFECTS))
    issue_fields = {"name": "name_id"}

    def load(self, item: dict) -> None:
        self.code.data = item.get("code", "")
        self.name_id.data, self.name_en.data = get_i18n(item, "name")
        self.effect.data = item.get("effect", "new")

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["code"] = self.clean_code(self.code, N_("Kode wajib diisi."), "lower")
        set_i18n(item, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        item["effect"] = self.effect.data or "new"
        return None if self.failed else item


class ActionForm(ItemForm):
    code = StringField(_l("Kode tindakan"))
    name_id = StringField(_l("Nama tombol"))
    name_en = StringField(_l("Nama tombol (English)"))
    issue_fields = {"name": "name_id"}

    def load(self, item: dict) -> None:
        self.code.data = item.get("code", "")
        self.name_id.data, self.name_en.data = get_i18n(item, "name")

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["code"] = self.clean_code(self.code, N_("Kode wajib diisi."), "lower")
        set_i18n(item, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        return None if self.failed else item


class RoleForm(ItemForm):
    name = StringField(_l("Nama peran"))
    description_id = StringField(_l("Keterangan"))
    description_en = StringField(_l("Keterangan (English)"))
    powers = SelectMultipleField(_l("Wewenang kantor di luar alur"), choices=choices(POWERS),
                                 validate_choice=False)
    issue_fields = {"description": "description_id"}

    def load(self, item: dict) -> None:
        self.name.data = item.get("name", "")
        self.description_id.data, self.description_en.data = get_i18n(item, "description")
        self.powers.data = list(item.get("powers") or [])

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["name"] = self.text(self.name, N_("Nama peran wajib diisi."))
        set_i18n(item, "description", self.text(self.description_id),
                 self.text(self.description_en))
        powers = [p for p in self.powers.data or [] if p]
        if powers:
            item["powers"] = powers
        else:
            item.pop("powers", None)
        return None if self.failed else item
