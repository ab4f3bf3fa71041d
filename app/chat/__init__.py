"""Chat with the helpdesk for applicants (their account) and portal visitors (a token in their
session); the helpdesk's side is a console screen (app/backoffice/chat_views.py)."""

from flask import Blueprint

bp = Blueprint("chat", __name__)


def load_views() -> Blueprint:
    from . import routes  # noqa: F401

    return bp
