"""A receipt code typed into a public search box (Lacak Permohonan, Survey Kepuasan).

The box is posted, not sent with GET: what people type there is sometimes their NIK, and a
GET would put it in the address bar, the history and bookmarks. Only a value with the shape
of a receipt (services.resi, the one format rule) is then carried to the page's own URL
(`/lacak?resi=...`, the address the receipt's QR code opens); anything else is answered on
the posted page, next to the box, and goes nowhere.
"""

from __future__ import annotations

from typing import Any

from ..forms.web import form_class
from ..i18n import N_
from ..services import resi as resi_codes

FORM = "resi_lookup"  # app/forms/definitions: the one required field
MSG_FORMAT = N_("Nomor resi terdiri dari 12 huruf dan angka, misalnya K7QM-2XHD-9RTB. "
                "Periksa kembali penulisannya.")


def lookup_form() -> Any:
    return form_class(FORM)()


def posted_code(form: Any) -> str | None:
    """The posted receipt code in its stored form, or None with the reason on `form.resi`
    (missing, or not shaped like a receipt). CSRF is checked with the rest of the form."""
    if not form.validate_on_submit():
        return None
    code = resi_codes.normalise(form.resi.data)
    if not resi_codes.looks_valid(code):
        form.resi.errors = [MSG_FORMAT]
        return None
    return code


def problem(form: Any) -> str | None:
    """The first reason the box was refused (Indonesian; pages show it with `pesan`)."""
    return next(iter(form.resi.errors or ()), None)
