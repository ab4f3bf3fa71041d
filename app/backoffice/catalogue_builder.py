"""The form builder (screen "Katalog"): a permit's form as sections and fields the admin adds
by type, reorders (drag and drop, or the up/down buttons from the keyboard), edits property
by property, and checks in a live preview rendered by the wizard's own form engine. The JSON
of the form stays available as an advanced view. Operations: app/services/form_builder.py;
storage: the draft (catalogue_console)."""

from __future__ import annotations

import copy
import json

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_admin import expose
from flask_babel import gettext as _

from forms_schema import FIELD_TYPES
from forms_schema.expressions import expression_problems

from ..forms.web import not_done
from ..services import catalogue_browse as browse
from ..services import catalogue_console as console
from ..services import form_builder as fb
from ..services.errors import DomainError
from .catalogue_builder_parts import (
    JsonForm,
    RuleForm,
    SectionForm,
    field_issues,
    issues_by_key,
    named_option,
    put_field_issues,
    refuse_bad_conditions,
    rule_target,
    scope_json,
)
from .catalogue_field_form import LIMIT_HELP, form_class, type_choices, type_label
from .catalogue_forms import dumps, json_error
from .catalogue_views import CatalogueBase

IZIN = browse.KINDS["izin"]


class CatalogueBuilderView(CatalogueBase):
    @expose("/")
    def index(self):
        """Flask-Admin wants a default page; the editors are opened from an item."""
        return redirect(url_for("katalog_draf.items", kind="izin"))

    # ---- loading and saving the permit's form ---------------------------------------------
    def _permit(self, code: str) -> tuple[dict, dict]:
        if console.get_draft() is None:
            abort(redirect(url_for("katalog_draf.index", next=request.path)))
        try:
            permit = console.draft_item(IZIN, code)
        except DomainError:
            abort(404)
        return permit, fb.definition(permit)

    def _save(self, permit: dict, form: dict, message: str | None = None) -> None:
        """Stores the form in the draft; a section still without a key gets one here."""
        fb.key_sections(form)
        permit["form"] = form
        console.save_item(IZIN, permit["code"], permit, self.user_id())
        if message:
            flash(message, "success")

    def _home(self, code: str, anchor: str = ""):
        return redirect(url_for(".builder", code=code) + (f"#{anchor}" if anchor else ""))

    def _issues(self, permit: dict, form: dict | None = None) -> list:
        """The catalogue's issues of this permit, as in the draft or with `form` instead."""
        doc = console.require_draft().content
        if form is not None:
            doc = {**doc, "permits": [{**permit, "form": form}]}
        return console.item_issues(doc, IZIN, permit["code"])

    def _context(self, permit: dict, form: dict, issues: list | None = None) -> dict:
        cat = console.draft_catalogue(console.require_draft())
        issues = self._issues(permit) if issues is None else issues
        return {"permit": permit, "form_def": form, "code": permit["code"],
                "issues": issues_by_key(form, issues), "type_label": type_label,
                "types": [cat.application_type(t) or {"code": t} for t in
                          permit.get("application_types") or []]}

    # ---- the overview ------------------------------------------------------------------------
    @expose("/izin/<code>/")
    def builder(self, code: str, added: dict | None = None):
        """The overview; `added` is a refused "add field" row: what was typed in it, and the
        refusal under the input it is about (or under the row)."""
        permit, form = self._permit(code)
        return self.page("admin/catalogue/builder.html", type_choices=type_choices(),
                         field_types=list(FIELD_TYPES), added=added,
                         **self._context(permit, form))

    @expose("/izin/<code>/bagian", methods=("POST",))
    def add_section(self, code: str):
        permit, form = self._permit(code)
        try:
            index = fb.add_section(form, request.form.get("title_id", ""),
                                   request.form.get("title_en", ""),
                                   request.form.get("key", ""))
        except DomainError as exc:
            flash(exc.message, "error")
            return self._home(code)
        self._save(permit, form, _("Bagian ditambahkan."))
        return self._home(code, f"section-{index}")

    @expose("/izin/<code>/bagian/<int:index>", methods=("GET", "POST"))
    def section(self, code: str, index: int):
        permit, form = self._permit(code)
        try:
            section = fb.section_at(form, index)
        except DomainError:
            abort(404)
        edit = SectionForm()
        if request.method == "GET":
            edit.load(section)
        elif edit.validate_on_submit() and not refuse_bad_conditions(
                edit, ("visible_if",), fb.scope(form, section=index), own_key=None,
                application_types=permit.get("application_types") or []):
            built = edit.build(section)
            if built is not None:
                fb.sections(form)[index] = built
                self._save(permit, form, _("Bagian tersimpan di draf."))
                return redirect(url_for(".section", code=code, index=index))
        return self.page("admin/catalogue/builder_section.html", edit=edit, index=index,
                         section=section, scope=scope_json(fb.scope(form, section=index),
                                                           self._context(permit, form)),
                         **self._context(permit, form))

    @expose("/izin/<code>/bagian/<int:index>/<verb>", methods=("POST",))
    def section_verb(self, code: str, index: int, verb: str):
        permit, form = self._permit(code)
        try:
            if verb == "naik":
                index = fb.move(fb.sections(form), index, -1)
            elif verb == "turun":
                index = fb.move(fb.sections(form), index, 1)
            elif verb == "hapus":
                fb.delete_section(form, index)
            else:
                abort(404)
        except DomainError as exc:
            flash(exc.message, "error")
            return self._home(code)
        self._save(permit, form, _("Bagian dihapus.") if verb == "hapus" else None)
        return self._home(code, f"section-{index}")

    # ---- fields ------------------------------------------------------------------------
    @expose("/izin/<code>/isian", methods=("POST",))
    def add_field(self, code: str):
        permit, form = self._permit(code)
        # a lookup starts without a table: the admin picks one on the field's page
        context = {"requirements": [r["key"] for r in permit.get("requirements") or []]}
        try:
            key = fb.add_field(form, request.form.get("where", ""),
                               request.form.get("type", ""), request.form.get("key", ""),
                               request.form.get("label_id", ""),
                               request.form.get("label_en", ""), context)
        except DomainError as exc:
            flash(not_done(_("Isian belum ditambahkan.")), "error")
            typed = {name: request.form.get(name, "") for name in
                     ("where", "type", "key", "label_id", "label_en")}
            return self.builder(code, added={**typed, "error": exc.message,
                                             "error_for": exc.field or ""})
        self._save(permit, form, _("Isian %(key)s ditambahkan; lengkapi sifat-sifatnya.",
                                   key=key))
        return redirect(url_for(".field", code=code, key=key))

    @expose("/izin/<code>/isian/<key>", methods=("GET", "POST"))
    def field(self, code: str, key: str):
        permit, form = self._permit(code)
        try:
            spec, place = fb.find(form, key)
        except DomainError:
            abort(404)
        edit = form_class(spec.get("type"))() if spec.get("type") in FIELD_TYPES else None
        if edit is None:
            flash(_("Jenis isian ini tidak dikenal; perbaiki lewat JSON."), "error")
            return redirect(url_for(".json_view", code=code))
        self._fill(edit, permit, form, key)
        issues = self._issues(permit)
        if request.method == "GET":
            edit.load(spec)
            edit.form_errors = put_field_issues(edit, field_issues(form, key, issues))
        elif (done := self._save_field(edit, permit, form, spec, key)) is not None:
            return done
        context = self._context(permit, form, issues)
        return self.page("admin/catalogue/builder_field.html", edit=edit, spec=spec,
                         place=place, key=key, limit_help=LIMIT_HELP,
                         scope=scope_json(fb.scope(form, key=key), context), **context)

    def _save_field(self, edit, permit: dict, form: dict, spec: dict, key: str):
        """The posted properties into the draft, or None with the reasons on the inputs (a
        condition naming a field that does not exist is refused here, not saved). The field
        as built must pass the catalogue's checks of its own properties (forms_schema's
        definition checks); problems elsewhere in the form do not hold it back."""
        built = None
        if edit.validate_on_submit() and not refuse_bad_conditions(
                edit, ("visible_if", "required_if"), fb.scope(form, key=key), own_key=key,
                application_types=permit.get("application_types") or []):
            built = edit.build(spec)
        if built is not None:
            candidate = copy.deepcopy(form)
            try:
                new_key = fb.replace_field(candidate, key, built)
            except DomainError as exc:
                edit.key.errors = [*edit.key.errors, exc.message]
            else:
                own = field_issues(candidate, new_key, self._issues(permit, candidate))
                if not own:
                    self._save(permit, candidate, _("Isian tersimpan di draf."))
                    return redirect(url_for(".field", code=permit["code"], key=new_key))
                edit.form_errors = put_field_issues(edit, own)
        flash(not_done(_("Belum disimpan.")), "error")
        return None

    def _fill(self, edit, permit: dict, form: dict, key: str) -> None:
        cat = console.draft_catalogue(console.require_draft())
        regions = [(f.get("key"), named_option(f.get("label"), f.get("key"), with_key=False))
                   for f, _p in fb.walk(form) if f.get("type") == "region"
                   and f.get("key") != key]
        edit.fill_choices(
            tables=[t["name"] for t in cat.lookups],
            requirements=[(r["key"], named_option(r.get("name"), r["key"]))
                          for r in permit.get("requirements") or [] if "key" in r],
            regions=regions)

    def _broken_by_deleting(self, permit: dict, form: dict, key: str) -> list:
        """The problems deleting `key` would leave (a condition, a rule or the certificate
        reading it), found by the catalogue's own check of the form without it."""
        before = {i.message for i in self._issues(permit, form)}  # messages name keys; the
        trial = copy.deepcopy(form)  # places (sections[0].fields[3]) move with the deletion
        fb.delete_field(trial, key)
        return [i for i in self._issues(permit, trial) if i.message not in before]

    @expose("/izin/<code>/isian/<key>/<verb>", methods=("POST",))
    def field_verb(self, code: str, key: str, verb: str):
        permit, form = self._permit(code)
        try:
            if verb in ("naik", "turun"):
                fb.move_field(form, key, -1 if verb == "naik" else 1)
            elif verb == "hapus":
                broken = [] if request.form.get("tetap") else \
                    self._broken_by_deleting(permit, form, key)
                if broken:  # said before, not found afterwards in the draft check
                    return self.page("admin/catalogue/builder_delete.html", key=key,
                                     broken=broken, **self._context(permit, form))
                fb.delete_field(form, key)
            else:
                abort(404)
        except DomainError as exc:
            flash(exc.message, "error")
            return self._home(code)
        self._save(permit, form, _("Isian %(key)s dihapus.", key=key) if verb == "hapus"
                   else None)
        return self._home(code, "" if verb == "hapus" else f"field-{key}")

    @expose("/izin/<code>/urutan", methods=("POST",))
    def reorder(self, code: str):
        """Drag and drop: the new order of one list (a section's or a group's fields, or the
        sections), by key; the page reloads from the draft afterwards."""
        permit, form = self._permit(code)
        body = request.get_json(silent=True) or {}
        where, order = str(body.get("where", "")), body.get("order")
        if not isinstance(order, list) or not all(isinstance(k, str) for k in order):
            return jsonify(error=_("Urutan tidak terbaca.")), 400
        try:
            if where == "sections":
                fb.reorder_sections(form, order)
            elif where.startswith("g:"):
                fb.reorder(fb.find(form, where[2:])[0].setdefault("fields", []), order,
                           lambda f: f.get("key"))
            else:
                fb.reorder(fb.section_at(form, int(where[1:] or -1)).setdefault("fields", []),
                           order, lambda f: f.get("key"))
        except (DomainError, ValueError) as exc:
            return jsonify(error=getattr(exc, "message", str(exc))), 409
        self._save(permit, form)
        return jsonify(ok=True)

    # ---- expressions: checked as they are typed ------------------------------------------
    @expose("/izin/<code>/periksa", methods=("POST",))
    def check(self, code: str):
        permit, form = self._permit(code)
        # htmx posts the input under its own name (visible_if, required_if or check)
        text = next((request.form[n] for n in ("text", "visible_if", "required_if", "check")
                     if request.form.get(n)), "").strip()
        key = request.form.get("field") or None
        group = request.form.get("group") or None
        section = request.form.get("section")
        try:
            scope = fb.scope(form, key=key, group=group,
                             section=int(section) if section and section.isdigit() else None)
        except DomainError as exc:
            return render_template("admin/catalogue/_check.html", problems=[exc.message])
        problems = []
        if text:
            _condition, problems = expression_problems(
                text, scope, where=_("Syarat"), own_key=key,
                application_types=permit.get("application_types") or [])
        return render_template("admin/catalogue/_check.html", problems=problems, text=text)

    # ---- rules across fields ---------------------------------------------------------------
    @expose("/izin/<code>/aturan/<target>/<index>", methods=("GET", "POST"))
    def rule(self, code: str, target: str, index: str):
        permit, form = self._permit(code)
        group, position = rule_target(form, target, index)
        rules = fb.rules_of(form, group)
        current = rules[position] if position is not None else {}
        edit = RuleForm()
        scope = fb.scope(form, group=group)
        targets = scope if group is None else {
            k: v for k, v in scope.items() if k in {f.get("key") for f in
                                                    fb.find(form, group)[0]["fields"]}}
        edit.field.choices = [("", _("— isian pertama di syarat —"))] + [
            (k, named_option(v.get("label"), k)) for k, v in targets.items()]
        if request.method == "GET":
            edit.load(current)
        elif edit.validate_on_submit() and not refuse_bad_conditions(
                edit, ("check",), scope, own_key=None,
                application_types=permit.get("application_types") or []):
            try:
                fb.put_rule(form, group, position, edit.build())
            except DomainError as exc:
                flash(exc.message, "error")
            else:
                self._save(permit, form, _("Aturan tersimpan di draf."))
                return self._home(code, "rules")
        return self.page("admin/catalogue/builder_rule.html", edit=edit, group=group,
                         target=target, index=index,
                         scope=scope_json(scope, self._context(permit, form)),
                         **self._context(permit, form))

    @expose("/izin/<code>/aturan/<target>/<int:index>/hapus", methods=("POST",))
    def rule_delete(self, code: str, target: str, index: int):
        permit, form = self._permit(code)
        group, position = rule_target(form, target, str(index))
        try:
            fb.delete_rule(form, group, position)
        except DomainError as exc:
            flash(exc.message, "error")
            return self._home(code, "rules")
        self._save(permit, form, _("Aturan dihapus."))
        return self._home(code, "rules")

    # ---- the advanced view: JSON, both ways -------------------------------------------------
    @expose("/izin/<code>/json", methods=("GET", "POST"))
    def json_view(self, code: str):
        permit, form = self._permit(code)
        edit = JsonForm()
        if request.method == "GET":
            edit.form_json.data = dumps(form)
        elif edit.validate_on_submit():
            try:
                parsed = json.loads(edit.form_json.data or "")
            except json.JSONDecodeError as exc:
                edit.form_json.errors = [json_error(exc)]
            else:
                if isinstance(parsed, dict):
                    self._save(permit, parsed, _("Formulir (JSON) tersimpan di draf."))
                    return redirect(url_for(".json_view", code=code))
                edit.form_json.errors = [_("Formulir harus berupa objek JSON {...}.")]
        return self.page("admin/catalogue/builder_json.html", edit=edit,
                         **self._context(permit, form))
