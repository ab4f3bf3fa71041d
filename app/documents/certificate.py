"""The two documents an applicant prints: the submission receipt and the permit certificate.

A certificate template is catalogue data (HTML/Jinja written by admins), so its context is a
contract rather than whatever a view happens to have at hand:

    permit            the catalogue permit dict (name.id, legal_basis, ...)
    permit_number     the issued number
    issuer            the agency dict: name.id, address, head_title
    applicant         {name, identity_number, address}
    details           [{label, value}] permit-specific lines, already labelled
    valid_until       date or None (no end date); issued_on: date
    signer            {name} (optionally position, employee_id)
    qr_data_uri       the QR of verification_url (see qr.qr_svg_data_uri)
    verification_url  the public /verifikasi/<token> page
    replaces          None, or for a renewal or an amendment the permit it replaces:
                      {number, kind ("perpanjangan"), text (the sentence to print)}; a
                      template that does not print the number gets `text` added at the end
    data, files, lookup   optional: form answers by key (as stored: `data.jenis_toko` is
                          "minimarket"), image data URIs by requirement key, looked-up rows
                          by field key: `{{ lookup.kbli }}` prints the row's name,
                          `lookup.kbli.code` and `lookup.kbli.name` read its columns
    label                 optional: each answer by key as the applicant read it (choice
                          label, lookup name, long Indonesian date, Ya/Tidak): `label.jenis_toko`
                          is "Minimarket"
    rows                  optional: each repeating group's rows, each field as read, by the
                          same rule: `{% for baris in rows.anggota %}{{ baris.peran }}{% endfor %}`
    government, issued_in, logo_data_uri   optional: kop line, place of issue, logo

The receipt's context is listed on `render_receipt`.
"""

from __future__ import annotations

from markupsafe import escape

from forms_schema import LookupTable

from .dates import indonesian_dates
from .render import render_pdf, render_pdf_template, render_template_string_sandboxed

GENERIC_CERTIFICATE = "certificate_generic.html"
RECEIPT = "receipt.html"

# Added to a catalogue template that forgot the QR: every certificate must be verifiable.
_QR_FALLBACK = """
<div style="position: absolute; right: 0; bottom: 0; width: 3.4cm; text-align: center;
            font: 7pt 'DejaVu Sans', sans-serif;">
  <img src="{src}" alt="Kode QR verifikasi" style="width: 2.8cm; height: 2.8cm;"><br>
  Pindai untuk memeriksa keaslian
</div>
"""


_REPLACES_FALLBACK = """
<p style="margin-top: 12px; font: 9pt 'DejaVu Sans', sans-serif;">{text}</p>
"""


# Across every page of a preview: never mistaken for the permit itself.
_WATERMARK = """
<div style="position: fixed; top: 42%; left: 0; right: 0; text-align: center;
            font: bold 34pt 'DejaVu Sans', sans-serif; letter-spacing: 2pt;
            color: rgba(200, 0, 0, 0.22); z-index: 1000;">{text}</div>
"""


class LookupRow(dict):
    """A looked-up row that prints as its name, as the applicant chose it: an admin writing
    `{{ lookup.kbli }}` means "the KBLI", not a Python dict. Its columns still read as
    `lookup.kbli.code`, `lookup.kbli.name`."""

    def __str__(self) -> str:
        return LookupTable([self]).choices()[0][1] if "code" in self else ""


def _certificate_context(context: dict) -> dict:
    """Optional keys exist (empty) so a template can test them without failing on a missing one."""
    ctx = {"data": {}, "files": {}, "lookup": {}, "label": {}, "rows": {}, "details": [],
           "government": "", "issued_in": "", "logo_data_uri": "", "replaces": None,
           **context}
    ctx = indonesian_dates(ctx)
    ctx["data"] = indonesian_dates(ctx["data"])
    ctx["lookup"] = {key: LookupRow(row) for key, row in ctx["lookup"].items()}
    return ctx


