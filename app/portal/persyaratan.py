"""Persyaratan: the public list of permit types and what each needs, from the current
published catalogue version. No login."""

from __future__ import annotations

import io

from flask import abort, flash, render_template, request, send_file

from .. import i18n
from ..i18n import N_, text
from ..services import catalogue_public as public
from ..services import catalogue_store as store
from ..services.catalogue_browse import paginate
from ..services.filter_codes import checked
from ..services.pagination import filter_values
from .routes import bp

PER_PAGE = 10


@bp.get("/persyaratan")
def persyaratan():
    version, cat = store.published()
    args = filter_values(request.args, ("q", "instansi", "bidang"))
    if cat is None:
        return render_template("portal/persyaratan.html", cat=None, args=args, page=None)
    # codes as the API takes them (upper case); one naming nothing is said and ignored
    notices: list[str] = []
    for key, kind, what in (("instansi", cat.agencies, N_("Instansi")),
                            ("bidang", cat.sectors, N_("Bidang"))):
        args[key] = checked(args[key].upper(), (c["code"] for c in kind), what, notices)
    for message in notices:
        flash(message, "warning")
    found = public.listing(cat, args["q"], args["instansi"], args["bidang"])
    page = paginate(found, request.args.get("hal"), PER_PAGE)
    return render_template("portal/persyaratan.html", cat=cat, version=version, args=args,
                           page=page, filters=public.filters(cat, i18n.locale()),
                           locale=i18n.locale(), t=text)


@bp.get("/persyaratan/<code>")
def persyaratan_detail(code: str):
    version, cat = store.published()
    permit = cat.permit(code) if cat else None
    if permit is None:
        abort(404)
    locale = i18n.locale()
    return render_template(
        "portal/persyaratan_detail.html", cat=cat, version=version, permit=permit,
        agency=cat.agency(str(permit.get("agency"))) or {},
        sector=cat.sector(str(permit.get("sector"))) or {},
        tabs=public.requirement_tabs(cat, permit, locale),
        steps=public.routing_steps(cat, permit, locale),
        validity=public.validity_text(permit.get("validity"), locale),
        fee=public.rupiah(permit.get("fee", 0), locale), locale=locale, t=text)


@bp.get("/persyaratan/<code>/templat/<key>")
def persyaratan_template(code: str, key: str):
    found = public.template_file(store.current_version(), code, key)
    if found is None:
        abort(404)
    name, content, mimetype = found
    return send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True,
                     download_name=name, max_age=0)
