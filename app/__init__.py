"""The Flask shell: `create_app` binds extensions and registers every view."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from flask import Flask

from config import BASE_DIR, Config


def _ensure_secret_key(app: Flask) -> None:
    """Use SECRET_KEY from the environment, else one generated once into instance/ (0600)."""
    from .security.filemodes import create_private, private_file

    if app.config.get("SECRET_KEY"):
        return
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():  # several workers may start at once: one key wins, all read it
        create_private(path, secrets.token_urlsafe(48).encode())
    private_file(path)
    app.config["SECRET_KEY"] = path.read_text().strip()


def create_app(config_class: type = Config, **overrides) -> Flask:
    app = Flask(
        __name__,
        instance_path=config_class.INSTANCE_PATH,
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
    )
    app.config.from_object(config_class)
    app.config.update(overrides)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(BASE_DIR / "translations"))
    _harden(app)
    logging.basicConfig(level=logging.INFO)
    # "Initializing AppBuilder" twice on stderr of every `flask` command and worker start says
    # nothing to an operator; Flask-AppBuilder's warnings and errors still show
    logging.getLogger("flask_appbuilder").setLevel(logging.WARNING)
    from .privacy import logs

    logs.install()  # NIK/NPWP masked in every log record of the process

    from flask_appbuilder import AppBuilder

    from . import database, redis_client
    from .extensions import csrf, db, init_limiter, migrate

    database.init_app(app, db)
    redis_client.configure(app)
    from . import storage

    storage.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"))
    csrf.init_app(app)
    init_limiter(app)

    from .security.manager import EptspSecurityManager
    from .security.views import StaffIndexView

    appbuilder = AppBuilder(
        security_manager_class=EptspSecurityManager, indexview=StaffIndexView, update_perms=False
    )
    with app.app_context():
        appbuilder.init_app(app, db.session)
    _adapt_fab(app, appbuilder)

    from .backoffice import init_admin

    init_admin(app)
    from .api import init_api

    init_api(app, appbuilder)

    from . import cli, web

    web.register(app)
    cli.register(app)

    if app.config.get("OUTBOX_INPROCESS"):
        from .notify.worker import start_inprocess_worker

        start_inprocess_worker(app)
    return app


def _adapt_fab(app: Flask, appbuilder) -> None:
    """Our locale selector instead of Flask-AppBuilder's; its screens behind our guards."""
    from . import i18n
    from .security.views import guard_fab_screens

    i18n.install(app)
    guard_fab_screens(app, appbuilder)


def _harden(app: Flask) -> None:
    """Security settings every app starts with, before any extension registers hooks."""
    from .passwords import fab_validator

    # FAB's own user screens (add user, reset password) apply the same password policy
    app.config.setdefault("FAB_PASSWORD_COMPLEXITY_ENABLED", True)
    app.config.setdefault("FAB_PASSWORD_COMPLEXITY_VALIDATOR", fab_validator)
    from .security.filemodes import private_dir

    private_dir(app.instance_path)  # database, uploads, keys: the service's user only
    _ensure_secret_key(app)
    _trust_proxies(app)
    from .security import headers

    headers.init_app(app)  # first: its nonce must exist before any other request hook runs


def _trust_proxies(app: Flask) -> None:
    """Behind nginx (or a load balancer) every request comes from the proxy's address, so rate
    limits and session records would lump all visitors together; with TRUSTED_PROXIES=n the
    client address, scheme and host are read from the last n proxies' X-Forwarded-* headers."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
