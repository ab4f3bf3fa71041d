"""Akun > Token API: an applicant lists, makes and revokes personal tokens for the REST API.

A new token is shown once, on the page that answers the POST (never via the session or a
redirect), and the page is not cached. The service (app/services/api_tokens) decides what is
valid, exactly as for the CLI.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice

from ..extensions import limiter
from ..services import api_tokens
from ..services.errors import DomainError
from .guards import applicant_required
from .routes import bp

DAY_CHOICES = (30, 90, 180, 365)


class TokenForm(FlaskForm):
    name = StringField(_l("Nama token"))
    days = SelectField(_l("Masa berlaku"), default="90", validate_choice=False,
                       choices=[SelectChoice(str(d), _l("%(n)s hari", n=d)) for d in DAY_CHOICES])


class RevokeForm(FlaskForm):
    pass


def _page(form: TokenForm, created=None, status: int = 200):
    tokens = api_tokens.list_for(current_user.id)
    html = render_template(
        "account/api_tokens.html", form=form, created=created, tokens=tokens,
        status_of=api_tokens.status, revoke_form=RevokeForm(),
        api_base=current_app.config["PUBLIC_BASE_URL"].rstrip("/") + "/api/v1",
        max_active=api_tokens.MAX_ACTIVE)
    return html, status, {"Cache-Control": "no-store"}


@bp.route("/akun/token-api", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
@applicant_required
def api_tokens_page():
    form = TokenForm()
    if request.method == "POST" and form.validate_on_submit():
        days = form.days.data if form.days.data in {str(d) for d in DAY_CHOICES} else "90"
        try:
            created = api_tokens.create(current_user, form.name.data, days)
        except DomainError as exc:
            target = getattr(form, exc.field or "", None)
            if target is not None:
                target.errors = [exc.message]
            else:
                flash(exc.message, "danger")
            return _page(form, status=422)
        return _page(TokenForm(formdata=None), created=created)
    return _page(form, status=400 if request.method == "POST" else 200)


@bp.post("/akun/token-api/<token_id>/cabut")
@applicant_required
def api_token_revoke(token_id: str):
    if not RevokeForm().validate_on_submit():
        flash(_("Formulir sudah kedaluwarsa. Muat ulang halaman lalu coba lagi."), "danger")
        return redirect(url_for("account.api_tokens_page"))
    try:
        token = api_tokens.revoke(current_user.id, token_id)
    except DomainError as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Token \"%(name)s\" dicabut dan tidak dapat dipakai lagi.", name=token.name),
              "success")
    return redirect(url_for("account.api_tokens_page"))
