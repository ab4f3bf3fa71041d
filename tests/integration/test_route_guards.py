"""Every route in the URL map is either public by the explicit list below or guarded: asked
anonymously (no session, no token) it answers a redirect to a login page, 401, 403, 404 or
405 — never a page or data. A new route fails this test until it is guarded or listed here.

CSRF is off in this module so that a POST reaches the view's own guard (with CSRF on, every
anonymous POST would stop at the token check and prove nothing about the view); URL
variables are filled with dummy values (an unknown id must not open anything either)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from werkzeug.routing import Rule

from app import create_app
from config import TestConfig

# (endpoint, method) of everything meant for anonymous visitors
PUBLIC = {
    # portal pages and their assets
    ("portal.index", "GET"), ("portal.persyaratan", "GET"), ("portal.persyaratan_detail", "GET"),
    ("portal.persyaratan_template", "GET"), ("portal.tracking", "GET"),
    ("portal.webgis_page", "GET"), ("portal.webgis_data", "GET"), ("portal.webgis_popup", "GET"),
    ("portal.region_children", "GET"), ("portal.help_index", "GET"), ("portal.help_page", "GET"),
    ("portal.help_faq", "GET"), ("portal.help_manual_pdf", "GET"), ("portal.privacy", "GET"),
    ("portal.announcement", "GET"), ("portal.banner_image", "GET"),
    # the receipt boxes are posted, so what is typed there stays out of URLs
    ("portal.tracking", "POST"), ("portal.survey_find", "POST"),
    ("portal.coming_soon", "GET"), ("portal.survey_summary", "GET"),
    ("portal.survey_by_resi", "GET"), ("portal.survey_by_resi", "POST"),
    ("portal.captcha_image", "GET"), ("portal.favicon", "GET"), ("portal.healthz", "GET"),
    ("portal.set_language", "GET"), ("static", "GET"), ("admin.static", "GET"),
    ("appbuilder.static", "GET"),
    # the permit's QR code leads here: anyone may verify a permit
    ("verification.show", "GET"), ("verification.compare", "POST"),
    # accounts: register, log in and out, forgotten password
    ("account.register_choice", "GET"), ("account.register", "GET"),
    ("account.register", "POST"), ("account.send_code", "POST"), ("account.login", "GET"),
    ("account.login", "POST"), ("account.logout", "POST"), ("account.forgot", "GET"),
    ("account.forgot", "POST"), ("account.reset", "GET"), ("account.reset", "POST"),
    ("staff.login", "GET"), ("staff.login", "POST"), ("staff.logout", "POST"),
    # visitors' chat and complaints (a conversation or ticket is then opened by its secret)
    ("chat.visitor_start", "GET"), ("chat.visitor_start", "POST"),
    ("chat.visitor_chat", "GET"), ("complaint_public.file_new", "GET"),
    ("complaint_public.file_new", "POST"), ("complaint_public.track", "GET"),
    ("complaint_public.track", "POST"),
    # the REST API's description and its public catalogue
    ("OpenApiDocs.openapi", "GET"), ("OpenApiDocs.docs", "GET"), ("CatalogueApi.info", "GET"),
    ("CatalogueApi.routings", "GET"), ("CatalogueApi.agencies", "GET"),
    ("CatalogueApi.permits", "GET"), ("CatalogueApi.permit", "GET"),
    # Flask-AppBuilder's own redirects (to the staff login, the console, back, language)
    ("StaffIndexView.index", "GET"),
    ("FabAuthRedirectView.login", "GET"), ("FabAuthRedirectView.login", "POST"),
    ("FabAuthRedirectView.logout", "GET"), ("UtilView.back", "GET"), ("LocaleView.index", "GET"),
}
LOGIN_PAGES = {"/masuk", "/staff/login", "/login/"}
GUARDED = {401, 403, 404, 405}
DUMMY = {"int": "1", "path": "x/y", "default": "x"}


def _rules() -> list[Rule]:
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI="sqlite://",
                     SECRET_KEY="route-map-listing")
    try:
        return sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
    finally:
        from app.extensions import db

        with app.app_context():
            db.engine.dispose()


def _cases():
    for rule in _rules():
        for method in ("GET", "POST"):
            if method in rule.methods and (rule.endpoint, method) not in PUBLIC:
                yield pytest.param(rule.rule, rule.endpoint, method,
                                   id=f"{method} {rule.rule} {rule.endpoint}")


CASES = list(_cases())


def _url(rule: str) -> str:
    out, rest = "", rule
    while "<" in rest:
        before, _, tail = rest.partition("<")
        spec, _, rest = tail.partition(">")
        converter = spec.split(":", 1)[0] if ":" in spec else "default"
        out += before + DUMMY.get(converter.split("(")[0], "x")
    return out + rest


@pytest.fixture(scope="module")
def served(database_url, smtp_server, signing_config, tmp_path_factory):
    """One app answers every anonymous request of this module, as one server process would
    answer a stream of visitors: each request runs in its own context with no cookies, and
    none of them is let in to change anything. (Building an app per request of the ~300
    here was most of this module's time.) Whatever a request did write is emptied after the
    module, as the `app` fixture does after each test."""

    from tests.conftest import release

    _box, smtp_url = smtp_server
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url, SMTP_URL=smtp_url,
                     UPLOAD_DIR=str(tmp_path_factory.mktemp("guards") / "uploads"),
                     SECRET_KEY="test-secret-key", WTF_CSRF_ENABLED=False,
                     RATELIMIT_ENABLED=False, **signing_config)
    yield app
    with app.app_context():
        release(app)


def test_the_public_list_names_only_existing_routes():
    existing = {(r.endpoint, m) for r in _rules() for m in ("GET", "POST") if m in r.methods}
    assert PUBLIC <= existing, sorted(PUBLIC - existing)
    assert len(CASES) > 150  # the guarded rest is really enumerated


@pytest.mark.parametrize(("rule", "endpoint", "method"), CASES)
def test_every_route_is_public_or_guarded(served, rule, endpoint, method):
    client = served.test_client()
    url = _url(rule)
    response = client.open(url, method=method, data={} if method == "POST" else None)
    status = response.status_code
    if 300 <= status < 400:
        target = urlsplit(response.location).path
        assert target in LOGIN_PAGES, f"{method} {url} redirects to {target}, not a login page"
    else:
        assert status in GUARDED, f"{method} {url} answered {status} to an anonymous visitor"
