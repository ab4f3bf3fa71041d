"""The form of one routing step in the routing editor: who acts (a role and an agency scope:
the office, the permit's own Dinas, a fixed agency, or several in parallel), the step's
working days, and its actions (names from the catalogue's `actions`) with their targets."""

from __future__ import annotations

import copy

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice

import catalogue as cat_lib

from ..i18n import N_
from .catalogue_forms import REQUIRED_ID, ItemForm, choices, get_i18n, set_i18n

MSG_ACTION_TWICE = N_("Tindakan '{action}' dipilih lebih dari sekali.")
SCOPES = (("office", _l("Kantor pelayanan terpadu (kantor ini)")),
          ("permit", _l("Dinas pemilik izin")),
          ("fixed", _l("Instansi tertentu")),
          ("parallel", _l("Beberapa instansi paralel")))
ENDS = (("@applicant", _l("Kembali ke pemohon (revisi)")), ("@rejected", _l("Ditolak")),
        ("@issued", _l("Izin terbit / disetujui")))
# "Menuju" may name a step not written yet: the admin types its key below the actions, and
# after saving this step the editor opens that new step's form (steps are built forwards)
NEW_TARGET = "_baru"
NEW_TARGET_LABEL = _l("Langkah baru… (isi kuncinya di bawah)")


class StepForm(ItemForm):
    key = StringField(_l("Kunci langkah"))
    name_id = StringField(_l("Nama langkah"))
    name_en = StringField(_l("Nama langkah (English)"))
    role = SelectField(_l("Peran petugas"), choices=[], validate_choice=False)
    scope = RadioField(_l("Dikerjakan oleh"), choices=[SelectChoice(*pair) for pair in SCOPES],
                       default="office")
    agency = SelectField(_l("Instansi tertentu"), choices=[], validate_choice=False)
    agencies = SelectMultipleField(_l("Instansi paralel (pilih minimal dua)"), choices=[],
                                   validate_choice=False)
    sla_days = StringField(_l("Batas waktu (hari kerja)"), render_kw={"inputmode": "numeric"})
    new_key = StringField(_l("Kunci langkah baru"))
    new_name = StringField(_l("Nama langkah baru"))
    issue_fields = {"name": "name_id", "agencies": "agencies"}

    def setup(self, cat: cat_lib.Catalogue) -> None:
        self.role.choices = choices([(r["name"], r["name"]) for r in cat.roles], blank="—")
        agencies = [(a["code"], f"{a['code']} — {a['name'].get('id', '')}")
                    for a in cat.agencies]
        self.agency.choices = choices(agencies, blank="—")
        self.agencies.choices = choices(
            [(cat_lib.PERMIT_AGENCY, str(_l("Dinas pemilik izin")))] + agencies)

    def load(self, step: dict, office: str) -> list[tuple[str, str]]:
        self.key.data = step.get("key", "")
        self.name_id.data, self.name_en.data = get_i18n(step, "name")
        self.role.data = step.get("role", "")
        agency = step.get("agency")
        if "agencies" in step:
            self.scope.data, self.agencies.data = "parallel", list(step["agencies"] or [])
        elif agency == cat_lib.PERMIT_AGENCY:
            self.scope.data = "permit"
        elif agency == office or agency is None:
            self.scope.data = "office"
        else:
            self.scope.data, self.agency.data = "fixed", agency
        self.sla_days.data = "" if step.get("sla_days") is None else str(step["sla_days"])
        actions = step.get("actions") if isinstance(step.get("actions"), dict) else {}
        return list(actions.items())

    def build(self, base: dict, office: str, actions: list[tuple[str, str]],
              existing: tuple[str, ...] = ()) -> dict | None:
        """The step from the form; `existing` are the routing's other step keys (a "new
        step" target must not be one of them). self.next_key: the new step to write next."""
        self.start()
        self.next_key = None
        step = copy.deepcopy(base)
        step["key"] = self.clean_code(self.key, N_("Kunci langkah wajib diisi."), "lower")
        set_i18n(step, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        step["role"] = self.text(self.role, N_("Pilih peran petugas."))
        step.pop("agency", None)
        step.pop("agencies", None)
        scope = self.scope.data
        if scope == "parallel":
            picked = [a for a in self.agencies.data or [] if a]
            if len(picked) < 2:
                self.fail(self.agencies, N_("Langkah paralel memerlukan minimal dua instansi."))
            step["agencies"] = picked
        elif scope == "permit":
            step["agency"] = cat_lib.PERMIT_AGENCY
        elif scope == "fixed":
            step["agency"] = self.text(self.agency, N_("Pilih instansinya."))
        else:
            step["agency"] = office
        sla = self.integer(self.sla_days, minimum=0)
        if sla is None:
            step.pop("sla_days", None)
        else:
            step["sla_days"] = sla
        step["actions"] = self._actions(actions, (*existing, step["key"]))
        return None if self.failed else step

    def _actions(self, actions: list[tuple[str, str]], taken: tuple[str, ...]) -> dict:
        """Action -> target; the "new step" target becomes the key typed for it."""
        out: dict[str, str] = {}
        for action, target in actions:
            if action and target:
                if action in out:
                    self.fail(self.csrf_token, MSG_ACTION_TWICE.format(action=action))
                if target == NEW_TARGET:
                    target = self._next_key(taken)
                out[action] = target
        if not out:
            self.fail(self.csrf_token, N_("Pilih minimal satu tindakan beserta tujuannya."))
        return out

    def _next_key(self, taken: tuple[str, ...]) -> str:
        if self.next_key is None:
            self.next_key = self.clean_code(
                self.new_key, N_("Isi kunci langkah baru yang dipilih sebagai tujuan."),
                "lower")
            if self.next_key in taken:
                self.fail(self.new_key, N_("Langkah dengan kunci ini sudah ada: pilih langkah "
                                           "itu langsung pada kolom Menuju."))
        return self.next_key
