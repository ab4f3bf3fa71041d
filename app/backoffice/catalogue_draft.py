"""The draft screens: edit items of the working copy, then publish it (or throw it away)."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.fields.choices import SelectChoice

import catalogue as cat_lib
from catalogue import file_kinds, labels, references

from .. import i18n
from ..account.guards import safe_next
from ..forms.web import not_done
from ..services import catalogue_browse as browse
from ..services import catalogue_console as console
from ..services import catalogue_store as store
from ..services import catalogue_versions as versions
from ..services import certificate_checks
from ..services.errors import DomainError
from . import catalogue_forms as forms
from .catalogue_permit_forms import PermitForm, RequirementForm
from .catalogue_small_forms import ActionForm, ApplicationTypeForm, RoleForm
from .catalogue_views import KIND_RULE, CatalogueBase

FORMS = {"instansi": forms.AgencyForm, "bidang": forms.SectorForm, "izin": PermitForm,
         "alur": forms.RoutingForm, "referensi": forms.LookupForm, "libur": forms.HolidayForm,
         "jenis-permohonan": ApplicationTypeForm, "tindakan": ActionForm, "peran": RoleForm}
NEW = "_baru"


class PublishForm(FlaskForm):
    note = TextAreaField(_l("Catatan perubahan"), render_kw={"rows": 2})
    confirm_stale = BooleanField(_l("Saya mengerti bahwa draf ini menggantikan versi terkini"))


def _safe_next(target: str | None) -> str | None:
    """A console path only: safe_next's rules (no host, no control characters), under /admin/."""
    target = safe_next(target)
    return target if target and target.startswith("/admin/") and "//" not in target else None


def _uploadable(form: RequirementForm, base: dict) -> dict | None:
    """The requirement as typed, refused (next to its formats, what was typed kept) when it
    asks for a format the upload service would refuse: the catalogue's own check, asked
    before saving so that the admin is not told "saved" about a permit nobody could use."""
    built = form.build(base)
    if built is None:
        return None
    problems = file_kinds.format_issues(built.get("formats"))
    for _position, message in problems:
        form.fail(form.formats, message)
    return None if problems else built


def _in_its_agency(form: PermitForm, base: dict, cat) -> dict | None:
    """The permit as typed, refused next to its Bidang (everything typed kept) when that
    sector is another Dinas's: the catalogue's own rule (references.sector_issue), asked
    before saving, with the form's other refusals, not after as a draft issue."""
    built = form.build(base)
    message = references.sector_issue({"agency": form.agency.data, "sector": form.sector.data},
                                      references.sector_agencies(cat.document()))
    if message:
        form.fail(form.sector, message)
    return None if message else built


def _permit_as_typed(form: PermitForm, base: dict, cat) -> dict | None:
    """The permit as typed, refused (everything typed kept) in its sector's agency as
    above, and when its certificate template goes past a rendering limit: the message under
    the template, which is not saved in that state (certificate_checks.py)."""
    built = _in_its_agency(form, base, cat)
    if built is None or not built.get("certificate"):
        return built
    message = certificate_checks.limit_problem(cat, built, console.current_assets())
    if message:
        form.fail(getattr(form, form.field_for_issue("certificate")), message)
    return None if message else built


