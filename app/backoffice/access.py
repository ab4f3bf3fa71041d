"""Access to staff screens: a staff session (password + TOTP) and a FAB permission."""

from __future__ import annotations

from flask import current_app, redirect, request, url_for
from flask_login import current_user

from ..security import sessions
from ..security.roles import PERMISSION


class StaffAccessMixin:
    screen: str = ""

    def is_accessible(self) -> bool:
        if not current_user.is_authenticated or sessions.current_kind() != "staff":
            return False
        return current_app.appbuilder.sm.has_access(PERMISSION, self.screen)

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated or sessions.current_kind() != "staff":
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        from flask import abort

        abort(404)
