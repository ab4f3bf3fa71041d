"""The downloadable user manual: a PDF rendered with WeasyPrint from the help pages, the FAQ
and the contact details, the same data the Bantuan pages show (one source).

Rendering takes about a second, so the PDF is kept in memory per language and content: the
key is a hash of the HTML it is made from, and any edit in the console changes that HTML.
"""

from __future__ import annotations

import hashlib
import threading

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from ..documents.render import render_pdf, render_pdf_template
from . import calendar, markup, portal_content

_CACHE: dict[str, bytes] = {}
_LOCK = threading.Lock()
_KEEP = 4


def _labels() -> dict:
    return {"title": _("Panduan Penggunaan E-PTSP"), "contents": _("Daftar Isi"),
            "faq": _("Pertanyaan yang Sering Diajukan (FAQ)"), "contact": _("Kontak Bantuan"),
            "address": _("Alamat"), "phone": _("Telepon"), "fax": _("Faks"),
            "email": _("Email"), "hours": _("Jam Pelayanan"), "whatsapp": _("WhatsApp"),
            "edition": _("Edisi %(d)s", d=_edition()),
            "intro": _("Panduan ini disusun dari halaman Bantuan portal dan selalu mengikuti "
                       "isinya yang terbaru.")}


def _edition() -> str:
    from ..templating import tanggal_lokal

    return tanggal_lokal(calendar.today())


def manual_html(lang: str) -> str:
    """The manual's HTML in `lang` ("id" or "en")."""
    with force_locale(lang):
        pages = [{"slug": p.slug, "title": portal_content.text(p, "title", lang),
                  "body": markup.render(portal_content.text(p, "body", lang), level_shift=1)}
                 for p in portal_content.help_pages()]
        topics = [{"name": t.name, "entries": [
            {"question": portal_content.text(e, "question", lang),
             "answer": markup.render(portal_content.text(e, "answer", lang), level_shift=2)}
            for e in t.entries]} for t in portal_content.faq()]
        contact = portal_content.contact()
        hours = (contact.get("hours_en") if lang == "en" else "") or contact.get("hours_id", "")
        return render_pdf_template("manual.html", {
            "lang": lang, "labels": _labels(), "pages": pages, "topics": topics,
            "contact": contact, "hours": hours,
            "office_name": current_app.config["OFFICE_NAME"],
            "app_name": current_app.config["APP_NAME"]})


def manual_pdf(lang: str) -> bytes:
    html = manual_html(lang)
    key = hashlib.sha256(html.encode()).hexdigest()
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    pdf = render_pdf(html)
    with _LOCK:
        if len(_CACHE) >= _KEEP:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = pdf
    return pdf
