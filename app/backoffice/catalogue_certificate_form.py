"""The certificate part of the permit editor: which template a permit prints with.

`certificate.template` holds either a file name or inline HTML (certificates.py decides which);
an admin should not have to know that, so the editor asks for a choice — the office's generic
certificate, a template file of the catalogue (picked from the files it has), or a template
written here — and writes the one value back. The preview posts the same three fields, so it
shows what is typed, saved or not.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField

from ..i18n import N_
from ..services import catalogue_console as console
from ..services import certificates
from .catalogue_forms import choices

GENERIC, FILE, INLINE = "", "file", "inline"
MODES = [(GENERIC, _l("Sertifikat umum bawaan kantor")),
         (FILE, _l("Berkas templat di katalog")),
         (INLINE, _l("Templat langsung (HTML dengan variabel)"))]
MSG_PICK_FILE = N_("Pilih berkas templat sertifikat.")
MSG_WRITE_TEMPLATE = N_("Tulis templat sertifikat, atau pilih sertifikat umum bawaan.")
MSG_NOT_HTML = N_("Templat langsung harus berupa HTML: bungkus teksnya dengan tag, mis. "
                  "<p>…</p>.")


class CertificateFields:
    """The three fields and their reading and writing (a mixin of the permit form and of the
    preview form)."""

    certificate_mode = SelectField(_l("Templat sertifikat"), choices=[],
                                   validate_choice=False)
    certificate_file = SelectField(_l("Berkas templat"), choices=[], validate_choice=False)
    certificate_template = TextAreaField(
        _l("Templat langsung (HTML dengan variabel Jinja)"),
        render_kw={"rows": 16, "spellcheck": "false", "autocapitalize": "off",
                   "autocomplete": "off", "wrap": "off"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.certificate_mode.choices = choices(MODES)
        self.certificate_file.choices = choices(
            (name, name) for name in certificates.template_files(console.current_assets()))

    def load_certificate(self, item: dict) -> None:
        spec = (item.get("certificate") or {}).get("template") or ""
        kind = certificates.template_kind(spec)  # the published page's rule, too
        if kind == "file":
            self.certificate_mode.data, self.certificate_file.data = FILE, spec
            if spec not in [c.value for c in self.certificate_file.choices]:  # kept, flagged
                self.certificate_file.choices += choices([(spec, f"{spec} (?)")])
        elif kind == "inline":
            self.certificate_mode.data, self.certificate_template.data = INLINE, spec
        else:
            self.certificate_mode.data = GENERIC

    def certificate_spec(self) -> str:
        """The value of `certificate.template` the fields say; "" for the generic one."""
        mode = self.certificate_mode.data or GENERIC
        if mode == FILE:
            return (self.certificate_file.data or "").strip()
        if mode == INLINE:
            return (self.certificate_template.data or "").strip()
        return ""

    def certificate_problem(self):
        """(field, message) when the chosen kind of template cannot be saved as it is: left
        empty, or inline text without HTML (it would be read as a file name). Else None."""
        mode = self.certificate_mode.data or GENERIC
        spec = self.certificate_spec()
        if mode == FILE and not spec:
            return self.certificate_file, MSG_PICK_FILE
        if mode == INLINE and not spec:
            return self.certificate_template, MSG_WRITE_TEMPLATE
        if mode == INLINE and certificates.is_file_spec(spec):
            return self.certificate_template, MSG_NOT_HTML
        return None


class CertificatePreviewForm(CertificateFields, FlaskForm):
    """The preview's post: the editor's three fields (and its CSRF token)."""
