"""What the production server's access log may know about a request: the route it matched.

gunicorn writes one line per request (deploy/gunicorn.conf.py). The raw path and query string
can carry what must never reach a log: search terms, resi numbers and NIK/NPWP typed into a
box, the reset token in ``/lupa-password/pin/<token>``. So the app hands the server the matched
URL rule (``/lupa-password/pin/<token>``) in the WSGI environ under ``ROUTE_ENVIRON_KEY``, and
the log format prints that and never the URL; a URL that matched no route shows as "-".
"""

from __future__ import annotations

from flask import Flask, request, request_started

ROUTE_ENVIRON_KEY = "eptsp.route"


def _remember_route(_sender: Flask, **_extra) -> None:
    # sent after URL matching and before any before_request hook, so requests refused early
    # (429 from the rate limiter, 400 for CSRF) are logged with their route too
    if request.url_rule is not None:
        request.environ[ROUTE_ENVIRON_KEY] = request.url_rule.rule


def register(app: Flask) -> None:
    request_started.connect(_remember_route, app)
