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
