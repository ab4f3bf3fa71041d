"""HTTP security headers on every response, by Flask-Talisman: a strict Content-Security-Policy
with a fresh nonce per request on every page, `sandbox` on every file a response carries, HSTS
when the site runs on HTTPS, and the usual nosniff / frame / referrer / permissions headers.

Pages (text/html):
  script-src  'self' 'nonce-…'  our vendored and own files, and inline <script> elements that
              carry the request's nonce (``csp_nonce()`` in templates, the same global
              Flask-AppBuilder's templates use; Flask-Admin gets it as
              ``admin_csp_nonce_attribute``). No 'unsafe-inline', no 'unsafe-eval', so inline
              event handlers (onclick=…) and javascript: URLs never run; templates bind
              handlers from static/js files. Same-origin files are safe to allow: uploads are
              never served as scripts (content-checked, their own MIME type, nosniff, sandbox).
  style-src   'self' 'nonce-…'  stylesheets are our files; a <style> element needs the nonce
              (so injected markup cannot restyle or exfiltrate with selectors).
  style-src-attr 'unsafe-inline'  style="…" attributes are allowed. Bootstrap, Leaflet and
              Flask-Admin/Flask-AppBuilder's screens set positions and sizes that way (Leaflet's
              markers and tiles via element.style, which CSP never blocks; the libraries'
              templates with style attributes, which it would). An attribute cannot load
              anything from elsewhere (img-src/font-src are 'self'), run script or match
              selectors, so the risk left is cosmetic; blocking it would break those screens.
  img-src     'self' data: and the map tile server's origin (MAP_TILE_URL); Bootstrap's icons
              in its CSS are data: URLs.
  object-src 'none', base-uri 'none', form-action 'self', frame-ancestors 'self'; the captcha
  provider's origins when reCAPTCHA/hCaptcha is configured.

Anything that is not a page — an uploaded document or photo, a PDF, a spreadsheet, JSON — gets
``default-src 'none'; sandbox``: were a browser ever to render a crafted upload (a PDF/HTML
polyglot) as a document, it would run no script and have no origin. Chromium's PDF viewer
still shows PDFs under it. Views that serve user files also call `sandbox(response)`, so even a
file stored with an HTML type would be sandboxed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, request
from flask_talisman import Talisman

FILE_POLICY = ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
               "sandbox; frame-ancestors 'self'")
PERMISSIONS = {"browsing-topics": "()", "camera": "()", "microphone": "()",
               "geolocation": "()", "payment": "()", "usb": "()"}
_SANDBOX_FLAG = "eptsp_sandbox"


def nonce() -> str:
    """This request's CSP nonce (the value of ``csp_nonce()`` in templates)."""
    return getattr(request, "csp_nonce", "")


def sandbox(response: Response) -> Response:
    """Mark a response that carries a user's file: sandboxed whatever its content type."""
    setattr(response, _SANDBOX_FLAG, True)
    return response


def _tile_origin(url: str | None) -> str | None:
    """"https://{s}.tile.example/{z}/{x}/{y}.png" -> "https://*.tile.example"."""
    parts = urlsplit((url or "").replace("{s}", "__sub__"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('__sub__', '*')}"


def page_policy(config) -> dict[str, str]:
    from .. import captcha

    policy = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    tiles = _tile_origin(config.get("MAP_TILE_URL"))
    if tiles:
        policy["img-src"].append(tiles)
    for directive, sources in captcha.csp_sources().items():
        policy[directive].extend(sources)
    return {directive: " ".join(sources) for directive, sources in policy.items()}


def _files_sandboxed(response: Response) -> Response:
    """Runs after Talisman's hook (registered before it): anything that is not a page, and
    every response marked by `sandbox`, gets the file policy instead of the page policy."""
    if getattr(response, _SANDBOX_FLAG, False) or response.mimetype != "text/html":
        response.headers["Content-Security-Policy"] = FILE_POLICY
    return response


def init_app(app: Flask) -> Talisman:
    """One Talisman per app (tests build many apps with different settings). Called before
    any other extension registers request hooks, so the nonce exists even for a page that an
    early hook (CSRF, rate limit) answers."""
    config = app.config
    app.after_request(_files_sandboxed)
    hsts = bool(config.get("SESSION_COOKIE_SECURE")) and int(config.get("HSTS_SECONDS") or 0) > 0
    with app.app_context():
        policy = page_policy(config)
    talisman = Talisman(
        app,
        force_https=False,  # nginx redirects to HTTPS; the app never sees plain HTTP there
        strict_transport_security=hsts,
        strict_transport_security_max_age=int(config.get("HSTS_SECONDS") or 0),
        strict_transport_security_include_subdomains=False,  # other hosts of the domain
        content_security_policy=policy,
        content_security_policy_nonce_in=["script-src", "style-src"],
        frame_options="SAMEORIGIN",
        referrer_policy="same-origin",
        permissions_policy=PERMISSIONS,
        session_cookie_secure=bool(config.get("SESSION_COOKIE_SECURE")),
        session_cookie_http_only=True,
        session_cookie_samesite=config.get("SESSION_COOKIE_SAMESITE", "Lax"),
    )
    app.extensions["talisman"] = talisman
    return talisman
