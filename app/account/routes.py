"""Applicant account pages: register, verify email, log in/out, forgot password, profile."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from .. import account_language, captcha, storage
from ..extensions import limiter
from ..forms.web import apply_errors, form_class, posted
from ..security import headers, sessions
from ..security.form_expiry import reshown_when_expired
from ..services import password_reset, registration
from ..services import profile as profile_service
from ..services.auth import check_password
from ..services.catalogue_forms import region_chain
from ..services.errors import DomainError, RateLimited, ValidationFailed
from ..services.users import find_applicant
from ..templating import pesan
from . import forms
from .guards import applicant_required, safe_next

bp = Blueprint("account", __name__)
KINDS = {"perorangan": "perorangan", "badan-usaha": "badan_usaha"}  # URL word -> kind


def _registration_failed() -> None:
    # a password is never sent back to the page: the refusal says it must be typed again
    flash(_("Proses Pendaftaran Gagal. Periksa kembali isian yang ditandai, lalu ketik ulang "
            "password Anda."), "danger")




@bp.get("/daftar")
def register_choice():
    return render_template("account/register_choice.html")


@bp.route("/daftar/<kind>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register(kind: str):
    applicant_kind = KINDS.get(kind)
    if applicant_kind is None:
        abort(404)
    definition = registration.KIND_FORMS[applicant_kind]
    form = form_class(definition, base=forms.RegisterExtras)()
    if request.method == "GET" and not form.province_code.data:
        form.province_code.data = current_app.config["OFFICE_PROVINCE"]
    if request.method == "POST":  # CSRFProtect has checked the token before this view
        if captcha.check(form, "register"):
            values = {**posted(form), "kind": applicant_kind}
            try:
                registration.register_applicant(values)
            except ValidationFailed as exc:
                apply_errors(form, exc.errors)
                _registration_failed()
            else:
                # the same answer whether an account was made or the identity was taken
                # (then the owners were told by e-mail): nothing here tells them apart
                flash(_("Pendaftaran diterima. Kami sudah mengirim email ke %(email)s; "
                        "periksa email Anda, lalu masuk dengan NIK/NPWP atau email dan "
                        "password Anda.", email=(values.get("email") or "").strip()), "success")
                return redirect(url_for("account.login"))
        else:  # the other fields are still checked, so one retry fixes everything
            apply_errors(form, registration.validate_registration(
                {**posted(form), "kind": applicant_kind})[1])
            _registration_failed()
    # a page that comes back after a POST says the passwords must be typed again
    return render_template("account/register.html", form=form, kind=kind,
                           region_chain=region_chain, retype_password=request.method == "POST",
                           notice_version=registration.notice_version())


@bp.post("/daftar/kirim-kode")
@limiter.limit("10 per hour")
def send_code():
    """Generate Code: mails a code. Answers JSON for the page's script."""
    from flask_wtf.csrf import validate_csrf
    from wtforms import ValidationError

    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return {"ok": False, "message": _("Sesi formulir berakhir. Muat ulang halaman.")}, 400
    email = request.form.get("email", "")
    try:
        registration.send_email_code(email)
    except DomainError as exc:
        message = pesan(exc.message)  # the e-mail check's, or the service's marked text
        return {"ok": False, "message": message}, 429 if isinstance(exc, RateLimited) else 400
    minutes = current_app.config["EMAIL_CODE_MINUTES"]
    # the same answer for an address that already has an account (it gets a notice, no code)
    return {"ok": True, "message": _("Kami sudah mengirim email ke %(email)s. Periksa kotak "
                                     "masuk (juga folder spam); kode berlaku %(minutes)s "
                                     "menit.", email=email.strip(), minutes=minutes)}


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
@reshown_when_expired(forms.LoginForm, "account/login.html")
def login():
    if current_user.is_authenticated and sessions.current_kind() == "applicant":
        return redirect(url_for("applicant.dashboard"))
    form = forms.LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if form.validate_on_submit() and captcha.check(form, "login"):
        user = find_applicant(form.identity.data or "")
        try:
            check_password(user, form.password.data or "", kind="applicant",
                           typed=form.identity.data or "")
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            sessions.start(user, "applicant")
            return redirect(safe_next(form.next.data) or url_for("applicant.dashboard"))
    return render_template("account/login.html", form=form)


