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

    def load_user(self, pk):
        try:
            user_id = int(pk)
        except (TypeError, ValueError):
            return None
        if not sessions.validate(user_id):
            return None
        user = self.get_user_by_id(user_id)
        if user is None or not user.is_active:
            return None
        return user
