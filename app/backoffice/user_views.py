"""Pengguna: staff accounts (list, search, create, change, deactivate, reset authenticator or
password) and applicant accounts (search by NIK/NPWP/NIB or e-mail, deactivate). Every
change is `services.user_admin`'s; the views pass what was typed and show what it says.

Applicants are searched by POST: an identity number typed into the box never becomes part
of a URL (browser history, proxies, access logs).
"""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..extensions import db
from ..forms.web import posted
from ..models import Application
from ..privacy.masking import mask_identity
from ..security import sessions
from ..security.roles import SCREEN_USERS
from ..services import staff as staff_service
from ..services import staff_list, user_admin
from ..services.errors import DomainError
from .access import StaffAccessMixin
from .user_forms import (
    ApplicantSearchForm,
    ReasonForm,
    StaffEditForm,
    show_error,
    staff_create_form,
    staff_edit_form,
)


def _staff_or_404(user_id: int):
    try:
        return user_admin.get_staff(user_id)
    except DomainError:
        abort(404)


class StaffUsersView(StaffAccessMixin, BaseView):
    screen = SCREEN_USERS

    @expose("/")
    def index(self):
        roles = [r.name for r in user_admin.staff_roles()]
        agencies = user_admin.agency_choices()
        filters = staff_list.StaffFilters.parse(request.args, roles, dict(agencies))
        for message in filters.errors:
            flash(message, "warning")
        return self.render("admin/users/list.html", page=staff_list.staff_page(filters),
                           filters=filters, roles=roles, agencies=agencies)

    @expose("/baru", methods=("GET", "POST"))
    def create(self):
        # a new account starts in the office's language; CSRF is CSRFProtect's, and every
        # refusal (the language's too) is the service's, all at once
        form = staff_create_form(data={
            "agency": _own_agency(),
            "language": current_app.config["BABEL_DEFAULT_LOCALE"]}) \
            if request.method == "GET" else staff_create_form()
        error = None
        if request.method == "POST":
            try:
                user, password = user_admin.create_staff(
                    form.email.data or "", form.roles.data or [], form.agency.data or "",
                    form.name.data, form.password.data or None, must_change=True,
                    preferences=posted(form))
            except DomainError as exc:  # every refusal on its field, and what they mean
                error = show_error(form, exc) or exc.message
            else:
                return self._password_once(user, password, created=True)
        # the password typed is sent back with the refusals: kept out of every cache
        return Response(self.render("admin/users/create.html", form=form, error=error),
                        headers={"Cache-Control": "no-store"})

    @expose("/<int:user_id>")
    def detail(self, user_id: int):
        return self._detail(user_id)

    def _detail(self, user_id: int, form: StaffEditForm | None = None,
                error: str | None = None):
        user, profile = _staff_or_404(user_id)
        if form is None:
            form = staff_edit_form(data={"name": user.first_name, "agency": profile.agency_code,
                                         "roles": [r.name for r in user.roles],
                                         **staff_service.preferences_of(profile)})
        return self.render("admin/users/detail.html", user=user, profile=profile, form=form,
                           error=error, reason_form=ReasonForm(),
                           sessions=sessions.live_count(user.id), me=user.id == current_user.id)

    @expose("/<int:user_id>/ubah", methods=("POST",))
    def update(self, user_id: int):
        user, _profile = _staff_or_404(user_id)
        form = staff_edit_form()
        try:
            user_admin.update_staff(user, roles=form.roles.data or [], agency=form.agency.data,
                                    name=form.name.data, preferences=posted(form),
                                    by=current_user)
        except DomainError as exc:
            db.session.rollback()
            return self._detail(user_id, form=form, error=show_error(form, exc))
        flash(_("Perubahan akun %(email)s disimpan.", email=user.email), "success")
        return redirect(url_for(".detail", user_id=user_id))

    @expose("/<int:user_id>/nonaktifkan", methods=("POST",))
    def deactivate(self, user_id: int):
        user, _profile = _staff_or_404(user_id)
        return _account_action(lambda: user_admin.deactivate(
            user, by=current_user, reason=request.form.get("reason", "")),
            _("Akun %(email)s dinonaktifkan; sesi dan token API-nya berakhir.", email=user.email),
            url_for(".detail", user_id=user_id))

    @expose("/<int:user_id>/aktifkan", methods=("POST",))
    def reactivate(self, user_id: int):
        user, _profile = _staff_or_404(user_id)
        return _account_action(lambda: user_admin.reactivate(user, by=current_user),
                               _("Akun %(email)s aktif kembali.", email=user.email),
                               url_for(".detail", user_id=user_id))

    @expose("/<int:user_id>/reset-totp", methods=("POST",))
    def reset_totp(self, user_id: int):
        user, _profile = _staff_or_404(user_id)
        return _account_action(
            lambda: user_admin.reset_totp(user, by=current_user),
            _("Autentikator %(email)s direset: ia mendaftarkan aplikasi autentikator lagi pada "
              "login berikutnya.", email=user.email), url_for(".detail", user_id=user_id))

    @expose("/<int:user_id>/reset-password", methods=("POST",))
    def reset_password(self, user_id: int):
        user, _profile = _staff_or_404(user_id)
        if user.id == current_user.id:
            flash(_("Ganti password Anda sendiri lewat tombol Ganti password di Beranda."),
                  "warning")
            return redirect(url_for(".detail", user_id=user_id))
        password = user_admin.force_password_reset(user, by=current_user)
        return self._password_once(user, password, created=False)

    def _password_once(self, user, password: str, *, created: bool) -> Response:
        """The password is in this page only: never cached, never in a cookie or a URL."""
        html = self.render("admin/users/password_once.html", user=user, password=password,
                           created=created)
        return Response(html, headers={"Cache-Control": "no-store"})


