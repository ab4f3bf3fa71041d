"""Registering our blueprints, error pages and template helpers on an app."""

from __future__ import annotations

from flask import (
    Flask,
    abort,
    current_app,
    flash,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from .account.guards import safe_referrer
from .extensions import db
from .security import form_expiry
from .services import calendar
from .services.errors import DomainError, NotFound


def register(app: Flask) -> None:
    _blueprints(app)
    from . import access_log, captcha, page_parts, templating

    app.jinja_env.globals["captcha_widget"] = captcha.widget_context
    templating.register(app)
    page_parts.register(app)
    access_log.register(app)
    app.context_processor(_page_globals)
    app.after_request(_security_headers)
    _error_pages(app)


def _blueprints(app: Flask) -> None:
    from .account.routes import bp as account_bp
    from .applicant import load_views
    from .chat import load_views as load_chat_views
    from .portal.complaints import bp as complaint_public_bp
    from .portal.routes import bp as portal_bp
    from .portal.verification import bp as verification_bp
    from .staff.routes import bp as staff_bp

    for blueprint in (portal_bp, account_bp, load_views(), staff_bp, verification_bp,
                      complaint_public_bp, load_chat_views()):
        app.register_blueprint(blueprint)


def _page_globals() -> dict:
    from .security import sessions

    logged_in = has_request_context() and current_user and current_user.is_authenticated
    kind = sessions.current_kind() if logged_in else None
    config = current_app.config
    return {"office_name": config["OFFICE_NAME"], "office_agency": config["OFFICE_AGENCY"],
            "session_kind": kind, "website_url": config.get("OFFICE_WEBSITE_URL"),
            "oss_url": config.get("OSS_URL"), "portal_contact": _contact,
            "current_year": calendar.today().year}


def _contact() -> dict:
    """The footer's contact details; an error page whose cause is the database or the
    catalogue still renders (without them): the footer must never turn a 404 into a 500."""
    from .services import portal_content

    try:
        return portal_content.contact()
    except Exception:  # noqa: BLE001 - whatever failed is logged; the page itself matters
        db.session.rollback()
        current_app.logger.exception("contact details unavailable")
        return {}


# how long a browser keeps a static file before asking again: nginx's `expires 5m` for the
# same files (deploy/nginx/eptsp.conf), so a server without nginx in front (`make run`) does
# not have every page re-ask for each stylesheet and script
STATIC_MAX_AGE = 300


def _security_headers(response):
    """Pages of a logged-in person are not kept in shared or browser caches (CSP, HSTS and the
    other security headers: app/security/headers.py). A static file is the same for everyone
    and is not asked who is logged in: that took a session read from the database for each
    stylesheet, script and image of every page a logged-in person opened."""
    if _is_static(request.endpoint):
        if response.status_code in (200, 304):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = STATIC_MAX_AGE
        return response
    if current_user.is_authenticated:
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _is_static(endpoint: str | None) -> bool:
    """The app's and the blueprints' static folders (Flask names their routes `static`)."""
    return endpoint is not None and endpoint.rsplit(".", 1)[-1] == "static"


def or_404(find, *args):
    """`find(*args)` from a service, or the 404 page when it says the thing is not there or
    not the caller's (services.errors.NotFound): the one rule of the applicant's pages."""
    try:
        return find(*args)
    except NotFound:
        abort(404)


def wants_json() -> bool:
    """Scripts (uploads with a progress bar, inline saves) get JSON errors they can show in
    place; a page gets a page."""
    return (request.headers.get("X-Requested-With") == "XMLHttpRequest"
            or request.accept_mimetypes.best == "application/json")


def _page(code: int, title: str, message: str):
    console = _console_error_view()
    if console is not None:
        try:
            return console.page(code, title, message), code
        except Exception:  # noqa: BLE001 - an error page must render: the portal's then
            db.session.rollback()
            current_app.logger.exception("the console's error page failed")
    return render_template("error.html", code=code, title=title, message=message), code


def _console_error_view():
    """The console's error page for a staff member on /admin/... (backoffice.views), else
    None: visitors and applicants get the portal's page wherever they are."""
    if not request.path.startswith("/admin") or not current_user.is_authenticated:
        return None
    from .security import sessions

    if sessions.current_kind() != "staff":
        return None
    from .backoffice.views import frame_view

    return frame_view()


def _error_pages(app: Flask) -> None:
    pages = {
        404: (_l("Halaman tidak ditemukan"),
              _l("Halaman yang Anda cari tidak ada atau Anda tidak berhak melihatnya.")),
        403: (_l("Akses ditolak"), _l("Anda tidak berhak membuka halaman ini.")),
        405: (_l("Metode tidak diizinkan"), _l("Permintaan ini tidak dapat diproses.")),
        429: (_l("Terlalu banyak permintaan"),
              _l("Anda terlalu sering mencoba. Tunggu beberapa menit lalu coba lagi.")),
        500: (_l("Terjadi kesalahan"),
              _l("Maaf, terjadi kesalahan pada sistem. Silakan coba beberapa saat lagi.")),
    }
    for code, (title, message) in pages.items():
        app.register_error_handler(
            code, lambda _e, c=code, t=title, m=message: _page(c, str(t), str(m)))
    app.register_error_handler(CSRFError, _csrf_failed)
    app.register_error_handler(413, _too_large)
    app.register_error_handler(DomainError, _domain_error)


def _csrf_failed(_e):
    message = _(form_expiry.EXPIRED)
    if wants_json():
        return jsonify(error=message), 400
    return form_expiry.reshown() or _page(400, _("Sesi formulir berakhir"), message)


def _too_large(_e):
    """The body was refused before it was read (MAX_CONTENT_LENGTH): nothing was stored."""
    message = _("Ukuran berkas melebihi batas %(n)s MB. Perkecil atau pisahkan berkas, lalu "
                "unggah lagi.", n=current_app.config["UPLOAD_MAX_MB"])
    if wants_json():
        return jsonify(error=message, field="file"), 413
    return _page(413, _("Berkas terlalu besar"), message)


def _domain_error(e: DomainError):
    """A refused action goes back to the page it came from; without one (a link opened in a
    new tab) to the home of the area it was refused in: the console for staff on /admin."""
    flash(e.message, "danger")
    home = "admin.index" if _console_error_view() is not None else "portal.index"
    return redirect(safe_referrer(url_for(home)))
