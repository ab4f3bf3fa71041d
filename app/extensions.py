"""Unbound Flask extensions. Flask-AppBuilder and Flask-Admin keep per-app view registries,
so `create_app` makes a fresh instance of each per app (tests build many apps)."""

from flask_appbuilder.models.sqla.base import SQLA
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

db = SQLA()
migrate = Migrate()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)


def init_limiter(app) -> None:
    """The limiter for `app`. The extension object is shared by every app of the process and
    keeps "storage dead" (the in-memory fallback after a Redis outage, config.py) across
    init_app: each new app starts on its own configured storage."""
    limiter.init_app(app)
    limiter._storage_dead = False
