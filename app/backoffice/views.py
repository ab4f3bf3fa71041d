"""The console's home (a card per screen the staff member may open) and the outbox screen
(Kotak Keluar); the other screens live in their own modules."""

from __future__ import annotations

from flask import current_app, flash, g, redirect, request, url_for
from flask_admin import AdminIndexView, BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user

from ..account.forms import EmptyForm
from ..casework import actor_for
from ..security.roles import PERMISSION, READ_OUTBOX_TEXT, SCREEN_CONSOLE, SCREEN_OUTBOX
from ..services import calendar, outbox_admin
from ..services.errors import DomainError
from ..services.users import staff_profile_of
from .access import StaffAccessMixin


class ConsoleHome(StaffAccessMixin, AdminIndexView):
    screen = SCREEN_CONSOLE

    @expose("/")
    def index(self):
        profile = staff_profile_of(current_user)
        # Flask-Admin keeps its views in `_views` and their entry in `_default_view` (no
        # public accessors); its menu builds the same URLs
        screens = {v.endpoint: url_for(f"{v.endpoint}.{v._default_view}")
                   for v in self.admin._views if v is not self and v.is_accessible()}
        return self.render("admin/console_home.html", profile=profile,
                           roles=[r.name for r in current_user.roles],
                           screens=screens, queue_count=self._queue_count(screens),
                           complaint_counts=self._complaint_counts(screens),
                           chat_waiting=self._chat_waiting(screens),
                           logout_form=EmptyForm())

    @staticmethod
    def _queue_count(screens) -> tuple[int, bool] | None:
        """(open tasks, capped) of Antrian Saya: counted on the task index, as the grid does."""
        if "antrian" not in screens:
            return None
        from ..casework import queue as queue_query

        mine = queue_query.Filters()
        return queue_query.count(actor_for(current_user), queue_query.MINE, mine,
                                 calendar.today())

    @staticmethod
    def _complaint_counts(screens) -> dict | None:
        if "pengaduan" not in screens:
            return None
        from ..complaints import queries as complaint_queries

        return complaint_queries.counts(current_user.id, calendar.today())

    @staticmethod
    def _chat_waiting(screens) -> int | None:
        """Conversations nobody at the helpdesk has taken yet."""
        if "chat_helpdesk" not in screens:
            return None
        from ..services import chat_desk

        return chat_desk.waiting_count()


def may_read_text() -> bool:
    """Whether this staff member may read the text of outgoing messages."""
    return current_app.appbuilder.sm.has_access(PERMISSION, READ_OUTBOX_TEXT)


class OutboxView(StaffAccessMixin, BaseView):
    """Kotak Keluar: "did my e-mail go out?", the text for those allowed, and a resend of a
    message that failed."""

    screen = SCREEN_OUTBOX

    @expose("/")
    def index(self):
        filters = outbox_admin.Filters.parse(request.args)
        return self.render("admin/outbox/list.html", page=outbox_admin.search(filters),
                           filters=filters, statuses=outbox_admin.STATUSES,
                           channels=outbox_admin.CHANNELS)

    @expose("/<int:message_id>")
    def detail(self, message_id: int):
        message = self._message(message_id)
        return self.render("admin/outbox/detail.html", message=message,
                           statuses=outbox_admin.STATUSES, channels=outbox_admin.CHANNELS,
                           readable=may_read_text() and not message.confidential,
                           form=EmptyForm())

    @expose("/<int:message_id>/kirim-ulang", methods=["POST"])
    def resend(self, message_id: int):
        message = self._message(message_id)
        if EmptyForm().validate_on_submit():
            try:
                outbox_admin.resend(message)
            except DomainError as exc:
                flash(exc.message, "warning")
            else:
                flash(_("Pesan dimasukkan kembali ke antrean kirim."), "success")
        return redirect(url_for(".detail", message_id=message_id))

    @staticmethod
    def _message(message_id: int):
        try:
            return outbox_admin.get(message_id)
        except DomainError:
            from flask import abort

            abort(404)


class ConsoleErrorView(BaseView):
    """The console's own error page (404, 403, ...) for staff on /admin/...: the console's
    navbar and a way back to it, not the portal's page with the portal's menu. No menu entry
    and nothing of its own to show; app.web renders its errors through it."""

    def is_visible(self) -> bool:
        return False

    def is_accessible(self) -> bool:
        """Not a screen anybody opens (nor one the console's home counts)."""
        return False

    @expose("/")
    def index(self):
        from flask import abort

        abort(404)

    def page(self, code: int, title: str, message: str) -> str:
        return self.frame("admin/error.html", code=code, title=title, message=message)

    def frame(self, template: str, **context) -> str:
        """`template` (extending admin/master.html) in the console's frame. A refusal raised
        before Flask-AppBuilder's request hook (CSRF, a body too large) and the staff
        blueprint's pages find no `g.user` for the frame: it is the signed-in staff member."""
        if not hasattr(g, "user"):
            g.user = current_user
        return self.render(template, **context)


FRAME_ENDPOINT = "konsol_galat"


def frame_view() -> ConsoleErrorView | None:
    """The view that lends its frame to console pages outside Flask-Admin's views."""
    for admin in current_app.extensions.get("admin") or []:
        for view in admin._views:  # Flask-Admin keeps them there (no public accessor)
            if view.endpoint == FRAME_ENDPOINT:
                return view
    return None


def console_page(template: str, **context) -> str:
    """A signed-in staff member's own page served outside the console's views (their
    Preferensi, their password): the console's navbar and footer, not the portal's, whose
    footer offers "Login Staf" to someone logged in."""
    return frame_view().frame(template, **context)
