"""The home page (banners, services, announcements, FAQ highlights) and what it links to:
banner images and announcements. All of it is console data (Konten Portal)."""

from __future__ import annotations

from flask import Response, abort, render_template

from .. import storage
from ..extensions import db
from ..models import PortalBanner
from ..services import catalogue_store, markup, portal_content
from .routes import bp


@bp.get("/")
def index():
    cat = catalogue_store.current()
    topics = portal_content.faq()
    highlights = [e for t in topics for e in t.entries][:4]
    stats = {"permits": len(cat.permits) if cat else 0,
             "agencies": len({p["agency"] for p in cat.permits}) if cat else 0}
    return render_template("portal/index.html", banners=portal_content.banners(),
                           announcements=portal_content.announcements(),
                           faq_highlights=highlights, stats=stats, t=portal_content.text,
                           render=markup.render, plain=markup.plain)


@bp.get("/banner/<int:banner_id>/gambar")
def banner_image(banner_id: int):
    """A banner's image as stored (its type was checked on upload); the URL carries the key's
    start, so a replaced image is a new URL and the old one may be cached long."""
    banner = db.session.get(PortalBanner, banner_id)
    if banner is None or not banner.image_key:
        abort(404)
    try:
        body = storage.current().iter_chunks(banner.image_key)
    except (storage.ObjectMissing, storage.InvalidKey):
        abort(404)
    return Response(body, mimetype=banner.image_mime or "application/octet-stream", headers={
        "Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"})


@bp.get("/pengumuman/<int:item_id>")
def announcement(item_id: int):
    item = portal_content.announcement(item_id)
    if item is None:
        abort(404)
    others = [a for a in portal_content.announcements(limit=6) if a.id != item.id][:5]
    return render_template("portal/announcement.html", item=item, others=others,
                           t=portal_content.text, render=markup.render)
