"""Inbox: the office's messages to the applicant (list, search, read, mark all as read) and
the unread count in the top bar. Another applicant's message answers 404."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..account.forms import EmptyForm
from ..account.guards import applicant_required, safe_next
from ..security import sessions
from ..services import inbox
from ..services.pagination import paginate
from ..web import or_404
from . import bp

PER_PAGE = 10


@bp.app_context_processor
def _inbox_helpers():
    """`inbox_unread_count()` for the top bar and the sidebar: asked only where a page shows
    it, counted once per request."""

    def inbox_unread_count() -> int:
        if not (has_request_context() and current_user.is_authenticated
                and sessions.current_kind() == "applicant"):
            return 0
        if "inbox_unread" not in g:
            g.inbox_unread = inbox.unread_count(current_user.id)
        return g.inbox_unread

    def inbox_text(message, part: str) -> str:
        """A message's subject or body in the reader's language (English when written)."""
        english = getattr(message, f"{part}_en", "") if i18n.locale() == "en" else ""
        return english or getattr(message, part)

    return {"inbox_unread_count": inbox_unread_count, "inbox_preview": inbox.preview,
            "inbox_text": inbox_text}


@bp.get("/inbox")
@applicant_required
def inbox_list():
    query = (request.args.get("q") or "").strip()[:100]
    page = paginate(inbox.search(current_user.id, query), request.args.get("hal"), PER_PAGE)
    return render_template("applicant/inbox.html", page=page, query=query, form=EmptyForm(),
                           unread=inbox.unread_count(current_user.id))


@bp.get("/inbox/<int:message_id>")
@applicant_required
def inbox_message(message_id: int):
    message = or_404(inbox.read, current_user.id, message_id)
    back = safe_next(request.args.get("kembali")) or url_for("applicant.inbox_list")
    return render_template("applicant/inbox_message.html", message=message, back=back)


@bp.post("/inbox/tandai-dibaca")
@applicant_required
def inbox_mark_all():
    if not EmptyForm().validate_on_submit():
        abort(400)
    changed = inbox.mark_all_read(current_user.id)
    if changed:
        flash(_("%(n)s pesan ditandai sudah dibaca.", n=changed), "success")
    else:
        flash(_("Tidak ada pesan yang belum dibaca."), "info")
    return redirect(safe_next(request.form.get("back")) or url_for("applicant.inbox_list"))
