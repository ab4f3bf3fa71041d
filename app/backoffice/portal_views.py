"""Konten Portal (console screen, FAB permission "Konten Portal"): banners, announcements,
FAQ entries, help pages (the manual) and contact details, each with a preview as the portal
shows it. The rules live in app/services/portal_admin.py; this only moves forms in and out."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import FaqEntry, HelpPage, PortalAnnouncement, PortalBanner
from ..security.roles import SCREEN_PORTAL
from ..services import files, markup, portal_admin, portal_content
from ..services.errors import ValidationFailed
from ..templating import pesan
from . import portal_forms as forms
from .access import StaffAccessMixin


@dataclass(frozen=True)
class Kind:
    slug: str
    # lazy texts, read in each page's language; `label` is the singular as it reads inside a
    # sentence ("Hapus pengumuman ini?"), `plural` the screen's name ("Pengumuman")
    label: LazyString
    plural: LazyString
    description: LazyString  # the summary page's card
    model: type
    form: type
    save: object
    columns: tuple[tuple[LazyString, str], ...]  # (header, attribute)
    order: tuple

    @property
    def title(self) -> str:
        """The singular at the start of a sentence or on a button: "Pengumuman disimpan"."""
        text = str(self.label)
        return text[:1].upper() + text[1:]


KINDS = {k.slug: k for k in (
    Kind("banner", _l("banner"), _l("Banner"),
         _l("Slide carousel di beranda: gambar, judul, keterangan, tautan, dan tanggal tampil."),
         PortalBanner, forms.BannerForm, portal_admin.save_banner,
         ((_l("Judul"), "title_id"), (_l("Tampil"), "_window"), (_l("Urutan"), "position")),
         (PortalBanner.position, PortalBanner.id)),
    Kind("pengumuman", _l("pengumuman"), _l("Pengumuman"),
         _l("Daftar pengumuman di beranda dengan halaman rinciannya."),
         PortalAnnouncement, forms.AnnouncementForm, portal_admin.save_announcement,
         ((_l("Judul"), "title_id"), (_l("Tanggal terbit"), "published_on"),
          (_l("Tampil"), "_window")),
         (PortalAnnouncement.published_on.desc(), PortalAnnouncement.id.desc())),
    Kind("faq", _l("pertanyaan FAQ"), _l("FAQ"),
         _l("Pertanyaan dan jawaban per topik di Bantuan > FAQ (dapat dicari) dan di panduan "
            "PDF."),
         FaqEntry, forms.FaqForm, portal_admin.save_faq,
         ((_l("Pertanyaan"), "question_id"), (_l("Topik"), "topic_id"),
          (_l("Urutan"), "position")),
         (FaqEntry.position, FaqEntry.id)),
    Kind("bantuan", _l("halaman bantuan"), _l("Halaman Bantuan (Panduan)"),
         _l("Bab panduan penggunaan di Bantuan; panduan PDF dibuat dari halaman-halaman ini."),
         HelpPage, forms.HelpPageForm, portal_admin.save_help_page,
         ((_l("Judul bab"), "title_id"), (_l("Alamat"), "slug"), (_l("Urutan"), "position")),
         (HelpPage.position, HelpPage.id)),
)}


class PortalContentView(StaffAccessMixin, BaseView):
    screen = SCREEN_PORTAL

    def page(self, template: str, **kwargs):
        kwargs.setdefault("kinds", KINDS)
        kwargs.setdefault("t", portal_content.text)
        kwargs.setdefault("render", markup.render)
        kwargs.setdefault("is_current", portal_content.is_current)
        kwargs.setdefault("markup_help", forms.MARKUP_HELP)
        return self.render(template, **kwargs)

    @staticmethod
    def kind_or_404(slug: str) -> Kind:
        kind = KINDS.get(slug)
        if kind is None:
            abort(404)
        return kind

    @expose("/")
    def index(self):
        counts = {slug: len(db.session.scalars(select(k.model.id)).all())
                  for slug, k in KINDS.items()}
        return self.page("admin/portal/index.html", counts=counts,
                         banners=portal_content.banners(),
                         contact=portal_content.contact())

    @expose("/<kind>/")
    def items(self, kind: str):
        found = self.kind_or_404(kind)
        rows = db.session.scalars(select(found.model).order_by(*found.order)).all()
        return self.page("admin/portal/list.html", kind=found, rows=rows)

    @expose("/<kind>/<int:item_id>", methods=("GET", "POST"))
    @expose("/<kind>/baru", methods=("GET", "POST"))
    def edit(self, kind: str, item_id: int | None = None):
        found = self.kind_or_404(kind)
        item = db.session.get(found.model, item_id) if item_id is not None else None
        if item_id is not None and item is None:
            abort(404)
        form = found.form(obj=item) if request.method == "GET" else found.form()
        if request.method == "GET":
            form.versi.data = portal_admin.version_of(item)
        if request.method == "POST" and form.validate_on_submit():
            saved = self._save(found, item, form)
            if saved is not None:
                flash(_("%(item)s disimpan. Pratinjau tampil di bawah.", item=found.title),
                      "success")
                return redirect(url_for(".edit", kind=kind, item_id=saved.id))
        elif request.method == "POST":
            flash(_("Periksa kembali isian yang ditandai."), "danger")
        return self.page("admin/portal/edit.html", kind=found, item=item, form=form)

    @staticmethod
    def _save(kind: Kind, item, form):
        image = None
        if kind.slug == "banner":
            chosen = request.files.get("image")
            if chosen is not None and chosen.filename:
                image = files.Upload(chosen.stream, chosen.filename)
        try:
            portal_admin.check_unchanged(item, form.versi.data or None)
            if kind.slug == "banner":
                return kind.save(item, form.values(), image)
            return kind.save(item, form.values())
        except ValidationFailed as exc:
            form.versi.data = portal_admin.version_of(item)  # saving again is deliberate
            for name, messages in exc.errors.items():
                target = form._fields.get(name)
                if target is not None:
                    target.errors = list(messages)  # shown through `pesan`, like a flash
                else:
                    flash(" ".join(pesan(message) for message in messages), "danger")
            flash(exc.message, "danger")
            return None

    @expose("/<kind>/<int:item_id>/hapus", methods=("POST",))
    def delete(self, kind: str, item_id: int):
        found = self.kind_or_404(kind)
        item = db.session.get(found.model, item_id)
        if item is None:
            abort(404)
        if not forms.ContentForm().validate_on_submit():
            abort(400)
        if kind == "banner":
            portal_admin.delete_banner(item)
        else:
            portal_admin.delete(item)
        flash(_("%(item)s dihapus.", item=found.title), "success")
        return redirect(url_for(".items", kind=kind))

    @expose("/kontak", methods=("GET", "POST"))
    def contact(self):
        stored = portal_content.setting(portal_content.CONTACT)
        form = forms.ContactForm(data=stored) if request.method == "GET" else \
            forms.ContactForm()
        if request.method == "POST" and form.validate_on_submit():
            try:
                portal_admin.save_contact(form.values())
            except ValidationFailed as exc:
                for name, messages in exc.errors.items():
                    form._fields[name].errors = list(messages)
                flash(exc.message, "danger")
            else:
                flash(_("Kontak disimpan; footer portal dan panduan PDF memakai data baru."),
                      "success")
                return redirect(url_for(".contact"))
        return self.page("admin/portal/contact.html", form=form,
                         fallback=portal_content.office_address())
