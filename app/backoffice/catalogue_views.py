"""Catalogue console (screen "Katalog"): overview, browsing the published version, the form
preview, downloads and the version history. Editing lives in catalogue_draft.py, uploading
in catalogue_upload.py; the logic is in app/services/catalogue_*.py."""

from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField

import catalogue as cat_lib
from forms_schema import FormDefinitionError, build_form

from .. import i18n
from ..security.roles import SCREEN_CATALOGUE
from ..services import catalogue_browse as browse
from ..services import catalogue_console as console
from ..services import catalogue_forms as cforms
from ..services import catalogue_public as public
from ..services import catalogue_store as store
from ..services import catalogue_versions as versions
from ..services import routing_diagram
from ..services.errors import DomainError
from .access import StaffAccessMixin


class RollbackForm(FlaskForm):
    note = TextAreaField(_l("Catatan"), render_kw={"rows": 2})


KIND_RULE = "<kind>"  # checked by kind_or_404 (any other word is a 404)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def certificate_variables(cat, permit: dict) -> dict:
    """What a permit's certificate template can print (the editor lists it beside the
    template), in the reader's language; called by the page only where it is shown."""
    from ..services import certificate_preview

    return certificate_preview.variables(cat, permit, i18n.locale())


class CatalogueBase(StaffAccessMixin, BaseView):
    """Every catalogue screen: staff session + the "Katalog" permission (Admin Katalog)."""

    screen = SCREEN_CATALOGUE
    in_menu = False  # one menu entry ("Katalog"); the screens link to each other

    def is_visible(self) -> bool:
        return self.in_menu

    def page(self, template: str, **kwargs):
        """`t` names catalogue texts (step, action, permit names) in the reader's language,
        Indonesian where the data has no English."""
        kwargs.setdefault("t", i18n.in_locale)
        # who acts on a routing step, worded as the routing diagram words it
        kwargs.setdefault("acting", functools.partial(
            routing_diagram.who, office=current_app.config["OFFICE_AGENCY"]))
        kwargs.setdefault("kinds", browse.KINDS)
        kwargs.setdefault("draft", console.get_draft())
        kwargs.setdefault("certificate_variables", certificate_variables)
        return self.render(template, **kwargs)

    @staticmethod
    def kind_or_404(slug: str) -> browse.Kind:
        kind = browse.KINDS.get(slug)
        if kind is None:
            abort(404)
        return kind

    @staticmethod
    def user_id() -> int | None:
        return current_user.id if current_user.is_authenticated else None

    def list_page(self, cat, kind_slug: str, *, editable: bool, version=None):
        kind = self.kind_or_404(kind_slug)
        query = (request.args.get("q") or "").strip()[:100]
        found = browse.search(cat, kind, query)
        page = browse.paginate(found, request.args.get("hal"))
        rows = [(browse.item_key(kind, i), browse.cells(cat, kind, i)) for i in page.items]
        return self.page("admin/catalogue/list.html", kind=kind, rows=rows, page=page,
                         query=query, editable=editable, version=version,
                         headers=browse.COLUMNS[kind.slug])

    def detail_page(self, cat, kind, item, *, editable: bool, version=None):
        extra: dict = {}
        if kind.slug == "izin":
            extra = {"outline": browse.form_outline(item),
                     "tabs": public.requirement_tabs(cat, item),
                     "steps": public.routing_steps(cat, item),
                     "fee": public.rupiah(item.get("fee", 0)),
                     "validity": public.validity_text(item.get("validity"))}
        elif kind.slug == "referensi":
            query = (request.args.get("q") or "").strip()[:100]
            indexed = [(i, r) for i, r in enumerate(item.get("rows") or [])
                       if isinstance(r, dict) and browse.row_matches(r, query)]
            extra = {"rows": browse.paginate(indexed, request.args.get("hal")),
                     "query": query}
        elif kind.slug in ("alur", "instansi", "bidang"):
            field = {"alur": "routing", "instansi": "agency", "bidang": "sector"}[kind.slug]
            extra = {"used_by": browse.permits_using(cat, field, browse.item_key(kind, item))}
            if kind.slug == "instansi":
                extra["sectors"] = [s for s in cat.sectors
                                    if s.get("agency") == item.get("code")]
        elif kind.slug == "jenis-permohonan":
            extra = {"effect": browse.effect_label(cat, browse.item_key(kind, item))}
        name = kind.slug if kind.slug in ("izin", "alur", "referensi") else "simple"
        return self.page(f"admin/catalogue/detail_{name}.html", kind=kind, item=item,
                         key=browse.item_key(kind, item), cat=cat, editable=editable,
                         version=version, label=browse.label, powers=browse.POWER_LABELS,
                         holiday_kinds=browse.HOLIDAY_KINDS, **extra)


def send_bytes(content: bytes, name: str, mimetype: str):
    return send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True,
                     download_name=name, max_age=0)


def version_xlsx(version) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = store.export(version, Path(tmp) / "katalog.xlsx", "xlsx")
        return out.read_bytes()


def version_zip(version) -> bytes:
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        root = store.export(version, Path(tmp) / "katalog", "json")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, f"katalog-v{version.number}/{path.relative_to(root)}")
    return buffer.getvalue()


