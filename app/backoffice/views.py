"""The console's home (a card per screen the staff member may open) and the outbox screen;
the catalogue editor and the verifier grid live in their own modules."""

from __future__ import annotations

from flask import current_app, url_for
from flask_admin import AdminIndexView, expose
from flask_admin.contrib.sqla import ModelView
from flask_admin.menu import MenuLink
from flask_login import current_user

from ..account.forms import EmptyForm
from ..casework import actor_for
from ..security import sessions
from ..security.roles import SCREEN_CONSOLE, SCREEN_OUTBOX
from ..services import calendar
from ..services.users import staff_profile_of
from .access import StaffAccessMixin

# FAB's own user and role screens (its Bootstrap 3 pages), linked from the console
FAB_SCREENS = (("users", "UserDBModelView"), ("roles", "RoleModelView"))


def fab_screen_allowed(endpoint: str) -> bool:
    """Whether this staff session may list FAB's screen `endpoint` (FAB's own permission)."""
    if not current_user.is_authenticated or sessions.current_kind() != "staff":
        return False
    view = next((v for v in current_app.appbuilder.baseviews if v.endpoint == endpoint), None)
    return view is not None and current_app.appbuilder.sm.has_access(
        "can_list", view.class_permission_name)


class FabScreenLink(MenuLink):
    """A console menu entry for one of FAB's screens, shown only to those it lets in."""

    def __init__(self, name: str, endpoint: str, category: str | None = None):
        super().__init__(name, endpoint=f"{endpoint}.list", category=category)
        self.fab_endpoint = endpoint

    def is_accessible(self) -> bool:
        return fab_screen_allowed(self.fab_endpoint)


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
                           chat_waiting=self._chat_waiting(screens),
                           fab={key: url_for(f"{endpoint}.list") for key, endpoint in FAB_SCREENS
                                if fab_screen_allowed(endpoint)},
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
    def _chat_waiting(screens) -> int | None:
        """Conversations nobody at the helpdesk has taken yet."""
        if "chat_helpdesk" not in screens:
            return None
        from ..services import chat_desk

        return chat_desk.waiting_count()


class OutboxView(StaffAccessMixin, ModelView):
    """Read-only view of outgoing messages, to answer "did my email go out?"."""

    screen = SCREEN_OUTBOX
    list_template = "admin/model/bs5_list.html"
    details_template = "admin/model/bs5_details.html"
    can_create = False
    can_edit = False
    can_delete = False
    can_view_details = True
    column_list = ("created_at", "recipient", "subject", "status", "attempts", "sent_at")
    column_searchable_list = ("recipient", "subject")
    column_filters = ("status", "channel")
    column_default_sort = ("id", True)
    column_details_exclude_list = ("body",)
    page_size = 25
