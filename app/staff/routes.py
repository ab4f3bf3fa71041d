"""Staff login: password + captcha, then TOTP (enrolment by QR on first login)."""

from __future__ import annotations

import time

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import account_language, captcha
from ..account.forms import EmptyForm
from ..account.guards import safe_next
from ..backoffice.views import console_page
from ..extensions import db, limiter
from ..forms.web import apply_errors, form_class, not_done, posted
from ..models import User
from ..security import sessions
from ..security.form_expiry import reshown_when_expired
from ..services import staff as staff_service
from ..services import user_admin
from ..services.auth import check_password
from ..services.errors import DomainError, ValidationFailed
from ..services.users import find_staff, staff_profile_of
from ..templating import pesan
from .forms import NewPasswordForm, StaffLoginForm, TotpForm

bp = Blueprint("staff", __name__, url_prefix="/staff")
PENDING_KEY = "staff_pending"
PENDING_SECONDS = 300


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
@reshown_when_expired(StaffLoginForm, "staff/login.html")
def login():
    form = StaffLoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if form.validate_on_submit() and captcha.check(form, "staff"):
        user = find_staff(form.identity.data or "")
        try:
            check_password(user if staff_service.is_staff(user) else None,
                           form.password.data or "", kind="staff",
                           typed=form.identity.data or "")
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            kept = account_language.carried()  # the language outlives the reset
            session.clear()
            session.update(kept)
            session[PENDING_KEY] = {"uid": user.id, "at": int(time.time()),
                                    "next": safe_next(form.next.data) or ""}
            return redirect(url_for("staff.totp"))
    return render_template("staff/login.html", form=form)


@bp.route("/totp", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def totp():
    pending = session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        session.pop(PENDING_KEY, None)
        flash(_("Sesi login berakhir. Silakan login kembali."), "warning")
        return redirect(url_for("staff.login"))
    user = db.session.get(User, pending["uid"])
    profile = staff_profile_of(user)
    enrolling = profile.totp_confirmed_at is None
    form = TotpForm()
    if form.validate_on_submit():
        try:
            staff_service.verify_totp(profile, form.code.data)
        except DomainError as exc:
            form.code.errors = [exc.message]
        else:
            next_url = pending.get("next")
            sessions.start(user, "staff")
            if user_admin.must_change_password(user):
                return redirect(url_for("staff.password"))
            return redirect(safe_next(next_url) or url_for("admin.index"))
    context = {}
    if enrolling:
        uri = staff_service.provisioning_uri(user, profile)
        context = {"qr_svg": staff_service.qr_svg(uri), "secret": profile.totp_secret}
    return render_template("staff/totp.html", form=form, enrolling=enrolling, **context)


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def password():
    """A staff member chooses their own password (after an administrator gave them one); no
    console screen opens before that."""
    if not current_user.is_authenticated or sessions.current_kind() != "staff":
        return redirect(url_for("staff.login"))
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user_admin.change_own_password(current_user, form.password.data or "",
                                           form.password_confirm.data or "",
                                           form.current.data or "")
        except ValidationFailed as exc:
            db.session.rollback()
            for name, messages in exc.errors.items():
                getattr(form, name).errors = list(messages)
        else:
            flash(_("Password Anda sudah diganti."), "success")
            return redirect(url_for("admin.index"))
    required = user_admin.must_change_password(current_user)
    return console_page("staff/password.html", form=form, required=required)


@bp.route("/preferensi", methods=["GET", "POST"])
def preferences():
    """A staff member's own account choices: the language of their e-mails and of the
    console after login (account_language)."""
    if not current_user.is_authenticated or sessions.current_kind() != "staff":
        return redirect(url_for("staff.login"))
    profile = staff_profile_of(current_user)
    form_cls = form_class(staff_service.PREFERENCES_FORM)
    if request.method == "GET":
        form = form_cls(data=staff_service.preferences_of(profile))
    else:  # CSRFProtect has checked the token before this view
        form, before = form_cls(), profile.language
        try:
            staff_service.save_preferences(profile, posted(form))
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
            flash(not_done(pesan(exc.message)), "danger")
        else:
            account_language.saved(before, profile.language)
            flash(_("Preferensi Anda sudah disimpan."), "success")
            return redirect(url_for("staff.preferences"))
    return console_page("staff/preferences.html", form=form)


@bp.post("/logout")
def logout():
    if EmptyForm().validate_on_submit():
        sessions.end()
        flash(_("Anda telah keluar."), "info")
    return redirect(url_for("staff.login"))
