"""File Saya: the applicant's document library (list, search, upload, open, download, delete).

Uploads answer JSON to a script (the upload dialog, the wizard's slots) and redirect with a
message for a plain form post, so the page works without JavaScript. Another applicant's file
answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import i18n
from ..account.forms import EmptyForm
from ..account.guards import applicant_required, safe_next
from ..extensions import limiter
from ..security import headers
from ..services import files
from ..services.errors import DomainError
from ..services.pagination import paginate
from ..templating import pesan
from ..web import or_404, wants_json
from . import bp

PER_PAGE = 10
# Labels kept in Indonesian by app/services (the API's words too) and translated where
# they are shown, with _(label); listed here so `make translations` extracts them
# (tests/integration/test_translations.py checks that the list is complete).
KIND_MSGIDS = (_l("Dokumen PDF"), _l("Gambar JPG"), _l("Gambar PNG"), _l("Gambar GIF"),
               _l("Gambar Teknik DWG"))


@bp.app_template_filter("ukuran")
def _size_filter(size) -> str:
    """A file's size as the reader writes it ("70,9 KB", "70.9 KB")."""
    return files.human_size(size, i18n.locale())


def _owned(uid: str):
    return or_404(files.get_owned, current_user.id, uid)


def _upload_rules() -> dict:
    kinds = tuple(k for k in files.FILE_KINDS if k != "jpeg")
    return {"formats": kinds, "accept": ",".join(f".{k}" for k in files.FILE_KINDS),
            "max_mb": current_app.config["UPLOAD_MAX_MB"], "label": files.accepted_text(kinds)}


def _list_url() -> str:
    return safe_next(request.form.get("back")) or url_for("applicant.my_files")


@bp.get("/file-saya")
@applicant_required
def my_files():
    query = (request.args.get("q") or "").strip()[:100]
    page = paginate(files.search_owned(current_user.id, query), request.args.get("hal"),
                    PER_PAGE)
    used = files.used_ids(f.id for f in page.items)
    fresh = request.args.get("baru") or ""
    return render_template("applicant/files.html", page=page, query=query, used=used,
                           fresh=fresh, rules=_upload_rules(), form=EmptyForm(),
                           kind_labels=files.KIND_LABELS, inline_kinds=files.INLINE_KINDS)


@bp.get("/file-saya/unggah")
@applicant_required
def file_upload_page():
    """The upload form on its own page: where "Upload File" leads without JavaScript."""
    return render_template("applicant/files_upload.html", rules=_upload_rules(),
                           form=EmptyForm(), name="", error=None)


@bp.post("/file-saya/unggah")
@applicant_required
@limiter.limit("120 per hour")
def file_upload():
    """CSRF is checked before this runs (CSRFProtect); `allowed`/`max_mb` only narrow."""
    name = (request.form.get("name") or "").strip()
    upload = request.files.get("file")
    try:
        allowed, limit = files.narrowing(request.form.getlist("allowed"),
                                         request.form.get("max_mb"))
        if upload is None or not upload.filename:
            raise files.FileRejected(_("Pilih berkas yang akan diunggah."), field="file")
        stored = files.save_upload(current_user.id, files.Upload(upload.stream, upload.filename),
                                   name=name, allowed=allowed, limit=limit)
    except DomainError as exc:
        if wants_json():
            return jsonify(error=pesan(exc.message), field=exc.field or "file"), 400
        return render_template("applicant/files_upload.html", rules=_upload_rules(),
                               form=EmptyForm(), name=name, error=exc.message), 400
    if wants_json():
        return jsonify(uid=stored.uid, name=stored.name, ext=stored.ext, size=stored.size,
                       size_text=_size_filter(stored.size),
                       open_url=url_for("applicant.file_open", uid=stored.uid),
                       list_url=url_for("applicant.my_files", baru=stored.uid))
    flash(_("Upload berhasil: %(name)s", name=stored.name), "success")
    return redirect(url_for("applicant.my_files", baru=stored.uid))


def _send(uid: str, *, inline: bool) -> Response:
    stored = _owned(uid)
    body = or_404(files.content, stored)
    inline = inline and files.shows_inline(stored)
    return headers.sandbox(Response(body, mimetype=stored.mime, headers={
        "Content-Disposition": files.content_disposition(files.download_name(stored),
                                                         inline=inline),
        "Content-Length": str(stored.size),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store"}))


@bp.get("/file-saya/<uid>")
@applicant_required
def file_open(uid: str):
    """Shown in the browser (PDF, images); a drawing (DWG) is downloaded instead."""
    return _send(uid, inline=True)


@bp.get("/file-saya/<uid>/unduh")
@applicant_required
def file_download(uid: str):
    return _send(uid, inline=False)


@bp.get("/file-saya/<uid>/hapus")
@applicant_required
def file_delete_confirm(uid: str):
    """The confirmation as a page, for browsers without JavaScript (the list uses a dialog)."""
    stored = _owned(uid)
    return render_template("applicant/files_delete.html", file=stored, form=EmptyForm(),
                           used=files.is_used(stored))


@bp.post("/file-saya/<uid>/hapus")
@applicant_required
def file_delete(uid: str):
    if not EmptyForm().validate_on_submit():
        abort(400)
    stored = _owned(uid)
    name = stored.name
    try:
        files.delete_owned(current_user.id, uid)
    except files.FileInUse as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Berkas %(name)s dihapus.", name=name), "success")
    return redirect(_list_url())
