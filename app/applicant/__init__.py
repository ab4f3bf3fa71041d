"""The applicant area: one blueprint, one module per screen family (dashboard, wizard,
applications, File Saya, Inbox). Each module registers its views on `bp` when imported."""

from flask import Blueprint

bp = Blueprint("applicant", __name__)


def load_views() -> Blueprint:
    from . import (  # noqa: F401
        complaints,
        dashboard,
        inbox,
        monitoring,
        my_applications,
        my_files,
        survey,
        wizard,
    )

    return bp
