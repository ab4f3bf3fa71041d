"""Jinja filters shared by every page: dates in the office's time zone, Rupiah, validity
periods and grouped receipt codes.

Timestamps are stored as naive UTC; people read them in the office's zone (WITA for Kaltim).
Dates read in Indonesian, or with English month names when the visitor chose English (PDFs
have their own filters and stay Indonesian); the month names are forms_schema.months'.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_request_context, request
from markupsafe import Markup

from catalogue import labels
from forms_schema import in_language, long_date, own_text

from . import i18n
from .documents.dates import ZONES, tanggal
from .models.accounts import full_name
from .services import resi
from .services.catalogue_public import rupiah, validity_text


def _english() -> bool:
    return i18n.locale() == "en"


def _in_reader_language(value: str) -> str:
    """"23 Desember 2026 14.05 WITA" -> "23 December 2026 14:05 WITA" for English readers."""
    return i18n.long_date_in(value, i18n.locale())


def lokal(value) -> str:
    """A catalogue text {"id", "en"} in the reader's language (Indonesian when no English)."""
    return i18n.in_locale(value)


def lokal_html(value, shown=None):
    """`lokal` for the page's body: the catalogue text `value` in the reader's language, inside
    <span lang="id"> when an English reader gets its Indonesian because it has no English
    (i18n.fell_back). `shown`: the text a page already chose from `value` (forms_schema's
    label, with its default). Only for element content; attributes take `lokal`. A
    translated text, and every text on an Indonesian page, goes out as it is."""
    lang = i18n.locale()
    found = i18n.text(value, lang) if shown is None else shown
    if not i18n.fell_back(value, lang):
        return found
    return Markup('<span lang="id">{}</span>').format(found)


def pesan(message):
    """A form engine's message (forms_schema.messages) or a service's text marked with
    `i18n.N_` (a password rule) in the reader's language; any other text as it is. Checks
    write Indonesian (the API's language); pages show them with this, the names inside a
    message (a field's label, a document's name) as the page knows them (i18n.name_in)."""
    if not isinstance(message, str):
        return message
    lang = i18n.locale()
    if lang == "id":
        return message
    # both kinds have general templates ("Pilih minimal {limit}."); the more specific one
    # (the longer Indonesian text) says what the message is: a service's marked text
    # "Pilih minimal satu peran staf yang dikenal." is not the form engine's template
    marked = i18n.marked_match(message, lang)
    engine = own_text(message)
    if marked is not None and (engine is None or len(marked[0]) > len(engine)):
        return i18n.filled_in(marked, lang)
    return i18n.marked_in(in_language(message, lang, i18n.name_in(lang)), lang)


def format_berkas(formats) -> str:
    """PDF, JPG, PNG: a requirement's accepted file kinds as the upload refusal names them
    (jpeg is jpg; app/services/files.accepted_text)."""
    from .services.files import accepted_text

    return accepted_text(formats or [])


def _catalogue():
    """The catalogue in force, read once per request for the filters that name things by it:
    a list page names a permit and a type on every row (each read is a statement). Kept on
    the request, not in `g`, which outlives a request where an app context holds several."""
    from .services import catalogue_store

    if not has_request_context():
        return catalogue_store.current()
    if not hasattr(request, "eptsp_catalogue"):
        request.eptsp_catalogue = catalogue_store.current()
    return request.eptsp_catalogue


def catalogue_read(found) -> None:
    """The catalogue in force as this request already read it (`found`, possibly None when
    none is published), so the filters below do not read it again: public tracking gets it in
    its one statement, and naming the application's type cost a second one."""
    if has_request_context():
        request.eptsp_catalogue = found


def jenis_permohonan(application) -> str:
    """An application's type (baru, perpanjangan, ...) by the catalogue's name for it in the
    reader's language (Catalogue.application_type_name); pages showed the code. Element
    content only (every page shows it so): the name goes through `lokal_html`, marked
    lang="id" for an English reader of a type the catalogue names only in Indonesian."""
    cat = _catalogue()
    code = application.application_type or ""
    if not cat:
        return code
    written = (cat.application_type(code) or {}).get("name")
    return lokal_html(written or code, cat.application_type_name(code, i18n.locale()))


def izin(application) -> str:
    """An application's permit name in the reader's language (anything with permit_code and
    permit_name): the catalogue's English name for English readers when it has one."""
    if not _english():
        return application.permit_name
    cat = _catalogue()
    return cat.recorded_permit_name(application.permit_code, application.permit_name, "en") \
        if cat else application.permit_name


