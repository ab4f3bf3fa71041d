"""Captcha for the public forms (registration, login, password reset, complaints).

Built-in by default so a fresh install works offline with no third-party account: a PNG of five
characters. The answer never reaches the client: its HMAC (keyed with the app's secret key) waits
on the server in the captcha store (Redis, or the database without Redis), and the signed
session cookie holds only a random id and the expiry per form. Checking takes the answer out of
the store, right or wrong, so a solved captcha counts once: resending an older copy of the
cookie finds nothing to compare with. The 5-minute expiry is kept in the (tamper-proof) cookie.

When an office configures reCAPTCHA or hCaptcha keys, ``verify`` asks that provider instead.
Failures to reach it count as a failed captcha (fail closed) and are logged. Rate limiting the
protected views remains necessary.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
import urllib.parse
import urllib.request

from captcha.image import ImageCaptcha as LibraryCaptcha
from flask import current_app, request, session
from flask_babel import gettext as _
from PIL import Image
from PIL.ImageDraw import Draw

from . import captcha_store

__all__ = ["ALPHABET", "LENGTH", "check", "csp_sources", "new_challenge", "provider", "verify",
           "widget_context"]

log = logging.getLogger(__name__)

# No 0/O, 1/I/L, and no V (two read as W, one as U or Y): applicants should fail on the robot
# test, not on the font. 30 characters, five of them: 24 million answers, each used up at
# the first check.
ALPHABET = "ABCDEFGHJKMNPQRSTUWXYZ23456789"
LENGTH = 5
DEFAULT_TTL_SECONDS = 300
DEFAULT_TIMEOUT_SECONDS = 5
SESSION_KEY = "_captcha"
# Challenges kept per session; old ones are dropped so opening many tabs cannot grow the cookie.
MAX_PENDING = 8
BUILTIN_FIELD = "captcha"

_FORM_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")

_PROVIDERS = {
    "recaptcha": {
        "keys": ("RECAPTCHA_SITE_KEY", "RECAPTCHA_SECRET_KEY"),
        "verify_url": "https://www.google.com/recaptcha/api/siteverify",
        "script_url": "https://www.google.com/recaptcha/api.js",
        "response_field": "g-recaptcha-response",
        "widget_class": "g-recaptcha",
        # what the provider's widget loads, added to the pages' Content-Security-Policy
        "csp": {"script-src": ("https://www.google.com/recaptcha/",
                               "https://www.gstatic.com/recaptcha/"),
                "frame-src": ("https://www.google.com/recaptcha/",
                              "https://recaptcha.google.com/recaptcha/")},
    },
    "hcaptcha": {
        "keys": ("HCAPTCHA_SITE_KEY", "HCAPTCHA_SECRET_KEY"),
        "verify_url": "https://api.hcaptcha.com/siteverify",
        "script_url": "https://js.hcaptcha.com/1/api.js",
        "response_field": "h-captcha-response",
        "widget_class": "h-captcha",
        "csp": {"script-src": ("https://hcaptcha.com", "https://*.hcaptcha.com"),
                "frame-src": ("https://hcaptcha.com", "https://*.hcaptcha.com"),
                "style-src": ("https://hcaptcha.com", "https://*.hcaptcha.com"),
                "connect-src": ("https://hcaptcha.com", "https://*.hcaptcha.com")},
    },
}


class ImageCaptcha(LibraryCaptcha):
    """The library's image (warped, rotated glyphs, noise dots and a curve) with the glyphs
    side by side, a few pixels apart, rather than overlapping (where "VV" read as "W"), in a
    dark colour on the light background, rotated at most 15 degrees."""

    character_rotate = (-15, 15)
    GAP = (3, 7)  # pixels between two glyphs
    MARGIN = 8

    def create_captcha_image(self, chars, color, background):
        draw = Draw(Image.new("RGB", (self._width, self._height), background))
        glyphs = [self._draw_character(c, draw, color) for c in chars]
        gaps = [self.GAP[0] + secrets.randbelow(self.GAP[1] - self.GAP[0] + 1)
                for _ in glyphs[1:]] + [0]
        total = sum(g.size[0] for g in glyphs) + sum(gaps)
        width = max(self._width, total + 2 * self.MARGIN)
        image = Image.new("RGB", (width, self._height), background)
        x = (width - total) // 2
        for glyph, gap in zip(glyphs, gaps, strict=True):
            w, h = glyph.size
            y = (self._height - h) // 2 + secrets.randbelow(7) - 3
            # the glyph's own coverage, thickened as the library does
            mask = glyph.getchannel("A").point(self.lookup_table)
            image.paste(glyph, (x, max(0, min(self._height - h, y))), mask)
            x += w + gap
        return image.resize((self._width, self._height)) if width > self._width else image

    def generate_image(self, chars, bg_color=None, fg_color=None):
        dark = (*(secrets.randbelow(100) + 10 for _ in range(3)), secrets.randbelow(36) + 220)
        return super().generate_image(chars, bg_color, fg_color or dark)


def _now() -> float:
    return time.time()


def _config(name: str, default=None):
    return current_app.config.get(name, default)


def _enabled() -> bool:
    return bool(_config("CAPTCHA_ENABLED", True))


def provider() -> str:
    """'recaptcha' or 'hcaptcha' when both of its keys are configured, else 'builtin'."""
    for name, spec in _PROVIDERS.items():
        if all(_config(key) for key in spec["keys"]):
            return name
    return "builtin"


def csp_sources() -> dict[str, tuple[str, ...]]:
    """Origins the configured provider's widget needs in the Content-Security-Policy (none for
    the built-in captcha)."""
    spec = _PROVIDERS.get(provider())
    return dict(spec["csp"]) if spec else {}


def _check_form_key(form_key: str) -> None:
    # The key comes from the image URL, so it is user input that ends up in the session cookie.
    if not isinstance(form_key, str) or not _FORM_KEY.fullmatch(form_key):
        raise ValueError(f"invalid captcha form key: {form_key!r}")


def _digest(form_key: str, nonce: str, answer: str) -> str:
    secret = current_app.secret_key
    if not secret:
        raise RuntimeError("captcha needs SECRET_KEY")
    key = secret if isinstance(secret, bytes) else str(secret).encode("utf-8")
    message = f"captcha|{form_key}|{nonce}|{answer}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _normalise(answer: object) -> str:
    return re.sub(r"\s+", "", answer).upper() if isinstance(answer, str) else ""


def _pending() -> dict:
    """Copy of this session's challenge ids minus expired ones (a copy, so changes are saved)."""
    now = _now()
    stored = session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return {}
    return {k: v for k, v in stored.items()
            if isinstance(v, dict) and isinstance(v.get("i"), str) and v.get("e", 0) > now}


