"""Public pages: captcha images, language switch, region lookups; the home page, help,
tracking, Persyaratan and WebGIS live in their own modules on this blueprint."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from .. import account_language, captcha, regions
from ..account.guards import safe_referrer
from ..extensions import limiter

bp = Blueprint("portal", __name__)
CAPTCHA_FORMS = {"login", "register", "forgot", "staff", "complaint", "chat"}


@bp.get("/captcha/<form_key>.png")
@limiter.limit("60 per minute")
def captcha_image(form_key: str):
    if form_key not in CAPTCHA_FORMS:
        abort(404)
    png = captcha.new_challenge(form_key)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "no-store"})


@bp.get("/bahasa/<locale>")
def set_language(locale: str):
    if locale in ("id", "en"):
        account_language.pick(locale)
    return redirect(safe_referrer(url_for("portal.index")))


@bp.get("/wilayah")
@bp.get("/wilayah/<code>")
def region_children(code: str | None = None):
    """Children of a region as JSON for the cascading dropdowns; provinces without a code."""
    items = regions.provinces() if code is None else regions.children(code)
    if code is not None and regions.get(code) is None:
        abort(404)
    return jsonify([{"code": r.code, "name": r.name} for r in items])


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it on every admin page; answering saves a 404 page render."""
    return redirect(url_for("static", filename="img/favicon.svg"), code=301)


@bp.get("/segera-hadir")
def coming_soon():
    return render_template("portal/coming_soon.html", feature=request.args.get("fitur", ""))


# modules that register their views on this blueprint (/, /persyaratan, /lacak, /webgis,
# /bantuan, /privasi, /survey-kepuasan)
from . import content, health, help, persyaratan, privacy, survey, tracking, webgis  # noqa: E402,F401,I001
