"""Bantuan: the help pages (the manual, chapter by chapter), the FAQ with search grouped by
topic, and the manual as a PDF rendered from the same pages."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from .. import i18n
from ..extensions import limiter
from ..services import manual, markup, portal_content
from .routes import bp


def _common() -> dict:
    return {"t": portal_content.text, "render": markup.render, "plain": markup.plain,
            "pages": portal_content.help_pages()}


@bp.get("/bantuan")
def help_index():
    return render_template("portal/help/index.html", topics=portal_content.faq(), **_common())


@bp.get("/bantuan/faq")
def help_faq():
    query = (request.args.get("q") or "").strip()[:100]
    topics = portal_content.faq(query)
    return render_template("portal/help/faq.html", topics=topics, query=query,
                           found=sum(len(t.entries) for t in topics), **_common())


@bp.get("/bantuan/panduan.pdf")
@limiter.limit("30 per minute")
def help_manual_pdf():
    lang = i18n.locale()
    pdf = manual.manual_pdf(lang)
    name = "panduan-e-ptsp.pdf" if lang == "id" else "e-ptsp-user-manual.pdf"
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-cache"})


@bp.get("/bantuan/<slug>")
def help_page(slug: str):
    page = portal_content.help_page(slug)
    if page is None:
        abort(404)
    common = _common()
    index = next(i for i, p in enumerate(common["pages"]) if p.id == page.id)
    neighbours = (common["pages"][index - 1] if index else None,
                  common["pages"][index + 1] if index + 1 < len(common["pages"]) else None)
    return render_template("portal/help/page.html", page=page, neighbours=neighbours,
                           **common)
