"""The certificate preview of the permit editor (screen "Katalog"): the template as typed in
the editor, rendered on sample answers of the draft permit's form, watermarked CONTOH. Only
catalogue admins (CatalogueBase) reach it, for a permit of the current draft or, as
published, from the permit's read-only page. The
rendering and the sample are app/services/certificate_preview.py."""

from __future__ import annotations

import io

from flask import abort, redirect, render_template, send_file, url_for
from flask_admin import expose

from ..services import catalogue_browse as browse
from ..services import catalogue_console as console
from ..services import catalogue_store as store
from ..services import certificate_preview as preview
from ..services.errors import DomainError
from .catalogue_certificate_form import CertificatePreviewForm
from .catalogue_views import CatalogueBase

RESULT = "admin/catalogue/_certificate_result.html"


class CertificatePreviewView(CatalogueBase):
    @expose("/")
    def index(self):
        """Flask-Admin wants a default page; the preview is opened from a permit."""
        return redirect(url_for("katalog_draf.index"))

    @expose("/<code>/pratinjau", methods=("POST",))
    def preview(self, code: str):
        """A PDF, or (422) the reason in Indonesian for the editor to show by the field."""
        draft = console.get_draft()
        if draft is None:
            abort(404)
        try:
            permit = console.draft_item(browse.KINDS["izin"], code)
        except DomainError:
            abort(404)
        form = CertificatePreviewForm()
        if not form.validate_on_submit():
            abort(400)
        problem = form.certificate_problem()
        return _sample(code, lambda: preview.preview_pdf(
            console.draft_catalogue(draft), permit, form.certificate_spec() or None,
            console.current_assets()), problem)

    @expose("/<code>/terbit.pdf")
    def published(self, code: str):
        """The published permit's own certificate template on sample data (the read-only
        permit page links here): a GET, as it reads the published version and stores
        nothing; a template that cannot render says why (422)."""
        version, cat = store.published()
        permit = cat.permit(code) if cat else None
        if permit is None:
            abort(404)
        spec = (permit.get("certificate") or {}).get("template") or None
        return _sample(code, lambda: preview.preview_pdf(cat, permit, spec,
                                                         store.assets_of(version)))


def _sample(code: str, render, problem=None):
    """The sample PDF of either preview, or (422) the reason in Indonesian for the page to
    show by the field: a problem the form found first, or what the renderer refused."""
    try:
        if problem:
            raise DomainError(problem[1], field=problem[0].name)
        pdf = render()
    except DomainError as exc:
        return render_template(RESULT, error=exc), 422
    return send_file(io.BytesIO(pdf), mimetype="application/pdf",
                     download_name=f"contoh-sertifikat-{code}.pdf", max_age=0)
