"""Flask-AppBuilder's security manager, adapted: our session registry decides who is logged
in, our limiter is the only limiter, and FAB's own login page hands over to ours (which adds
captcha, throttling and TOTP)."""

from __future__ import annotations

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
        overwrote a fresh captcha challenge ("Captcha Invalid" on a first try). Sessions here
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
