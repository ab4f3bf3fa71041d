"""Catalogue editors beside the form builder (screen "Katalog"): a routing's steps with its
diagram, a permit's requirements and validity per application type, a lookup table's
columns and rows pasted from Excel, and the holiday calendar. Everything edits the draft;
the rules live in app/services (catalogue_tables, routing_diagram, catalogue_console)."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import gettext as _

from forms_schema import month_names

from .. import i18n
from ..forms.web import not_done
from ..services import catalogue_browse as browse
from ..services import catalogue_console as console
from ..services import catalogue_store as store
from ..services import catalogue_tables as tables
from ..services import form_builder as fb
from ..services import routing_diagram
from ..services.errors import DomainError
from .catalogue_step_form import ENDS, NEW_TARGET, NEW_TARGET_LABEL, StepForm
from .catalogue_views import CatalogueBase

KINDS = browse.KINDS


class CatalogueEditorsView(CatalogueBase):
    @expose("/")
    def index(self):
        """Flask-Admin wants a default page; the editors are opened from an item."""
        return redirect(url_for("katalog_draf.index"))

    def _item(self, kind: str, key: str) -> dict:
        if console.get_draft() is None:
            abort(redirect(url_for("katalog_draf.index", next=request.path)))
        try:
            return console.draft_item(KINDS[kind], key)
        except DomainError:
            abort(404)

    def _cat(self):
        return console.draft_catalogue(console.require_draft())

    def _issues(self, kind: str, key: str) -> list:
        return console.item_issues(console.require_draft().content, KINDS[kind], key)

    @staticmethod
    def _office() -> str:
        return current_app.config["OFFICE_AGENCY"]

    # ---- routing: steps and diagram -----------------------------------------------------------
    @expose("/alur/<code>/")
    def routing(self, code: str):
        routing = self._item("alur", code)
        return self.page("admin/catalogue/routing_editor.html", routing=routing, code=code,
                         issues=self._issues("alur", code), cat=self._cat(),
                         office=self._office())

    @expose("/alur/<code>/diagram.svg")
    def diagram(self, code: str):
        version = request.args.get("versi")
        if version:  # a version that does not exist is not found, never the draft's drawing
            found = store.get_version(int(version)) if version.isdigit() else None
            cat = store.catalogue_of(found) if found else None
        else:
            cat = self._cat() if console.get_draft() else store.current()
        routing = cat.routing(code) if cat else None
        if routing is None:
            abort(404)
        return Response(routing_diagram.svg(routing, cat, self._office(), i18n.locale()),
                        mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})

    @expose("/alur/<code>/langkah/<index>", methods=("GET", "POST"))
    def step(self, code: str, index: str):
        routing = self._item("alur", code)
        steps = routing.setdefault("steps", [])
        is_new = index == "_baru"
        if not is_new and not (index.isdigit() and int(index) < len(steps)):
            abort(404)
        current = {} if is_new else steps[int(index)]
        edit = StepForm()
        edit.setup(self._cat())
        actions = [(a, t) for a, t in zip(request.form.getlist("action"),
                                          request.form.getlist("target"), strict=False)]
        if request.method == "GET":
            actions = edit.load(current, self._office())
            if is_new:  # the step an earlier step's "new step" target named
                edit.key.data = (request.args.get("kunci") or "")[:64]
                edit.name_id.data = (request.args.get("nama") or "")[:200]
        elif edit.validate_on_submit():
            others = tuple(str(s.get("key")) for s in steps if s is not current)
            built = edit.build(current, self._office(), actions, others)
            if built is not None:
                if is_new:
                    steps.append(built)
                else:
                    steps[int(index)] = built
                try:
                    console.save_item(KINDS["alur"], code, routing, self.user_id())
                except DomainError as exc:
                    flash(exc.message, "error")
                else:
                    return self._step_saved(code, edit)
            flash(not_done(_("Belum disimpan.")), "error")
        return self._step_page(routing, code, index, edit, actions, current)

    @staticmethod
    def _step_saved(code: str, edit: StepForm):
        """Back to the step list, or on to the form of the new step this one points at."""
        if edit.next_key:
            flash(_("Langkah tersimpan di draf. Sekarang lengkapi langkah baru %(key)s.",
                    key=edit.next_key), "success")
            return redirect(url_for(".step", code=code, index="_baru", kunci=edit.next_key,
                                    nama=(edit.new_name.data or "").strip() or None))
        flash(_("Langkah tersimpan di draf."), "success")
        return redirect(url_for(".routing", code=code))

    def _step_page(self, routing: dict, code: str, index: str, edit: StepForm, actions,
                   current: dict):
        targets = [(s.get("key"), f"{i18n.in_locale(s.get('name')) or s.get('key')} "
                                  f"({s.get('key')})")
                   for s in routing["steps"] if s is not current]
        targets += [(value, str(label)) for value, label in ENDS]
        targets.append((NEW_TARGET, str(NEW_TARGET_LABEL)))
        # a new step usually needs three actions (forward, revise, reject): at least four rows
        rows = actions + [("", "")] * max(2, 4 - len(actions))
        return self.page("admin/catalogue/routing_step.html", edit=edit, code=code,
                         routing=routing, index=index, is_new=index == "_baru", rows=rows,
                         action_names=[(a["code"], i18n.in_locale(a.get("name")))
                                       for a in self._cat().actions],
                         targets=targets, issues=self._issues("alur", code))

    @expose("/alur/<code>/langkah/<int:index>/<verb>", methods=("POST",))
    def step_verb(self, code: str, index: int, verb: str):
        routing = self._item("alur", code)
        steps = routing.setdefault("steps", [])
        if not 0 <= index < len(steps):
            abort(404)
        if verb in ("naik", "turun"):
            fb.move(steps, index, -1 if verb == "naik" else 1)
        elif verb == "hapus":
            del steps[index]
        else:
            abort(404)
        console.save_item(KINDS["alur"], code, routing, self.user_id())
        return redirect(url_for(".routing", code=code))

    # ---- a permit's requirements and validity per application type -----------------------
    @expose("/izin/<code>/persyaratan", methods=("GET", "POST"))
    def requirements(self, code: str):
        permit = self._item("izin", code)
        error = None
        if request.method == "POST":
            try:
                changed = tables.apply_matrix(permit, request.form)
                console.save_item(KINDS["izin"], code, changed, self.user_id())
            except DomainError as exc:
                error = exc
            else:
                flash(_("Persyaratan dan masa berlaku per jenis permohonan tersimpan di draf."),
                      "success")
                return redirect(url_for(".requirements", code=code))
        cat = self._cat()
        return self.page("admin/catalogue/requirements_matrix.html", permit=permit, code=code,
                         types=[cat.application_type(t) or {"code": t}
                                for t in permit.get("application_types") or []],
                         effect=cat.effect, error=error, issues=self._issues("izin", code))

    # ---- lookup tables: columns and rows pasted from Excel ---------------------------------
    @expose("/referensi/<table_key>/tempel", methods=("GET", "POST"))
    def paste(self, table_key: str):
        """(The URL variable is not `name`: Flask-Admin passes the view's own name as that.)"""
        name = table_key
        table = self._item("referensi", name)
        error = None
        if request.method == "POST":
            try:
                if request.form.get("what") == "columns":
                    table["columns"] = tables.parse_columns(request.form.get("columns", ""))
                    table["key_column"] = request.form.get("key_column") or table.get(
                        "key_column")
                    message = _("Kolom tabel tersimpan di draf.")
                else:
                    table, count = tables.paste_rows(
                        table, request.form.get("rows", ""),
                        header=bool(request.form.get("header")),
                        replace=request.form.get("mode") == "replace")
                    message = _("%(n)s baris dari Excel tersimpan di draf.", n=count)
                console.save_item(KINDS["referensi"], name, table, self.user_id())
            except DomainError as exc:
                error = exc
            else:
                flash(message, "success")
                return redirect(url_for(".paste", table_key=name))
        return self.page("admin/catalogue/lookup_paste.html", table=table, name=name,
                         error=error, column_lines=tables.column_lines(table.get("columns")),
                         issues=self._issues("referensi", name))

    # ---- the holiday calendar --------------------------------------------------------------
    @expose("/libur/")
    def holidays(self):
        draft = console.get_draft()
        cat = console.draft_catalogue(draft) if draft else store.current()
        days = cat.holidays if cat else []
        years = sorted({int(h["date"][:4]) for h in days if str(h.get("date", ""))[:4].isdigit()})
        year = request.args.get("tahun", "")
        year = int(year) if year.isdigit() and 1900 < int(year) < 2200 else (
            years[-1] if years else 2026)
        return self.page("admin/catalogue/holiday_calendar.html", year=year, years=years,
                         months=tables.months(year, days), editable=draft is not None,
                         month_names=month_names(i18n.locale()),
                         count=sum(1 for h in days if str(h.get("date", "")).startswith(
                             str(year))))
