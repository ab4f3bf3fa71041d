"""Flask-AppBuilder's security manager, adapted: our session registry decides who is logged
in, our limiter is the only limiter, and FAB's own login page hands over to ours (which adds
captcha, throttling and TOTP)."""

from __future__ import annotations

from flask import g, has_request_context
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager

from ..extensions import limiter
from . import sessions
from .views import FabAuthRedirectView


class NoPasswordTokenApi(SecurityApi):
    """FAB's JWT login would trade a password alone for a token, skipping captcha,
    throttling and TOTP. Redefining the methods without @expose leaves no route."""

    def login(self):  # pragma: no cover - never routed
        raise NotImplementedError

    def refresh(self):  # pragma: no cover - never routed
        raise NotImplementedError


class EptspSecurityManager(SecurityManager):
    authdbview = FabAuthRedirectView
    security_api = NoPasswordTokenApi

    def create_limiter(self, app):
        return limiter

    def create_login_manager(self, app):
        """Flask-Login's own "session protection" rewrites the session cookie (`_fresh`) on any
        request that looks at current_user, static files and 404s included; those late cookies
        overwrote a fresh captcha challenge ("Kode captcha salah." on a first try). Sessions here
        are server-side rows, rotated at login and revoked at logout, which is the protection;
        so Flask-Login's is turned off."""
        manager = super().create_login_manager(app)
        manager.session_protection = None
        return manager

    def load_user(self, pk):
        try:
            user_id = int(pk)
        except (TypeError, ValueError):
            return None
        user = sessions.live_user(user_id)
        if user is None or not user.is_active:
            return None
        return user

    def _has_view_access(self, user, permission_name: str, view_name: str) -> bool:
        """FAB asks the database once per check, and a console page checks every screen of
        its menu (about twenty queries per page). Within a request the answer comes from the
        user's permissions, read once for that request in one query; FAB's own rule for
        built-in roles comes first as before. Outside a request, FAB decides as always."""
        held = self._permissions_this_request(user)
        if held is None:
            return super()._has_view_access(user, permission_name, view_name)
        if any(role.name in self.builtin_roles
               and self._has_access_builtin_roles(role, permission_name, view_name)
               for role in self.get_user_roles(user)):
            return True
        return (permission_name, view_name) in held

    def _permissions_this_request(self, user) -> frozenset | None:
        """The (permission, screen) pairs the user's database roles hold, per request."""
        if not has_request_context() or getattr(user, "id", None) is None:
            return None
        memo = g.setdefault("eptsp_permissions", {})
        if user.id not in memo:
            role_ids = [role.id for role in self.get_user_roles(user)
                        if role.name not in self.builtin_roles]
            memo[user.id] = frozenset(self._permission_pairs(role_ids) if role_ids else ())
        return memo[user.id]

    def _permission_pairs(self, role_ids: list[int]) -> list[tuple[str, str]]:
        pv, role = self.permissionview_model, self.role_model
        return [tuple(row) for row in self.session.query(
            self.permission_model.name, self.viewmenu_model.name)
            .select_from(pv).join(pv.role).join(pv.permission).join(pv.view_menu)
            .filter(role.id.in_(role_ids)).distinct()]
