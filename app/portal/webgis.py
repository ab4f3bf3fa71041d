"""WebGIS Perizinan: the public map of issued permits (page, viewport data, popups)."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, render_template, request
from flask_babel import gettext as _

from ..api.base import Refused
from ..api.filters import known
from ..extensions import limiter
from ..services import webgis
from ..services.errors import DomainError
from ..services.filter_codes import checked
from .routes import bp

# one colour per sector (Bidang), in the order the catalogue lists them; the legend and the
# markers use the same list
PALETTE = ("#0b5d4b", "#c0392b", "#1f5fa8", "#b9770e", "#7d3c98", "#117a65", "#a04000",
           "#2e4053", "#af601a", "#1a5276")


@bp.get("/webgis")
def webgis_page():
    options = webgis.choices()
    legend = [{"code": code, "name": name, "color": PALETTE[i % len(PALETTE)]}
              for i, (code, name) in enumerate(options["sectors"])]
    # a shared address (/webgis?izin=...) opens the map filtered; webgis.js keeps it current.
    # A value naming nothing (a stale link) is said and the map opens on "Semua" for it
    codes, notices = webgis.known_codes(options), []
    chosen = {name: checked(value, codes[name], webgis.FILTER_LABELS[name], notices)
              for name, value in _asked().items()}
    for message in notices:
        flash(message, "warning")
    return render_template("portal/webgis.html", options=options, legend=legend, chosen=chosen,
                           bounds=current_app.config["OFFICE_BOUNDS"],
                           tile_url=current_app.config["MAP_TILE_URL"])


@bp.get("/webgis/data")
@limiter.limit("240 per minute")
def webgis_data():
    """Clusters and points for one viewport; public, so cacheable for a minute."""
    try:
        view = webgis.viewport_from(request.args)
    except DomainError as exc:
        return jsonify(error=exc.message), 400
    refused = _unknown_filter()
    if refused is not None:
        return jsonify(error=refused.message, errors=refused.errors), 400
    response = jsonify(webgis.features(view, webgis.filters_from(request.args)))
    response.headers["Cache-Control"] = "public, max-age=60"
    return response


def _asked() -> dict[str, str]:
    return {name: (request.args.get(name) or "").strip() for name in webgis.FILTER_NAMES}


def _unknown_filter() -> Refused | None:
    """The refusal of the first filter naming nothing, as the API words it (errors.<name>:
    the refusal and the known values), so a mistyped code never reads as "no permits here";
    None when every one is known. Unfiltered requests (most of the map's) skip the check."""
    # any year may be asked of the data (one with no permit has none); the page's select
    # offers only the years on the map, so there an unlisted one is said
    asked = {name: value for name, value in _asked().items()
             if value and not (name == "tahun" and webgis.year_of(value) is not None)}
    if not asked:
        return None
    codes = webgis.known_codes(webgis.choices(years="tahun" in asked))
    try:
        for name, value in asked.items():
            known(name, value, codes[name], str(webgis.FILTER_LABELS[name]))
    except Refused as exc:
        return exc
    return None


@bp.get("/webgis/izin/<int:point_id>")
@limiter.limit("240 per minute")
def webgis_popup(point_id: int):
    found = webgis.popup(point_id)
    if found is None:
        abort(404)
    from ..templating import tanggal_lokal

    found["issued_on"] = tanggal_lokal(found["issued_on"])
    found["labels"] = {"number": _("Nomor Izin"), "issued_on": _("Tanggal Terbit"),
                       "region": _("Wilayah"), "agency": _("Dinas"), "sector": _("Bidang")}
    response = jsonify(found)
    response.headers["Cache-Control"] = "public, max-age=60"
    return response
