"""Token authentication for the REST API.

`Authorization: Bearer <token>` is the only credential the API accepts: a session cookie
alone gets 401, so a page on another site cannot make a logged-in browser act through the API
(which is exempt from CSRF because it never reads cookies). A token acts as its owner, with
the owner's roles and agency, and no more. Failed tokens are counted per client address in
the rate limiter's storage (memory or Redis); past the limit every token attempt from that
address gets 429 until the window passes.
"""

from __future__ import annotations

import functools
import math

from flask import current_app, g, request

from ..security import address_limits
from ..security.roles import PERMISSION, SCREEN_QUEUE
from ..services import api_tokens
from ..services.users import profile_of, staff_profile_of
from .base import error_response

ANY = "any"
APPLICANT = "applicant"
STAFF = "staff"
FAILURE_SCOPE = "api-token-failure"

INVALID = "Token API tidak valid, sudah kedaluwarsa atau sudah dicabut."
NOT_APPLICANT = "Layanan ini hanya untuk token milik pemohon."
NOT_STAFF = "Layanan ini hanya untuk token milik petugas yang menangani antrian permohonan."
TOO_MANY = ("Terlalu banyak percobaan dengan token yang salah dari alamat ini. Coba lagi dalam "
            "{minutes} menit.")


def _blocked_for() -> int | None:
    """Seconds this address must wait, or None when it may try a token."""
    return address_limits.blocked_for("API_TOKEN_FAILURE_LIMIT", FAILURE_SCOPE)


def _count_failure() -> None:
    address_limits.count_failure("API_TOKEN_FAILURE_LIMIT", FAILURE_SCOPE)


def _unauthorized(message: str | None = None):
    response = error_response(401, message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="E-PTSP"'
    return response


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def may_use_queue(user) -> bool:
    """Staff with the back office's "Antrian" screen (the same permission as the grid)."""
    if profile_of(user) is not None or staff_profile_of(user) is None:
        return False
    return current_app.appbuilder.sm._has_view_access(user, PERMISSION, SCREEN_QUEUE)


def authenticate(kind: str):
    """The error response, or None with g.api_user set to the token's owner."""
    secret = bearer_token()
    if secret is None:
        return _unauthorized()
    wait = _blocked_for()
    if wait is not None:
        response = error_response(429, TOO_MANY.format(minutes=math.ceil(wait / 60)))
        response.headers["Retry-After"] = str(wait)
        return response
    user = api_tokens.authenticate(secret)
    if user is None:
        _count_failure()
        return _unauthorized(INVALID)
    if kind == APPLICANT and profile_of(user) is None:
        return error_response(403, NOT_APPLICANT)
    if kind == STAFF and not may_use_queue(user):
        return error_response(403, NOT_STAFF)
    g.api_user = user
    return None


def token_required(kind: str = ANY):
    """Decorator for BaseApi methods; marks them for the OpenAPI document's security."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(self, *args, **kwargs):
            refused = authenticate(kind)
            if refused is not None:
                return refused
            return view(self, *args, **kwargs)

        wrapper._token_kind = kind
        return wrapper

    return decorator