def _save(pending: dict) -> None:
    if pending:
        session[SESSION_KEY] = pending
    else:
        session.pop(SESSION_KEY, None)


def new_challenge(form_key: str) -> bytes:
    """A fresh PNG for ``form_key``; replaces any earlier challenge for that form."""
    _check_form_key(form_key)
    answer = _normalise(_config("CAPTCHA_TEST_ANSWER")) or "".join(
        secrets.choice(ALPHABET) for _ in range(LENGTH)
    )
    challenge_id = secrets.token_urlsafe(24)
    ttl = int(_config("CAPTCHA_TTL_SECONDS", DEFAULT_TTL_SECONDS))
    expires = _now() + ttl
    pending = _pending()
    replaced = [pending.pop(form_key)["i"]] if form_key in pending else []
    while len(pending) >= MAX_PENDING:
        replaced.append(pending.pop(min(pending, key=lambda k: pending[k]["e"]))["i"])
    captcha_store.discard(replaced)
    captcha_store.put(challenge_id, _digest(form_key, challenge_id, answer), ttl, expires)
    pending[form_key] = {"i": challenge_id, "e": expires}
    _save(pending)
    return ImageCaptcha(width=200, height=70, font_sizes=(38, 42, 46)).generate(
        answer, format="png").getvalue()


def verify(form_key: str, answer: str | None = None) -> bool:
    """True once for the right answer; every check, right or wrong, uses the challenge up.

    With a provider configured, the token comes from the provider's form field (``answer`` is
    a fallback for callers that pass it explicitly, such as the JSON API).
    """
    if not _enabled():
        return True
    name = provider()
    if name != "builtin":
        spec = _PROVIDERS[name]
        return _verify_remote(name, request.form.get(spec["response_field"]) or answer)
    _check_form_key(form_key)
    pending = _pending()
    entry = pending.pop(form_key, None)
    _save(pending)
    if entry is None:
        return False
    expected = captcha_store.take(entry["i"])
    if expected is None:
        return False
    given = _digest(form_key, entry["i"], _normalise(answer))
    return hmac.compare_digest(expected, given)


def check(form, form_key: str) -> bool:
    """verify() for a form with a `captcha` field: a wrong answer is that field's error, in
    the reader's language (the one message every form with a captcha gives)."""
    if verify(form_key, form.captcha.data or ""):
        return True
    form.captcha.errors = [_("Kode captcha salah.")]
    return False


def _verify_remote(name: str, token: str | None) -> bool:
    if not token:
        return False
    spec = _PROVIDERS[name]
    site_key, secret = (_config(key) for key in spec["keys"])
    fields = {"secret": secret, "response": token}
    if request.remote_addr:
        fields["remoteip"] = request.remote_addr
    if name == "hcaptcha":
        fields["sitekey"] = site_key
    url = _config("CAPTCHA_VERIFY_URL") or spec["verify_url"]
    timeout = float(_config("CAPTCHA_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))
    req = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode("ascii"),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            result = json.loads(response.read(65536).decode("utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("%s siteverify failed: %s", name, exc)
        return False
    if not isinstance(result, dict) or result.get("success") is not True:
        log.info("%s rejected a token: %s", name, result)
        return False
    return True


def widget_context(form_key: str | None = None) -> dict:
    """What a template needs to render the captcha block of a form."""
    name = provider()
    context = {"enabled": _enabled(), "provider": name, "form_key": form_key}
    if name == "builtin":
        context.update(
            response_field=BUILTIN_FIELD,
            length=LENGTH,
            image_url=f"{request.script_root}/captcha/{form_key}.png" if form_key else None,
        )
        return context
    spec = _PROVIDERS[name]
    context.update(
        site_key=_config(spec["keys"][0]),
        script_url=_config("CAPTCHA_SCRIPT_URL") or spec["script_url"],
        response_field=spec["response_field"],
        widget_class=spec["widget_class"],
    )
    return context