@bp.post("/keluar")
def logout():
    form = forms.EmptyForm()
    if form.validate_on_submit():
        sessions.end()
        flash(_("Anda telah keluar."), "info")
    return redirect(url_for("account.login"))


@bp.route("/lupa-password", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def forgot():
    form = forms.ForgotForm()
    if form.validate_on_submit() and captcha.check(form, "forgot"):
        try:
            token = password_reset.request_reset(form.identity.data, form.phone.data,
                                                 form.email.data)
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(_("PIN sudah dikirim ke email Anda. Jangan tutup halaman ini."), "info")
            return redirect(url_for("account.reset", token=token))
    return render_template("account/forgot.html", form=form)


@bp.route("/lupa-password/pin/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset(token: str):
    if password_reset.live_reset(token) is None:
        flash(password_reset.BAD_PIN, "danger")
        return redirect(url_for("account.forgot"))
    form = forms.ResetForm()
    if form.validate_on_submit():
        try:
            password_reset.complete_reset(token, form.pin.data, form.password.data,
                                          form.password_confirm.data)
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
        except DomainError as exc:
            form.pin.errors = [exc.message]
            if password_reset.live_reset(token) is None:
                flash(exc.message, "danger")
                return redirect(url_for("account.forgot"))
        else:
            flash(_("Password berhasil diubah"), "success")
            return redirect(url_for("account.login"))
    return render_template("account/reset.html", form=form, token=token)


@bp.route("/akun/profil", methods=["GET", "POST"])
@applicant_required
def profile():
    prof = g.profile
    editable = profile_service.editable_fields(prof)
    form_cls = form_class(profile_service.form_name(prof))
    form = form_cls(data={f: getattr(prof, f) for f in editable}) \
        if request.method == "GET" else form_cls()
    if request.method == "POST":  # CSRFProtect has checked the token before this view
        language = prof.language
        try:
            profile_service.update_profile(prof, posted(form))
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
            flash(exc.message, "danger")
        else:
            account_language.saved(language, prof.language)
            flash(_("Data berhasil disimpan"), "success")
            return redirect(url_for("account.profile"))
    return render_template("account/profile.html", form=form, profile=prof, editable=editable,
                           photo_form=forms.PhotoForm(), region_chain=region_chain)


@bp.route("/akun/password", methods=["GET", "POST"])
@applicant_required
def change_password():
    form = forms.PasswordForm()
    if form.validate_on_submit():
        try:
            profile_service.change_password(current_user, form.old_password.data,
                                            form.new_password.data,
                                            form.new_password_confirm.data)
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Password berhasil diubah"), "success")
            return redirect(url_for("applicant.dashboard"))
    return render_template("account/password.html", form=form)


@bp.post("/akun/foto")
@applicant_required
def upload_photo():
    form = forms.PhotoForm()
    if not form.validate_on_submit() or not form.photo.data:
        flash(_("Pilih file foto terlebih dahulu"), "danger")
        return redirect(url_for("account.profile"))
    max_bytes = current_app.config["PHOTO_MAX_MB"] * 1024 * 1024
    try:
        profile_service.set_photo(g.profile, form.photo.data.stream, max_bytes)
    except DomainError as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Foto profil berhasil diperbarui"), "success")
    return redirect(url_for("account.profile"))


@bp.get("/akun/foto")
@applicant_required
def photo():
    """Only ever the logged-in applicant's own photo: no id in the URL to tamper with."""
    key = g.profile.photo_key
    if not key:
        abort(404)
    try:
        body = storage.current().iter_chunks(key)
    except (storage.ObjectMissing, storage.InvalidKey):
        abort(404)
    return headers.sandbox(Response(body, mimetype="image/jpeg",
                                    headers={"Cache-Control": "private, no-store"}))


from . import api_tokens, erasure, personal_data  # noqa: E402,F401  (Akun pages on bp)
