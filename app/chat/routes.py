"""Chat pages: the applicant's Chat (their account's conversations) and the portal visitor's
(name + contact + captcha, then a token kept in their session). The page's script polls
`pesan`, posts to `kirim` and reports what was read to `dibaca`.

Object-level authorisation: an applicant reaches only conversations of their account; a
visitor only the conversations whose token their own session holds. Both answer 404 alike.
"""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField

from .. import captcha
from ..account.forms import CaptchaMixin, EmptyForm
from ..account.guards import applicant_required
from ..extensions import limiter
from ..forms.web import apply_errors
from ..models.chat import APPLICANT
from ..security import sessions, visitor_grants
from ..services import chat, chat_hours, chat_transcript
from ..services.errors import DomainError, ValidationFailed
from ..templating import pesan
from ..web import or_404
from . import bp, payload

SESSION_KEY = "chat_tokens"
MAX_VISITOR_TOKENS = 5


class VisitorForm(CaptchaMixin, FlaskForm):
    name = StringField(_l("Nama"))
    contact = StringField(_l("Email atau No. Telepon"))


def _applicant_id() -> int | None:
    if current_user.is_authenticated and sessions.current_kind() == "applicant":
        return current_user.id
    return None


def _conversation(token: str):
    """The caller's own conversation by token (account or visitor session), else 404."""
    user_id = _applicant_id()
    if user_id is not None:
        return or_404(chat.for_user, user_id, token)
    if not visitor_grants.holds(SESSION_KEY, token):
        abort(404)
    found = chat.for_visitor(token)
    if found is None:
        abort(404)
    return found


def _post_key() -> str:
    """Posting is limited per conversation (not per address: an office NAT is many people)."""
    return f"chat-post:{(request.view_args or {}).get('token', '')}"


def _page_context(conversation) -> dict:
    return {"conversation": conversation, "form": EmptyForm(),
            "long_poll": payload.uses_long_poll(), "office_open": chat_hours.is_open()}


@bp.get("/chat")
@applicant_required
def applicant_chat():
    conversation = chat.open_for_user(current_user.id)
    history = [c for c in chat.history_for_user(current_user.id) if c is not conversation]
    return render_template("chat/applicant.html", history=history,
                           **_page_context(conversation))


@bp.post("/chat/mulai")
@applicant_required
@limiter.limit("10 per hour")
def applicant_start():
    if EmptyForm().validate_on_submit():
        chat.start_for_user(current_user.id)
    return redirect(url_for("chat.applicant_chat"))


@bp.get("/chat/riwayat/<token>")
@applicant_required
def applicant_history(token: str):
    return render_template("chat/applicant.html", history=[],
                           **_page_context(_conversation(token)))


@bp.route("/bantuan/chat", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def visitor_start():
    if _applicant_id() is not None:
        return redirect(url_for("chat.applicant_chat"))
    form = VisitorForm()
    if form.validate_on_submit() and captcha.check(form, "chat"):
        try:
            conversation = chat.start_for_visitor(form.name.data, form.contact.data)
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
            flash(exc.message, "danger")
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            visitor_grants.grant(SESSION_KEY, conversation.token, MAX_VISITOR_TOKENS)
            return redirect(url_for("chat.visitor_chat"))
    return render_template("chat/visitor_start.html", form=form)


@bp.get("/bantuan/chat/percakapan")
def visitor_chat():
    tokens = visitor_grants.values(SESSION_KEY)
    conversation = chat.for_visitor(tokens[0]) if tokens and visitor_grants.holds(
        SESSION_KEY, tokens[0]) else None
    if conversation is None:
        return redirect(url_for("chat.visitor_start"))
    return render_template("chat/visitor.html", **_page_context(conversation))


@bp.get("/chat/percakapan/<token>/pesan")
def messages(token: str):
    conversation = _conversation(token)
    return payload.updates_response(
        conversation, lambda uid: url_for("chat.attachment", token=token, uid=uid),
        staff_view=False)


@bp.post("/chat/percakapan/<token>/kirim")
@limiter.limit("30 per minute", key_func=_post_key)
def send(token: str):
    conversation = _conversation(token)
    try:
        message = chat.post(conversation, APPLICANT, _applicant_id(),
                            request.form.get("body", ""), payload.upload_of())
    except DomainError as exc:
        return jsonify(error=pesan(exc.message)), 400  # in the reader's language
    return jsonify(id=message.id), 201


@bp.post("/chat/percakapan/<token>/dibaca")
@limiter.limit("120 per minute", key_func=_post_key)
def read(token: str):
    chat.mark_read(_conversation(token), APPLICANT, request.form.get("upto", 0, type=int))
    return jsonify(ok=True)


@bp.post("/chat/percakapan/<token>/tutup")
def close(token: str):
    from ..services import chat_desk

    conversation = _conversation(token)
    if EmptyForm().validate_on_submit():
        chat_desk.close(conversation, by_staff=False)
        flash(_("Percakapan ditutup. Riwayatnya tetap tersimpan."), "info")
    if _applicant_id() is not None:
        return redirect(url_for("chat.applicant_chat"))
    return redirect(url_for("chat.visitor_chat"))  # the closed chat offers its transcript


@bp.get("/chat/percakapan/<token>/transkrip.pdf")
@limiter.limit("30 per hour")  # each download renders a PDF
def transcript(token: str):
    """The person's copy of their own closed conversation: an applicant's by their account,
    a visitor's by this browser's session (another's answers 404). A download, never an
    e-mail: a visitor's contact address is not verified, and the office would otherwise
    send text a stranger typed to any address they named."""
    conversation = _conversation(token)
    try:
        found = chat_transcript.for_person(conversation)
    except DomainError as exc:
        flash(exc.message, "warning")
        if _applicant_id() is not None:
            return redirect(url_for("chat.applicant_history", token=token))
        return redirect(url_for("chat.visitor_chat"))
    return payload.transcript_response(found)


@bp.get("/chat/percakapan/<token>/lampiran/<uid>")
def attachment(token: str, uid: str):
    return payload.attachment_response(_conversation(token), uid)
