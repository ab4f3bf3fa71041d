"""FAB views replaced so that no staff login bypasses TOTP and no logout happens on GET."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_appbuilder import IndexView, expose
from flask_appbuilder.security.views import AuthView


class FabAuthRedirectView(AuthView):
    @expose("/login/", methods=["GET", "POST"])
    def login(self):
        return redirect(url_for("staff.login", next=request.args.get("next")))

    @expose("/logout/")
    def logout(self):
        return render_template("staff/logout_confirm.html")


class StaffIndexView(IndexView):
    """FAB's index would take "/" from the public portal; staff land in the console."""

    route_base = "/fab"

    @expose("/")
    def index(self):
        return redirect(url_for("admin.index"))


def guard_fab_screens(app, appbuilder) -> None:
    """FAB's own user, role and permission screens (unlinked, kept for Super Admins) open for
    a staff session only. Most of their routes check a permission themselves, but not all:
    `action` and `action_post` run before asking (an unknown action name was a server error
    for anyone), so the door is checked here, once, before any of their code runs."""
    from flask_login import current_user

    from . import sessions

    screens = {view.blueprint.name for view in appbuilder.baseviews
               if type(view).__module__ == "flask_appbuilder.security.views"
               and getattr(view, "blueprint", None) is not None}

    @app.before_request
    def _staff_only():
        if request.blueprint not in screens:
            return None
        if current_user.is_authenticated and sessions.current_kind() == "staff":
            return None
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
