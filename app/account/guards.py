"""Who may open applicant pages, and where login sends people back to."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import g, redirect, request, url_for
from flask_login import current_user

from ..security import sessions
from ..services.users import profile_of


def safe_next(target: str | None) -> str | None:
    """Only our own paths: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    return target


def safe_referrer(fallback: str) -> str:
    """Back to the page the browser says it came from, when that page is ours (the same host,
    then safe_next's rules); `fallback` otherwise. A Referer is whatever the previous page
    was, another site's included, so it is never a redirect target as it stands."""
    referrer = request.referrer or ""
    if not referrer.startswith(request.host_url):
        return fallback
    return referrer if safe_next("/" + referrer[len(request.host_url):]) else fallback


def applicant_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated or sessions.current_kind() != "applicant":
            return redirect(url_for("account.login", next=request.full_path.rstrip("?")))
        profile = profile_of(current_user)
        if profile is None:
            return redirect(url_for("account.login"))
        g.profile = profile
        return view(*args, **kwargs)

    return wrapper