class CatalogueView(CatalogueBase):
    in_menu = True

    @expose("/")
    def index(self):
        version, cat = store.published()
        counts = {slug: len(browse.search(cat, kind)) for slug, kind in browse.KINDS.items()} \
            if cat else {}
        return self.page("admin/catalogue/index.html", version=version, cat=cat,
                         counts=counts, who=browse.user_label(
                             version.created_by_id) if version else "")

    @expose(f"/{KIND_RULE}/")
    def items(self, kind: str):
        version = store.current_version()
        if version is None:
            return self.page("admin/catalogue/index.html", version=None, cat=None, counts={},
                             who="")
        return self.list_page(store.catalogue_of(version), kind, editable=False,
                              version=version)

    @expose(f"/{KIND_RULE}/<key>")
    def detail(self, kind: str, key: str):
        version, cat = store.published()
        item = browse.find(cat, self.kind_or_404(kind), key) if cat else None
        if item is None:
            abort(404)
        return self.detail_page(cat, self.kind_or_404(kind), item, editable=False,
                                version=version)

    @expose("/izin/<code>/pratinjau", methods=("GET", "POST"))
    def preview(self, code: str):
        """The permit's form as an applicant sees it (portal layout), from the published
        version or, with ?sumber=draf, from the draft."""
        use_draft = request.args.get("sumber") == "draf"
        if use_draft:
            draft = console.get_draft()
            cat = console.draft_catalogue(draft) if draft else None
        else:
            cat = store.current()
        permit = cat.permit(code) if cat else None
        if permit is None:
            abort(404)
        lang = i18n.locale()
        types = permit.get("application_types") or []
        app_type = request.args.get("jenis")
        app_type = app_type if app_type in types else (types[0] if types else None)
        context = cforms.form_context(cat, permit, files={}, application_type=app_type)
        form = problems = None
        try:
            form_class = build_form(permit.get("form") or {}, locale=lang, context=context,
                                    base=FlaskForm)
        except FormDefinitionError as exc:
            problems = exc.issues
        else:
            form = form_class()
            for name in form.schema_fields:
                bound = form[name]
                if request.method == "GET" and hasattr(bound, "append_entry") \
                        and not bound.entries:
                    bound.append_entry()
        checked = valid = False
        if form is not None and request.method == "POST":
            checked, valid = True, form.validate()
        requirements = {r["key"]: r for r in permit.get("requirements") or []
                        if isinstance(r, dict) and "key" in r}
        return render_template(
            "admin/catalogue/preview.html", permit=permit, cat=cat, form=form,
            problems=problems, checked=checked, valid=valid, use_draft=use_draft,
            tabs=public.requirement_tabs(cat, permit, lang), requirements=requirements,
            region_chain=cforms.office_region_chain, t=browse.text, locale=lang,
            app_type=app_type, types=[cat.application_type(t) or {"code": t} for t in types],
            embedded=request.args.get("sematan") == "1")

    @expose("/unduh/terkini.xlsx")
    def download_current(self):
        version = store.current_version()
        if version is None:
            abort(404)
        return send_bytes(version_xlsx(version), f"katalog-v{version.number}.xlsx", XLSX)

    @expose("/unduh/templat-kosong.xlsx")
    def download_template(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "templat.xlsx"
            cat_lib.write_template(path)
            return send_bytes(path.read_bytes(), "templat-katalog-kosong.xlsx", XLSX)


class CatalogueVersionsView(CatalogueBase):
    @expose("/")
    def index(self):
        page = browse.versions(request.args.get("hal"))
        labels = {v.id: browse.user_label(v.created_by_id) for v in page.items}
        return self.page("admin/catalogue/versions.html", page=page, labels=labels,
                         current=store.current_version())

    def _version(self, number: int):
        version = store.get_version(number)
        if version is None:
            abort(404)
        return version

    @expose("/<int:number>/")
    def detail(self, number: int):
        """What this version changed against the one before it, who published it, when."""
        version = self._version(number)
        changes, values = versions.changes(version)
        return self.page("admin/catalogue/version_detail.html", version=version,
                         changes=changes, values=values, before=versions.previous(version),
                         who=browse.user_label(version.created_by_id),
                         current=store.current_version())

    @expose("/<int:number>/pulihkan", methods=("GET", "POST"))
    def rollback(self, number: int):
        """Publish an old version again as the newest: first what it changes against the
        current version and which open applications are pinned (they stay as they are)."""
        version = self._version(number)
        form = RollbackForm()
        if request.method == "POST" and form.validate_on_submit():
            try:
                new = versions.rollback(number, self.user_id(), (form.note.data or "").strip())
            except store.CatalogueRejected as exc:
                flash(_("Versi %(n)s tidak dapat diterbitkan ulang: %(k)s masalah menurut "
                        "aturan katalog sekarang. Perbaiki lewat draf.", n=number,
                        k=len(exc.issues)), "error")
            except DomainError as exc:
                flash(exc.message, "warning")
            else:
                flash(_("Isi versi %(old)s diterbitkan sebagai versi %(new)s.", old=number,
                        new=new.number), "success")
                return redirect(url_for(".index"))
        target = store.catalogue_of(version)
        current = store.current()
        changes = cat_lib.diff(current or cat_lib.Catalogue({}), target)
        return self.page("admin/catalogue/version_rollback.html", version=version, form=form,
                         changes=changes, values=browse.attribute_changes(
                             current or cat_lib.Catalogue({}), target, changes),
                         dry=versions.dry_run(target), current=store.current_version())

    @expose("/<int:number>.xlsx")
    def excel(self, number: int):
        version = store.get_version(number)
        if version is None:
            abort(404)
        return send_bytes(version_xlsx(version), f"katalog-v{number}.xlsx", XLSX)

    @expose("/<int:number>.zip")
    def json_zip(self, number: int):
        version = store.get_version(number)
        if version is None:
            abort(404)
        return send_bytes(version_zip(version), f"katalog-v{number}-json.zip",
                          "application/zip")