class CatalogueDraftView(CatalogueBase):
    # ---- overview, start, publish, discard ----------------------------------------------
    @expose("/")
    def index(self):
        draft = console.get_draft()
        if draft is None:
            return self.page("admin/catalogue/draft.html", draft=None,
                             current=store.current_version(),
                             next_url=_safe_next(request.args.get("next")))
        issues = console.draft_issues(draft.content)
        changes = console.draft_changes(draft)
        values = browse.attribute_changes(store.current() or cat_lib.Catalogue({}),
                                           console.draft_catalogue(draft), changes)
        return self.page("admin/catalogue/draft.html", draft=draft, issues=issues,
                         changes=changes, values=values, stale=console.is_stale(draft),
                         dry=versions.dry_run(console.draft_catalogue(draft)),
                         current=store.current_version(), form=PublishForm(),
                         who=browse.user_label(draft.updated_by_id))

    @expose("/mulai", methods=("POST",))
    def start(self):
        console.start_draft(self.user_id())
        flash(_("Draf siap diubah. Perubahan baru berlaku setelah diterbitkan."), "success")
        return redirect(_safe_next(request.form.get("next")) or url_for(".index"))

    @expose("/terbitkan", methods=("POST",))
    def publish(self):
        form = PublishForm()
        try:
            version = console.publish_draft(self.user_id(), (form.note.data or "").strip(),
                                            confirm_stale=bool(form.confirm_stale.data))
        except store.CatalogueRejected as exc:
            flash(_("Draf belum dapat diterbitkan: %(n)s masalah harus diperbaiki dulu (lihat "
                    "daftar di bawah).", n=len(exc.issues)), "error")
        except DomainError as exc:
            flash(exc.message, "warning")  # shown through pesan
        else:
            flash(_("Versi %(n)s diterbitkan.", n=version.number), "success")
            return redirect(url_for("katalog_versi.index"))
        return redirect(url_for(".index"))

    @expose("/buang", methods=("POST",))
    def discard(self):
        console.discard_draft()
        flash(_("Draf dibuang. Katalog terbit tidak berubah."), "success")
        return redirect(url_for(".index"))

    # ---- items -------------------------------------------------------------------------
    def _draft_cat(self):
        """The draft's catalogue; without a draft the request ends on the draft page, which
        offers to start one and comes back here."""
        draft = console.get_draft()
        if draft is None:
            flash(_("Belum ada draf. Mulai draf dari versi terkini untuk mengubah katalog."),
                  "info")
            abort(redirect(url_for(".index", next=request.path)))
        return console.draft_catalogue(draft)

    @staticmethod
    def _find(cat, kind, key: str) -> dict:
        """The item `key` of `kind` in the draft's catalogue; 404 when there is none."""
        item = browse.find(cat, kind, key)
        if item is None:
            abort(404)
        return item

    @expose(f"/{KIND_RULE}/")
    def items(self, kind: str):
        cat = self._draft_cat()
        return self.list_page(cat, kind, editable=True)

    def _choices(self, form, cat, kind: str, item: dict) -> None:
        if kind in ("bidang", "izin"):
            form.agency.choices = forms.choices(
                [(a["code"], f"{a['code']} — {i18n.in_locale(a.get('name'))}")
                 for a in cat.agencies], blank=_("— Pilih —"))
        if kind == "izin":  # each sector names its Dinas, for the page's script to filter by
            form.sector.choices = forms.choices([], blank=_("— Pilih —")) + [
                SelectChoice(s["code"], f"{s['code']} — {i18n.in_locale(s.get('name'))}",
                             render_kw={"data-agency": str(s.get("agency") or "")})
                for s in cat.sectors]
            form.routing.choices = forms.choices(
                [(r["code"], f"{r['code']} — {i18n.in_locale(r.get('name'))}")
                 for r in cat.routings], blank=_("— Pilih —"))
            form.application_types.choices = forms.choices(
                [(a["code"], cat.application_type_name(a["code"], i18n.locale()))
                 for a in cat.application_types])

    @expose(f"/{KIND_RULE}/<key>", methods=("GET", "POST"))
    def edit(self, kind: str, key: str):
        cat = self._draft_cat()
        kind_obj = self.kind_or_404(kind)
        is_new = key == NEW
        item = {} if is_new else self._find(cat, kind_obj, key)
        form = FORMS[kind]()
        self._choices(form, cat, kind, item)
        done = self._submit(form, item, lambda built: self._saved(kind_obj, console.save_item(
            kind_obj, None if is_new else key, built, self.user_id())),
            build=(lambda base: _permit_as_typed(form, base, cat)) if kind == "izin" else None)
        if done is not None:
            return done
        if request.method == "GET" and kind == "libur" and is_new and request.args.get("tanggal"):
            form.date.data = request.args["tanggal"][:10]  # picked on the calendar
        issues = [] if is_new else console.item_issues(console.require_draft().content,
                                                       kind_obj, key)
        return self.edit_page(kind_obj, form, item, issues, is_new=is_new, cat=cat)

    @staticmethod
    def _submit(form, item: dict, save, build=None, field=lambda name: name or ""):
        """The save sequence every draft editor shares: a GET fills the form from `item`; a
        valid POST builds the new item (`build`, else the form's own) and hands it to `save`,
        which stores it and answers the page to go to; a refusal from the service is shown on
        the form field `field(exc.field)` names. None: show the form again."""
        if request.method == "GET":
            form.load(item)
            return None
        if form.validate_on_submit():
            built = (build or form.build)(item)
            if built is not None:
                try:
                    return save(built)
                except DomainError as exc:
                    form.fail(getattr(form, field(exc.field), form.csrf_token), exc.message)
        flash(not_done(_("Belum disimpan.")), "error")
        return None

    @staticmethod
    def _child_issues(kind, key: str, child: str) -> list:
        """The draft's problems with one child (a requirement, a row) of an item."""
        return [i for i in console.item_issues(console.require_draft().content, kind, key)
                if i.child == child]

    def _saved(self, kind, key: str):
        """Back to the item's page with what is still wrong; a routing just created goes on
        in its step editor instead, since it has no steps yet and the step editor (not the
        data page's JSON box) is where an admin writes them."""
        if kind.slug == "alur" and (request.view_args or {}).get("key") == NEW:
            flash(_("Alur %(code)s dibuat di draf. Tambahkan langkah-langkahnya.", code=key),
                  "success")
            return redirect(url_for("katalog_atur.routing", code=key))
        issues = console.item_issues(console.require_draft().content, kind, key)
        if issues:
            flash(_("Tersimpan di draf, tetapi masih ada %(n)s masalah yang harus diperbaiki "
                    "sebelum terbit.", n=len(issues)), "warning")
        else:
            flash(_("Tersimpan di draf."), "success")
        return redirect(url_for(".edit", kind=kind.slug, key=key))

    def edit_page(self, kind, form, item, issues, *, is_new: bool, cat, template=None,
                  **extra):
        by_field: dict[str, list[str]] = {}
        by_child: dict[str, list[str]] = {}
        for issue in issues:
            key = issue.field
            if extra.get("child_page"):
                key = re.split(r"[.\[]", issue.rest)[0]
            elif issue.child is not None:
                by_child.setdefault(issue.child, []).append(issue.message)
                continue
            by_field.setdefault(form.field_for_issue(key), []).append(
                labels.in_words(issue.message, key))
        return self.page(template or "admin/catalogue/edit.html", kind=kind, form=form,
                         item=item, is_new=is_new, by_field=by_field, by_child=by_child,
                         key=browse.item_key(kind, item), cat=cat, new_key=NEW,
                         rows=self._rows(kind, item), **extra)

    def _rows(self, kind, item: dict):
        if kind.slug != "referensi":
            return None
        query = (request.args.get("q") or "").strip()[:100]
        indexed = [(i, r) for i, r in enumerate(item.get("rows") or [])
                   if isinstance(r, dict) and browse.row_matches(r, query)]
        return browse.paginate(indexed, request.args.get("hal"))

    @expose(f"/{KIND_RULE}/<key>/hapus", methods=("POST",))
    def delete(self, kind: str, key: str):
        kind_obj = self.kind_or_404(kind)
        console.delete_item(kind_obj, key, self.user_id())
        flash(_("%(what)s %(key)s dihapus dari draf.", what=_(kind_obj.label), key=key),
              "success")
        return redirect(url_for(".items", kind=kind))

    # ---- a permit's requirements ---------------------------------------------------------
    @expose("/izin/<code>/persyaratan/<rkey>", methods=("GET", "POST"))
    def requirement(self, code: str, rkey: str):
        cat = self._draft_cat()
        kind = browse.KINDS["izin"]
        permit = self._find(cat, kind, code)
        is_new = rkey == NEW
        req = {} if is_new else cat.requirement(code, rkey)
        if req is None:
            abort(404)
        form = RequirementForm()
        types = permit.get("application_types") or [a["code"] for a in cat.application_types]
        form.applies_to.choices = forms.choices(
            [(t, cat.application_type_name(t, i18n.locale())) for t in types])
        form.template_file.choices = forms.choices(
            [(p, p) for p in sorted(console.current_assets()) if p.startswith("templates/")],
            blank=_("— Tanpa templat —"))

        def save(built: dict):
            console.save_child(kind, code, "requirements", "key", None if is_new else rkey,
                               built, self.user_id())
            flash(_("Persyaratan tersimpan di draf."), "success")
            return redirect(url_for(".requirement", code=code, rkey=built["key"]))

        done = self._submit(form, req, save, build=lambda base: _uploadable(form, base))
        if done is not None:
            return done
        form.offer_formats()
        issues = [] if is_new else self._child_issues(kind, code, rkey)
        return self.edit_page(kind, form, permit, issues, is_new=is_new, cat=cat,
                              template="admin/catalogue/edit_child.html", child_page=True,
                              child=req, child_label="Persyaratan", child_key=rkey,
                              titles=(_("Tambah persyaratan"), _("Ubah persyaratan")),
                              field_help={"formats": _(
                                  "Centang format yang dapat diunggah pemohon.")})

    @expose("/izin/<code>/persyaratan/<rkey>/hapus", methods=("POST",))
    def requirement_delete(self, code: str, rkey: str):
        console.delete_child(browse.KINDS["izin"], code, "requirements", "key", rkey,
                             self.user_id())
        flash(_("Persyaratan %(key)s dihapus dari draf.", key=rkey), "success")
        return redirect(url_for(".edit", kind="izin", key=code))

    # ---- rows of a lookup table ----------------------------------------------------------
    @expose("/referensi/<table>/baris/<index>", methods=("GET", "POST"))
    def row(self, table: str, index: str):
        name = table
        cat = self._draft_cat()
        kind = browse.KINDS["referensi"]
        table = self._find(cat, kind, name)
        is_new = index == NEW
        rows = table.get("rows") or []
        if not is_new and not (index.isdigit() and int(index) < len(rows)):
            abort(404)
        position = None if is_new else int(index)
        row = {} if is_new else rows[position]
        column = table.get("key_column")
        form = forms.row_form_class(table)()

        def save(built: dict):
            original = request.form.get("original_key") if not is_new else None
            original = row.get(column) if str(row.get(column)) == original else original
            console.save_row(name, position, original, built, self.user_id())
            flash(_("Baris tersimpan di draf."), "success")
            return redirect(url_for(".edit", kind="referensi", key=name))

        done = self._submit(form, row, save, build=lambda item: form.build(item, table),
                            field=lambda column_key: f"c_{column_key}")
        if done is not None:
            return done
        issues = [] if is_new else self._child_issues(kind, name, index)
        return self.edit_page(kind, form, table, issues, is_new=is_new, cat=cat,
                              template="admin/catalogue/edit_child.html", child_page=True,
                              child=row, child_label="Baris", child_key=index,
                              titles=(_("Tambah baris"), _("Ubah baris")),
                              original_key=row.get(column, ""))

    @expose("/referensi/<table>/baris/<index>/hapus", methods=("POST",))
    def row_delete(self, table: str, index: str):
        if not index.isdigit():
            abort(404)
        name, position = table, int(index)
        table = console.draft_item(browse.KINDS["referensi"], name)
        rows = table.get("rows") or []
        column = table.get("key_column")
        original = request.form.get("original_key")
        value = rows[position].get(column) if position < len(rows) else None
        console.delete_row(name, position, value if str(value) == original else original,
                           self.user_id())
        flash(_("Baris dihapus dari draf."), "success")
        return redirect(url_for(".edit", kind="referensi", key=name))
