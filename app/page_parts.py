"""Parts of the page layout rendered once per process and reused: the stylesheet links, the
header with its menus and the footer are the same HTML for every anonymous visitor who reads
the same language of the same contact details, and rendering them (about sixty translated
texts, thirty-odd URLs) was most of a public page's work.

In a template: ``{% call shared_part('header', here) %}...{% endcall %}``. The body is
rendered on the first request with a given key and its HTML reused after that.

The key is everything such a part reads that can change while the process runs:
- the language the page is shown in (`i18n.locale()`: the translations, the `lang`
  attribute and the language switch all read it, and `?_l_=` can choose it for one request);
- the contact details as this request read them (`portal_content.contact_stamp()`: the
  setting and the office's address in the catalogue version in force, read from the database
  on every request, so an edit or a new catalogue shows on the next page in every process;
  no time-to-live, nothing to invalidate);
- the year (the footer's copyright), the script root (URLs) and the office settings the parts
  show (OFFICE_NAME, OSS_URL, OFFICE_WEBSITE_URL);
- what the template passes (the header: the endpoint, for the active menu item).

Never in a part: anything of one person or one request. A logged-in person's header (their
name, inbox count, the logout form's CSRF token) is rendered afresh: parts are shared only
with anonymous visitors unless the template says `anyone=True` (the footer and the links,
which show nothing of the visitor). CSP nonces, CSRF tokens and flash messages stay outside the
parts in base.html. When the contact details could not be read (an error page whose cause is
the database) nothing is stored.

The store belongs to the app (`app.extensions`), so two apps in one process (tests) keep
their own, as two server processes do. It is emptied when it reaches LIMIT entries (old
contact details' parts are never asked for again).
"""

from __future__ import annotations

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from . import i18n
from .security import headers
from .services import calendar, portal_content

LIMIT = 512
_STORE = "eptsp_page_parts"
_LAST_STAMP = "contact stamp"  # (contact details, their stamp): the last ones stamped
_SHOWN_SETTINGS = ("OFFICE_NAME", "OSS_URL", "OFFICE_WEBSITE_URL")


def shared_part(name: str, *extra, caller, anyone: bool = False):
    """The HTML of `caller()` (a call block's body), rendered once per key; rendered afresh
    for a logged-in person unless `anyone`."""
    if not anyone and current_user.is_authenticated:
        return caller()
    common = _request_key()
    if common is None:
        return caller()
    key = (name, extra, common)
    store = current_app.extensions[_STORE]
    found = store.get(key)
    if found is None:
        found = caller()
        if len(store) >= LIMIT:
            store.clear()
        store[key] = found
    return found


def _request_key() -> tuple | None:
    """What every part's key holds for this request (module docstring); None when the
    contact details could not be read. Worked out once per request."""
    found = g.get("page_parts_key")
    if found is None:
        stamp = _contact_stamp()
        if stamp is None:
            return None
        config = current_app.config
        found = g.page_parts_key = (
            i18n.locale(), stamp, request.script_root,
            calendar.today().year, *(config.get(k) for k in _SHOWN_SETTINGS))
    return found


def _contact_stamp() -> str | None:
    """`portal_content.contact_stamp()`, but written out (JSON of about twenty fields) only
    when this request's contact details differ from the ones last stamped in this process:
    comparing the two dicts costs a twentieth of that, and they are nearly always equal."""
    contact = g.get("portal_contact")
    if contact is None:
        return portal_content.contact_stamp()
    store = current_app.extensions[_STORE]
    last = store.get(_LAST_STAMP)
    if last is not None and last[0] == contact:
        return last[1]
    stamp = portal_content.contact_stamp()
    store[_LAST_STAMP] = (dict(contact), stamp)
    return stamp


def static_url(filename: str) -> str:
    """`url_for('static', filename=...)`, built once per process and script root: the same
    answer every time, and building a URL costs about as much as a translated text."""
    key = ("static", request.script_root, filename)
    store = current_app.extensions[_STORE]
    found = store.get(key)
    if found is None:
        found = store[key] = url_for("static", filename=filename)
    return found


def endpoint_url(endpoint: str) -> str:
    """`url_for(endpoint)` of an endpoint without arguments (a page's own form action), built
    once per process and script root as `static_url` is: the app adds no URL defaults."""
    key = ("url", request.script_root, endpoint)
    store = current_app.extensions[_STORE]
    found = store.get(key)
    if found is None:
        found = store[key] = url_for(endpoint)
    return found


def script_tags(*paths: str) -> Markup:
    """The page's scripts from static/, each with this request's CSP nonce
    (`_scripts.html` hands this to templates as `script_tags`). A function, not a Jinja
    macro: every page calls it at least twice, and a macro call cost as much as the tags."""
    nonce = escape(headers.nonce())
    return Markup("".join(f'<script nonce="{nonce}" src="{escape(static_url(path))}"></script>\n'
                          for path in paths))


def register(app: Flask) -> None:
    app.extensions[_STORE] = {}
    app.jinja_env.globals.update(shared_part=shared_part, static_url=static_url,
                                 endpoint_url=endpoint_url, page_script_tags=script_tags)
