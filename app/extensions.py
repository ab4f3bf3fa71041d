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
