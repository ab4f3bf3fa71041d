"""The reader's language, in one place: "en" when the visitor chose English, else "id".

Outside a request (the API without a browser, the CLI, the outbox worker, PDFs) it is
Indonesian, the office's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from babel import Locale
from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_babel import force_locale, get_babel, get_locale, get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from markupsafe import Markup

from catalogue import marked as catalogue_marked
from forms_schema import marked as forms_marked
from forms_schema import month_names
from forms_schema.messages import in_language, template_pattern


def _babel_context():
    """Flask-Babel's namespace of this app context (where it keeps the chosen locale), or
    None outside one."""
    return g.get("_flask_babel") if has_app_context() else None


def locale() -> str:
    """Asked for every catalogue text a page shows (`lokal`, `lokal_html`): the locale
    Flask-Babel already chose for this request (or a `force_locale` block) is read where it
    keeps it, and `get_locale` walks its context only the first time."""
    if not has_request_context():
        return "id"
    found = getattr(g.get("_flask_babel"), "babel_locale", None) or get_locale()
    return "en" if found is not None and found.language == "en" else "id"


def text(value: Any, language: str = "id") -> str:
    """A multilingual text {"id", "en"} (or a plain string) in `language`, else Indonesian."""
    if isinstance(value, dict):
        return str(value.get(language) or value.get("id") or "")
    return "" if value is None else str(value)


def fell_back(value: Any, language: str) -> bool:
    """Whether `text(value, language)` shows the Indonesian because the catalogue text has no
    `language` version: a page in another language then marks it lang="id", so a screen
    reader pronounces it with Indonesian rules (WCAG 3.1.2). Plain strings (codes, texts a
    page already chose) are never marked."""
    return language != "id" and isinstance(value, Mapping) and not value.get(language) \
        and bool(value.get("id"))


def in_locale(value: Any) -> str:
    """A catalogue text in the reader's language."""
    return text(value, locale())


