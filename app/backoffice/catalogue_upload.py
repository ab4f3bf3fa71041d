"""Upload a workbook or a .zip of the JSON folder -> validation report or diff -> publish.

The validated content is staged server-side and its storage key kept in the uploader's
session; "Terbitkan" publishes that staged content, checked against the digest and the base
version shown on the preview page, never anything the browser posts."""

from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask_admin import expose
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, TextAreaField

import catalogue as cat_lib

from ..i18n import N_
from ..services import catalogue_browse as browse
from ..services import catalogue_store as store
from ..services import catalogue_upload as upload
from ..services.errors import DomainError
from .catalogue_views import CatalogueBase

SESSION_KEY = "katalog_unggah"
MSG_REJECTED = N_("Katalog ditolak: {count} masalah. Unggah ulang untuk melihat laporannya.")


class UploadForm(FlaskForm):
    file = FileField("Berkas katalog (.xlsx atau .zip)")


class ConfirmForm(FlaskForm):
    digest = HiddenField()
    base = HiddenField()
    note = TextAreaField("Catatan perubahan", render_kw={"rows": 2})


class CatalogueUploadView(CatalogueBase):
    @expose("/", methods=("GET", "POST"))
    def index(self):
        form = UploadForm()
        report = None
        if request.method == "POST" and form.validate_on_submit():
            chosen = request.files.get("file")
            if chosen is None or not chosen.filename:
                form.file.errors = ["Pilih berkas .xlsx atau .zip terlebih dahulu."]
            else:
                upload.discard(session.pop(SESSION_KEY, None))
                try:
                    report = upload.receive(chosen.stream, chosen.filename, self.user_id())
                except DomainError as exc:
                    form.file.errors = [exc.message]
                else:
                    if report.staged is not None:
                        session[SESSION_KEY] = report.staged.key
                        return redirect(url_for(".review"))
        return self.page("admin/catalogue/upload.html", form=form, report=report,
                         max_mb=f"{upload.max_bytes() / upload.MB:g}",
                         current=store.current_version())

    @expose("/periksa")
    def review(self):
        try:
            staged = upload.load(session.get(SESSION_KEY), self.user_id())
        except DomainError as exc:
            flash(exc.message, "warning")
            return redirect(url_for(".index"))
        current = store.current_version()
        form = ConfirmForm(digest=staged.digest, base=str(current.number if current else 0))
        cat = staged.catalogue()
        changes = upload.preview(staged)
        values = browse.attribute_changes(store.current() or cat_lib.Catalogue({}), cat,
                                           changes)
        return self.page("admin/catalogue/upload_review.html", staged=staged, form=form,
                         changes=changes, values=values, current=current, new_cat=cat,
                         next_number=(current.number if current else 0) + 1)

    @expose("/terbitkan", methods=("POST",))
    def publish(self):
        form = ConfirmForm()
        if not form.validate_on_submit():
            return redirect(url_for(".review"))
        try:
            version = upload.publish(session.get(SESSION_KEY), self.user_id(),
                                     digest=form.digest.data or "", base=form.base.data or "",
                                     note=(form.note.data or "").strip())
        except upload.StagedOutdated as exc:
            flash(exc.message, "warning")
            return redirect(url_for(".review"))
        except store.CatalogueRejected as exc:
            flash(MSG_REJECTED.format(count=len(exc.issues)), "error")
            return redirect(url_for(".index"))
        except DomainError as exc:
            flash(exc.message, "warning")
            return redirect(url_for(".index"))
        session.pop(SESSION_KEY, None)
        flash(f"Versi {version.number} diterbitkan dari {version.source[len('unggah '):]}.",
              "success")
        return redirect(url_for("katalog_versi.index"))

    @expose("/batal", methods=("POST",))
    def cancel(self):
        upload.discard(session.pop(SESSION_KEY, None))
        flash("Unggahan dibatalkan. Katalog tidak berubah.", "info")
        return redirect(url_for(".index"))