def _own_agency() -> str | None:
    from ..services.users import staff_profile_of

    profile = staff_profile_of(current_user)
    return profile.agency_code if profile else None


def _account_action(action, done: str, back: str):
    try:
        action()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
    else:
        flash(done, "success")
    return redirect(back)


class ApplicantsView(StaffAccessMixin, BaseView):
    screen = SCREEN_USERS

    @expose("/", methods=("GET", "POST"))
    def index(self):
        form = ApplicantSearchForm()
        found, error = None, None
        if form.validate_on_submit():
            try:
                found = user_admin.find_applicants(form.q.data or "")
            except DomainError as exc:
                error = show_error(form, exc)
        # a refused search shows no list: the whole list under the refusal read as its result
        refused = bool(form.q.errors)
        page = user_admin.applicants_page(request.args.get("hal")) \
            if found is None and not refused else None
        return self.render("admin/users/applicants.html", form=form, found=found, page=page,
                           error=error, refused=refused, mask=mask_identity)

    @expose("/<int:user_id>")
    def detail(self, user_id: int):
        try:
            user, profile = user_admin.get_applicant(user_id)
        except DomainError:
            abort(404)
        applications = db.session.scalar(select(func.count(Application.id)).where(
            Application.applicant_id == user.id)) or 0
        return self.render("admin/users/applicant.html", user=user, profile=profile,
                           applications=applications, sessions=sessions.live_count(user.id),
                           reason_form=ReasonForm(), mask=mask_identity)

    @expose("/<int:user_id>/nonaktifkan", methods=("POST",))
    def deactivate(self, user_id: int):
        user = self._applicant(user_id)
        return _account_action(lambda: user_admin.deactivate(
            user, by=current_user, reason=request.form.get("reason", "")),
            _("Akun pemohon dinonaktifkan; sesinya berakhir."), url_for(".detail",
                                                                       user_id=user_id))

    @expose("/<int:user_id>/aktifkan", methods=("POST",))
    def reactivate(self, user_id: int):
        user = self._applicant(user_id)
        return _account_action(lambda: user_admin.reactivate(user, by=current_user),
                               _("Akun pemohon aktif kembali."),
                               url_for(".detail", user_id=user_id))

    @staticmethod
    def _applicant(user_id: int):
        try:
            return user_admin.get_applicant(user_id)[0]
        except DomainError:
            abort(404)