def choose() -> str:
    """The request's language: `?_l_=` (Flask-AppBuilder's API), else the one the visitor chose
    (/bahasa/<locale> keeps it in the session), else BABEL_DEFAULT_LOCALE.

    Outside a request (the outbox worker, the CLI) it is the default language.

    Flask-AppBuilder's own selector decides the same but also writes the default into the
    session, so every visitor without a cookie got one (a signed cookie written, and a
    Set-Cookie header, on every public page a tracking link or crawler opens)."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():  # the worker, the CLI, a service called from a test
        return default
    asked = request.args.get("_l_")
    if asked is not None:
        return asked if asked in current_app.config["LANGUAGES"] else default
    return session.get("locale") or default


_LOCALES: dict[str, Locale] = {}


def _chosen_locale() -> Locale:
    """`choose()` as the babel Locale Flask-Babel wants: parsed once per language and process
    (Flask-Babel parsed the selector's answer anew on every request); Locale objects are
    read, never changed, so requests share them."""
    chosen = choose()
    found = _LOCALES.get(chosen)
    if found is None:
        found = _LOCALES[chosen] = Locale.parse(chosen)
    return found


def translations():
    """Flask-Babel's translations for the current language, found once per request.

    Templates ask for them for every marked text, and Flask-Babel's own lookup walks its
    request context three times and formats the locale's name each time: a fifth of the
    public tracking page's time. Kept beside the locale they were found for, so a
    `force_locale` block (or a refresh) gets its own."""
    ctx = _babel_context()
    memo = getattr(ctx, "eptsp_translations", None)
    if memo is not None and memo[0] is getattr(ctx, "babel_locale", None) \
            and memo[1] is getattr(ctx, "babel_domain", None):
        return memo[2]
    found = get_translations()
    ctx = _babel_context()
    if ctx is not None and getattr(ctx, "babel_locale", None) is not None:
        ctx.eptsp_translations = (ctx.babel_locale, getattr(ctx, "babel_domain", None), found)
    return found


def translated(msgid: str, lang: str) -> str:
    """A text marked for translation elsewhere (its Indonesian msgid), in `lang`."""
    if lang == current_app.config["BABEL_DEFAULT_LOCALE"]:
        return msgid
    with force_locale(lang):
        return translations().ugettext(msgid)


class PerLanguage(dict):
    """A text already written in each language, {"id": ..., "en": ...} (a notice rendered in
    both for the Inbox): an e-mail reads it in its recipient's language (`read_in`)."""


class InLanguage:
    """A value an e-mail needs made in its recipient's language (a report whose labels and
    month names are in it): `make(lang)` is called when the e-mail is written
    (`read_in`), once per language however many recipients read it."""

    def __init__(self, make: Callable[[str], Any]):
        self._make, self._made = make, {}

    def __call__(self, lang: str) -> Any:
        if lang not in self._made:
            self._made[lang] = self._make(lang)
        return self._made[lang]


def read_in(value: Any, lang: str) -> Any:
    """A value handed to an e-mail, in `lang`: a PerLanguage in that language, an InLanguage
    made in it, a text marked with _l translated (inside the e-mail's `force_locale`),
    anything else as it is."""
    if isinstance(value, PerLanguage):
        return text(value, lang)
    if isinstance(value, InLanguage):
        return value(lang)
    if isinstance(value, LazyString):
        return str(value)
    return value


# Fixed Indonesian texts of services marked with N_ (see there), for marked_in.
_MARKED: set[str] = set()
# ... and those of the catalogue and form definition checks, marked with their own N_ (the
# two packages import nothing from the web layer): what admins read in the catalogue console
_SOURCES = (_MARKED, catalogue_marked.MARKED, forms_marked.MARKED)


def N_(msgid: str) -> str:
    """Marks a service's fixed Indonesian text (a password rule, an upload refusal) for the
    translation catalogue without translating it (`make translations` extracts N_): services
    answer in Indonesian, the language of the API, the CLI and the records, and a page shows
    the text in its reader's language through `marked_in` (the `pesan` filter) or hands it
    to its scripts (app/script_texts.py)."""
    _MARKED.add(msgid)
    return msgid


def marked_in(message: str, lang: str) -> str:
    """A text marked with N_ in `lang`; any other text as it is. A marked template with
    {names} ("Ukuran berkas melebihi batas {limit}.") is found in the filled-in text it
    became, and its values are put into the translated template, each translated when the
    catalogue has it ("Dalam Proses"), else as it is ("2,5 MB")."""
    if lang == "id" or not message:
        return message
    found = marked_match(message, lang)
    return filled_in(found, lang) if found is not None else message


def marked_match(message: str, lang: str | None = None
                 ) -> tuple[str, dict[str, str]] | None:
    """The marked text `message` is, with the values it was filled in with: itself and no
    values for a fixed text, else the longest marked template it fits; None when neither.
    `pesan` weighs the template against the form engine's before showing it (filled_in).
    The texts `lang`'s translation catalogue holds count as marked too (_catalogued)."""
    known = _catalogued(lang or locale())
    if message in known or any(message in marked for marked in _SOURCES):
        return message, {}
    for pattern, template in _templates(known):
        found = pattern.fullmatch(message)
        if found:
            return template, found.groupdict()
    return None


def filled_in(found: tuple[str, dict[str, str]], lang: str) -> str:
    """A marked_match in `lang`: a value that is itself a translated text (a status) is
    translated too."""
    template, values = found
    if not values:
        return translated(template, lang)
    return translated(template, lang).format(
        **{name: _value_in(value, lang) for name, value in values.items()})


def _value_in(value: str, lang: str) -> str:
    """A value inside a marked template in `lang`: a text the catalogue has ("Dalam Proses"),
    else a form engine's answer message (a definition's default "Nilai minimal 5."), else a
    marked template itself (a validator's "Kondisi visible_if pada field 'x'" inside
    "{where} merujuk field 'y' yang tidak ada."), else as it is."""
    found = translated(value, lang)
    if found == value:
        found = in_language(value, lang)
    if found == value:
        found = long_date_in(value, lang, whole=True)
    return found if found != value else marked_in(value, lang)


# a long date as `documents.dates.tanggal` writes it, with the time `tanggal_waktu` adds
_LONG_DATE_ID = re.compile(r"(\d{1,2}) (" + "|".join(month_names("id")) +
                           r") (\d{4})(?: (\d{2})\.(\d{2}))?")


def clock(moment, lang: str) -> str:
    """A time of day as `lang` writes it: 14.05 in Indonesian, 14:05 in English (as
    long_date_in writes the time after a date)."""
    return f"{moment:%H.%M}" if lang == "id" else f"{moment:%H:%M}"


def long_date_in(value: str, lang: str, *, whole: bool = False) -> str:
    """A long date written in Indonesian at the start of `value` ("23 Desember 2026 14.05
    WITA"), in `lang` ("23 December 2026 14:05 WITA"); with `whole`, only when the value is
    such a date and nothing else (a value inside a service's message). The month is a word:
    an English page names it in English."""
    found = (_LONG_DATE_ID.fullmatch if whole else _LONG_DATE_ID.match)(value)
    if found is None or lang == "id":
        return value
    day, month, year, hours, minutes = found.groups()
    out = f"{day} {month_names(lang)[month_names('id').index(month)]} {year}"
    if hours:
        out = f"{out} {hours}:{minutes}"
    return out + value[found.end():]


_CATALOGUED: dict[str, tuple[Any, frozenset[str]]] = {}


def _catalogued(lang: str) -> frozenset[str]:
    """The Indonesian texts `lang`'s translation catalogue translates (every N_ text is
    extracted into it). A text marked where it is used, N_("... {limit} MB").format(...) in
    a refusal, is marked only once that code has run in this process: a flash written by one
    web worker and shown by another (or after a restart) was not found and stayed
    Indonesian. The catalogue knows it from the start."""
    if lang == "id" or not has_app_context():
        return frozenset()
    with force_locale(lang):
        found = translations()
    memo = _CATALOGUED.get(lang)
    if memo is None or memo[0] is not found:
        ids = frozenset(key for key in getattr(found, "_catalog", {})
                        if isinstance(key, str) and key and "\x04" not in key)
        memo = _CATALOGUED[lang] = (found, ids)
    return memo[1]


def _is_template(text: str) -> bool:
    """A catalogue text with {names} to fill in, not one that only shows braces (a pattern
    "[0-9]{16}" in a hint)."""
    names = re.findall(r"\{(\w*)\}", text)
    return bool(names) and all(name.isidentifier() for name in names)


_PATTERNS: tuple[tuple[int, int], list[tuple[re.Pattern[str], str]]] = ((0, 0), [])


def _templates(known: frozenset[str] = frozenset()) -> list[tuple[re.Pattern[str], str]]:
    """The marked templates (and the catalogue's, `known`) as patterns, each {name} a group;
    built again only when more texts were marked (modules mark theirs as they are imported)
    or another catalogue is asked."""
    global _PATTERNS
    count = (sum(map(len, _SOURCES)), id(known))
    if _PATTERNS[0] != count:
        formats = {text for text in known if _is_template(text)}
        templates = sorted(formats.union(*_SOURCES), key=len, reverse=True)  # specific first
        found = [(pattern, template) for template in templates
                 if (pattern := template_pattern(template)) is not None]
        _PATTERNS = (count, found)
    return _PATTERNS[1]


def names_in_messages(names: dict[str, str]) -> None:
    """The names this page's messages may carry (a document's, a catalogue field's label),
    Indonesian -> the reader's language: `pesan` puts them into a translated message."""
    if has_request_context():
        g.message_names = {**g.get("message_names", {}), **names}


def name_in(lang: str) -> Callable[[str], str]:
    """A name inside a message in `lang`: as this page named it (names_in_messages), else as
    the translation catalogue has it (the account forms' labels), else as it is."""
    page = g.get("message_names", {}) if has_app_context() else {}
    return lambda text: page.get(text) or translated(text, lang)


def install(app) -> None:
    """Replaces Flask-AppBuilder's locale selector (installed by AppBuilder.init_app), gives
    templates the translations through `translations()` and the page's language as
    `page_language()` (this module's `locale()`)."""
    get_babel(app).locale_selector = _chosen_locale
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True)
    # the language a page is shown in (<html lang>, the header's language switch): the same
    # answer as the texts' translations, so ?_l_= marks the language it shows
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext,
                                 page_language=locale)