def _ensure_qr(html: str, qr_data_uri: str | None) -> str:
    if not qr_data_uri or qr_data_uri in html or str(escape(qr_data_uri)) in html:
        return html
    block = _QR_FALLBACK.format(src=escape(qr_data_uri))
    head, sep, tail = html.rpartition("</body>")
    return head + block + sep + tail if sep else html + block


def _ensure_replaces(html: str, replaces: dict | None) -> str:
    """A renewal or an amendment always names the permit it replaces, even when the
    catalogue's template was written before templates could print it."""
    if not replaces or replaces["number"] in html or str(escape(replaces["number"])) in html:
        return html
    block = _REPLACES_FALLBACK.format(text=escape(replaces["text"]))
    head, sep, tail = html.rpartition("</body>")
    return head + block + sep + tail if sep else html + block


def render_certificate(template_source: str | None, context: dict, *,
                       watermark: str | None = None) -> bytes:
    """The permit's own catalogue template when it has one, else the generic certificate;
    with `watermark`, that text lies across every page (the signer's unsigned preview)."""
    return render_pdf(certificate_html(template_source, context, watermark=watermark))


def render_certificate_limited(template_source: str | None, context: dict, *,
                               watermark: str | None = None) -> bytes:
    """`render_certificate` in a child process under the hard limits (bounded.py): the
    console's sample preview, the signer's preview and issuance all print this way.

    The limits of limits.py stop the Jinja half in-process, but WeasyPrint's layout of the
    HTML it gives has no bound there: a template of a few thousand small tables (a short
    loop, well within the step and size limits) keeps WeasyPrint busy for seconds per
    thousand, and nothing can stop it in-process (no cancellation hook; a signal alarm
    works only in the main thread, and issuance runs in a gunicorn request thread or the
    outbox worker's thread). Forking there is safe for the parent: bounded.run waits with
    a timeout and kills the child, so even a child stuck on a lock another thread held at
    the fork (fontconfig, Pango) ends as TemplateTooHeavy after 2 x TEMPLATE_MAX_SECONDS
    + 1 s, never a hung worker. The child writes nothing and uses no database connection
    (it ends with os._exit, so it does not close the parent's either); it only hands back
    the PDF bytes or the error, so a refused certificate leaves nothing behind. Its cost,
    a fork (~15 ms) beside a ~0.2 s render, is paid only by the few requests that print a
    certificate."""
    from . import bounded

    return bounded.render_limited(_render_certificate, template_source, context, watermark,
                                  pdf=True)


def _render_certificate(template_source: str | None, context: dict,
                        watermark: str | None) -> bytes:
    return render_certificate(template_source, context, watermark=watermark)


def certificate_html(template_source: str | None, context: dict, *,
                     watermark: str | None = None) -> str:
    """The certificate's HTML, before it becomes a PDF (the console checks a template's
    limits on this step alone)."""
    ctx = _certificate_context(context)
    if template_source is None:
        html = render_pdf_template(GENERIC_CERTIFICATE, ctx)
    else:
        html = render_template_string_sandboxed(template_source, ctx)
    html = _ensure_qr(html, ctx.get("qr_data_uri"))
    html = _ensure_replaces(html, ctx.get("replaces"))
    if watermark:
        head, sep, tail = html.partition("<body")
        if sep:
            opening, close, rest = tail.partition(">")
            html = head + sep + opening + close + _WATERMARK.format(text=escape(watermark)) + rest
        else:
            html = _WATERMARK.format(text=escape(watermark)) + html
    return html


def render_receipt(context: dict) -> bytes:
    """Cetak Resi.

    Context: resi, registration_number, submitted_at, permit_name, application_type,
    subject_permit (the number of the permit a renewal, amendment or revocation acts on),
    applicant {name, identity_number, address, email, phone}, documents [{requirement,
    filename}], estimated_completion, tracking_url, qr_data_uri, office_name; optional
    office_address, government, logo_data_uri, printed_at.
    """
    ctx = {"office_address": "", "government": "", "logo_data_uri": "", "printed_at": None,
           "documents": [], **context}
    return render_pdf(render_pdf_template(RECEIPT, ctx))