def izin_html(application):
    """`izin` for element content, through `lokal_html`: an English reader of a permit the
    catalogue names only in Indonesian (or no longer lists: the recorded, Indonesian name)
    gets it marked lang="id". Attributes and messages take `izin`."""
    cat = _catalogue()
    written = (cat.permit(application.permit_code) or {}).get("name") if cat else None
    return lokal_html(written or {"id": application.permit_name}, izin(application))


def peran(name) -> str:
    """A staff role by its name, which is a key (routings and accounts name it) and stays
    Indonesian; an English reader also gets what the role does, from the catalogue's English
    description of it ("Verifikator (Checks completeness)"). Roles have no English name."""
    name = "" if name is None else str(name)
    if not _english():
        return name
    cat = _catalogue()
    role = cat.role(name) if cat else None
    description = role.get("description") if isinstance(role, dict) else None
    english = description.get("en") if isinstance(description, dict) else None
    return f"{name} ({english})" if english else name


def biaya(amount) -> str:
    return rupiah(amount, "en" if _english() else "id")


def masa_berlaku(validity) -> str:
    return validity_text(validity, "en" if _english() else "id")


def local_time(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(zone)


def waktu(value) -> str:
    """A stored UTC timestamp as "23 November 2026 14.05 WITA" ("23 December 2026 14:05
    WITA" for English readers). A timestamp is written in the reader's language directly
    (what `tanggal_waktu` and `_in_reader_language` make of it, without writing the
    Indonesian and matching it again: a tracking page shows two or three); anything else
    (an ISO string from JSON) goes the long way."""
    if isinstance(value, datetime):
        moment = local_time(value)
        lang = i18n.locale()
        zone = ZONES.get(moment.utcoffset())
        text = f"{long_date(moment, lang)} {moment.hour:02d}" \
               f"{'.' if lang == 'id' else ':'}{moment.minute:02d}"
        return f"{text} {zone}" if zone else text
    return _in_reader_language(tanggal(value))


def tanggal_lokal(value, lang: str | None = None) -> str:
    """Dates print as they are; UTC timestamps print as the office's calendar date. Dates
    and timestamps are written in the reader's language directly (as `waktu`); `lang` as
    for `angka`."""
    if isinstance(value, datetime):
        return long_date(local_time(value).date(), lang or i18n.locale())
    if isinstance(value, date):
        return long_date(value, lang or i18n.locale())
    return _in_reader_language(tanggal(value))


def angka(value, places: int = 2, lang: str | None = None) -> str:
    """A decimal figure rounded half up with the reader's decimal mark ("79,90" / "79.90");
    `lang`: an e-mail's (its template's `lang`), written outside any page."""
    from .survey.ikm import text

    if value is None:
        return "–"
    return text(value, places, lang or ("en" if _english() else "id"))


def alamat(location, place=()) -> str:
    """A location's address on one line: "Jl. Pahlawan 12A, RT 001/RW 002, Kelurahan, ...";
    an RT or RW left empty is left out with its separator ("Jl. Pahlawan 12A, RW 123, ...").
    `place` is the region names in the order they are read (village first). A profile's
    address is one written line, not a location's parts: `location` may be that line."""
    if isinstance(location, str):
        location = {"street": location}
    location = location or {}
    street = " ".join(str(location.get(k) or "").strip() for k in ("street", "number")).strip()
    rt_rw = "/".join(f"{name} {location[key]}" for key, name in (("rt", "RT"), ("rw", "RW"))
                     if location.get(key))
    return ", ".join(part for part in (street, rt_rw, *place) if part)


def jumlah(value, lang: str | None = None) -> str:
    """A count with the reader's thousands separator: "1.234" (id), "1,234" (en); `lang` as
    for `angka`."""
    text = f"{int(value or 0):,}"
    return text if (lang or ("en" if _english() else "id")) == "en" else text.replace(",", ".")


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        tanggal=tanggal_lokal, waktu=waktu, rupiah=biaya, validity=masa_berlaku,
        resi=resi.display, lokal=lokal, lokal_html=lokal_html, pesan=pesan, angka=angka,
        jumlah=jumlah, izin=izin, izin_html=izin_html, peran=peran,
        attribute_label=labels.attribute, format_berkas=format_berkas,
        jenis_permohonan=jenis_permohonan, alamat=alamat, nama=full_name)
    from .script_texts import script_texts
    from .services.certificates import template_kind
    from .services.files import attachment_rules

    app.jinja_env.globals["script_texts"] = script_texts
    app.jinja_env.globals["template_module"] = lambda name: app.jinja_env.get_template(name).module
    app.jinja_env.globals["attachment_rules"] = attachment_rules
    app.jinja_env.globals["certificate_kind"] = template_kind