@pass_eval_context
def _template_gettext(__eval_ctx, __string: str, **variables):
    """`_()` and `gettext()` in templates: what Jinja's newstyle gettext does (the text
    escaped under autoescape, then always used as a format string), without its two layers
    of `context.call` and without formatting a text that has nothing to format. It asks for
    the evaluation context only (autoescape): Jinja copies the whole template context for a
    function that asks for the context inside a block or a loop, which is where most texts
    are. A page has dozens of these, nearly all fixed texts: their Markup is kept per
    translations object (`_MARKUP_KEPT`), so each is looked up, not made again."""
    table = translations()
    if variables or not __eval_ctx.autoescape:
        found = table.ugettext(__string)
        if __eval_ctx.autoescape:
            found = Markup(found)
        return found % variables if variables or "%" in found else found
    # a fixed text on an HTML page: the same Markup every time for these translations
    kept = table.__dict__.get(_MARKUP_KEPT)
    if kept is None or len(kept) >= _MARKUP_LIMIT:
        kept = table.__dict__[_MARKUP_KEPT] = {}
    found = kept.get(__string)
    if found is None:
        found = Markup(table.ugettext(__string))
        found = kept[__string] = found % {} if "%" in found else found
    return found


# A fixed text's Markup, kept on the translations object it came from (one per language and
# process: no text of one language can reach another); emptied when it grows past the limit
# (a template that passes data to _() would otherwise grow it).
_MARKUP_KEPT = "eptsp_markup"
_MARKUP_LIMIT = 4096
