"""Registering our blueprints, error pages and template helpers on an app."""

from __future__ import annotations

from flask import (
    Flask,
    flash,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db
from .services import calendar
from .services.errors import DomainError


def register(app: Flask) -> None:
    from .account.routes import bp as account_bp
    from .applicant import load_views
    from .portal.routes import bp as portal_bp
    from .staff.routes import bp as staff_bp

    for blueprint in (portal_bp, account_bp, load_views(), staff_bp):
        app.register_blueprint(blueprint)
    from .portal.verification import bp as verification_bp

    app.register_blueprint(verification_bp)

    from . import captcha, templating

    app.jinja_env.globals["captcha_widget"] = captcha.widget_context
    templating.register(app)

    @app.context_processor
    def inject():
        from .security import sessions

        logged_in = has_request_context() and current_user and current_user.is_authenticated
        kind = sessions.current_kind() if logged_in else None
        return {"office_name": app.config["OFFICE_NAME"], "session_kind": kind,
                "website_url": app.config.get("OFFICE_WEBSITE_URL"),
                "oss_url": app.config.get("OSS_URL"), "portal_contact": _contact,
                "current_year": calendar.today().year}

    def _contact() -> dict:
        """The footer's contact details; an error page whose cause is the database still
        renders (without them)."""
        from .services import portal_content

        try:
            return portal_content.contact()
        except SQLAlchemyError:
            db.session.rollback()
            app.logger.exception("contact details unavailable")
            return {}

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if current_user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    def wants_json() -> bool:
        """Scripts (uploads with a progress bar) get JSON errors they can show in place."""
        return (request.headers.get("X-Requested-With") == "XMLHttpRequest"
                or request.accept_mimetypes.best == "application/json")

    def page(code: int, title: str, message: str):
        return render_template("error.html", code=code, title=title, message=message), code

    @app.errorhandler(404)
    def not_found(_e):
        return page(404, _("Halaman tidak ditemukan"),
                    _("Halaman yang Anda cari tidak ada atau Anda tidak berhak melihatnya."))

    @app.errorhandler(403)
    def forbidden(_e):
        return page(403, _("Akses ditolak"), _("Anda tidak berhak membuka halaman ini."))

    @app.errorhandler(405)
    def not_allowed(_e):
        return page(405, _("Metode tidak diizinkan"), _("Permintaan ini tidak dapat diproses."))

    @app.errorhandler(CSRFError)
    def csrf_failed(_e):
        message = _("Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba "
                    "lagi.")
        if wants_json():
            return jsonify(error=message), 400
        return page(400, _("Sesi formulir berakhir"), message)

    @app.errorhandler(413)
    def too_large(_e):
        """The body was refused before it was read (MAX_CONTENT_LENGTH): nothing was stored."""
        message = _("Ukuran berkas melebihi batas %(n)s MB. Perkecil atau pisahkan berkas, "
                    "lalu unggah lagi.", n=app.config["UPLOAD_MAX_MB"])
        if wants_json():
            return jsonify(error=message, field="file"), 413
        return page(413, _("Berkas terlalu besar"), message)

    @app.errorhandler(429)
    def too_many(_e):
        return page(429, _("Terlalu banyak permintaan"),
                    _("Anda terlalu sering mencoba. Tunggu beberapa menit lalu coba lagi."))

    @app.errorhandler(500)
    def server_error(_e):
        return page(500, _("Terjadi kesalahan"),
                    _("Maaf, terjadi kesalahan pada sistem. Silakan coba beberapa saat lagi."))

    @app.errorhandler(DomainError)
    def domain_error(e: DomainError):
        flash(e.message, "danger")
        return redirect(request.referrer or url_for("portal.index"))
