"""A receipt code typed into a public search box (Lacak Permohonan, Survey Kepuasan).

The box is posted, not sent with GET: what people type there is sometimes their NIK, and a
GET would put it in the address bar, the history and bookmarks. Only a value with the shape
of a receipt (services.resi, the one format rule) is then carried to the page's own URL
(`/lacak?resi=K7QM-2XHD-9RTB`, in the receipt's printed form; the page also takes it without
dashes or in lower case, as the receipt's QR code opens it); anything else is answered on the
posted page, next to the box, and goes nowhere.

The public boxes carry no CSRF token: a token lives in the session, and the portal gives a
visitor who only reads pages no session cookie (tests/integration/test_smoke_portal.py).
They are guarded against cross-site posting by the request's origin instead (`same_origin`,
the standard-header check OWASP describes): a lookup changes nothing, and a page of another
site that posts one would be refused. In the applicant area, where a session exists anyway,
the same boxes keep their token and CSRFProtect checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import abort, redirect, request, url_for
from flask_wtf import FlaskForm

from ..forms.web import form_class
from ..i18n import N_
from ..services import resi as resi_codes
from ..templating import pesan

FORM = "resi_lookup"  # app/forms/definitions: the one required field
MSG_FORMAT = N_("Nomor resi terdiri dari 12 huruf dan angka, misalnya K7QM-2XHD-9RTB. "
                "Periksa kembali penulisannya.")


class _Lookup(FlaskForm):
    class Meta:
        csrf = False  # checked by CSRFProtect (applicant area) or by same_origin (portal)


def lookup_form() -> Any:
    return form_class(FORM, base=_Lookup)()


def same_origin() -> None:
    """Refuses (400) a lookup posted from another site's page: browsers name the page's
    origin in `Origin` (or, failing that, `Referer`) on every posted form. A request with
    neither comes from no browser page, so no visitor's browser was made to send it."""
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed:
        return
    parts = urlsplit(claimed)
    if f"{parts.scheme}://{parts.netloc}" != request.host_url.rstrip("/"):
        abort(400)


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


@dataclass(frozen=True)
class Looked:
    """What a posted box leads to: the receipt's own page (`go`), or the box shown again with
    what was typed and why it was refused (in the reader's language)."""
    go: Any = None
    typed: str = ""
    problem: str | None = None


def look_up(endpoint: str) -> Looked:
    """The posted box of any page (the portal's and the applicant area's): a receipt goes on
    to `endpoint`?resi=K7QM-2XHD-9RTB (as printed on the receipt, so the address bar reads
    like the paper the person holds), anything else comes back to be shown beside the box."""
    form = lookup_form()
    code = posted_code(form)
    if code is not None:
        return Looked(redirect(url_for(endpoint, resi=resi_codes.display(code)), 303))
    return Looked(None, (form.resi.data or "")[:40], pesan(problem(form)))


def asked() -> str:
    """`?resi=` as the page shows it back in its box: a receipt in its printed form whether
    the address wrote it with or without dashes, in any case (the QR code, an old link, a
    hand-typed address); anything else as typed, at most 40 characters. Pages look it up
    through `services.resi.normalise`, which ignores the dashes."""
    return asked_code()[0]


def asked_code() -> tuple[str, str | None]:
    """`asked()` with the receipt in its stored form (None when the value is not shaped like
    one), worked out once: public tracking needs both."""
    typed = (request.args.get("resi") or "").strip()[:40]
    code = resi_codes.normalise(typed)
    if resi_codes.looks_valid(code):
        return resi_codes.display(code), code
    return typed, None
