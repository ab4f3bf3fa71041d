"""Console screens available so far; the catalogue editor and the verifier grid join them."""

from __future__ import annotations

from flask_admin import AdminIndexView, expose
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user

from ..account.forms import EmptyForm
from ..security.roles import SCREEN_CONSOLE, SCREEN_OUTBOX
from ..services.users import staff_profile_of
from .access import StaffAccessMixin


class ConsoleHome(StaffAccessMixin, AdminIndexView):
    screen = SCREEN_CONSOLE

    @expose("/")
    def index(self):
        profile = staff_profile_of(current_user)
        return self.render("admin/console_home.html", profile=profile,
                           roles=[r.name for r in current_user.roles],
                           logout_form=EmptyForm())


class OutboxView(StaffAccessMixin, ModelView):
    """Read-only view of outgoing messages, to answer "did my email go out?"."""

    screen = SCREEN_OUTBOX
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
