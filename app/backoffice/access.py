"""Access to staff screens: a staff session (password + TOTP) and a FAB permission."""

from __future__ import annotations

from flask import current_app, redirect, request, url_for
from flask_login import current_user

from ..security import sessions
from ..security.roles import PERMISSION
from ..services import user_admin


class StaffAccessMixin:
    screen: str = ""

    def is_accessible(self) -> bool:
        if not current_user.is_authenticated or sessions.current_kind() != "staff":
            return False
        return current_app.appbuilder.sm.has_access(PERMISSION, self.screen)

    def _handle_view(self, name, **kwargs):
        """Flask-Admin's per-request hook: a staff member an administrator gave a password
        to chooses their own before any screen opens."""
        refused = super()._handle_view(name, **kwargs)
        if refused is None and user_admin.must_change_password(current_user):
            return redirect(url_for("staff.password"))
        return refused

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated or sessions.current_kind() != "staff":
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        from flask import abort

        abort(404)
