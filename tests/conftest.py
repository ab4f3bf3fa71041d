"""Shared fixtures: a migrated database (SQLite file, or PostgreSQL from TEST_DATABASE_URL),
a real SMTP server on loopback, file storage (a local folder, or a bucket on moto's S3 server:
see tests/s3_server.py), an app per test and builders for accounts."""

from __future__ import annotations

import contextvars
import os
import re
import shutil
import socket
import tempfile
import threading
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from config import TestConfig
from tests import process_setup
from tests.s3_server import start_moto

ROOT = Path(__file__).resolve().parent.parent
process_setup.install()

# children before parents, so foreign keys hold while emptying
_TABLES_TO_EMPTY = ("chat_message", "chat_conversation", "chat_canned_reply",
                    "chat_office_hours", "chat_setting", "complaint_event", "complaint_message",
                    "complaint_attachment", "complaint", "complaint_category", "report_count",
                    "audit_log", "survey_tally", "survey_response", "survey_publication",
                    "survey_version",
                    "application_event", "application_task", "document_check",
                    "application_document", "permit_map_cell", "permit_map_point",
                    "issued_permit", "inbox_message", "application", "portal_banner",
                    "portal_announcement", "faq_entry", "help_page", "portal_setting",
                    "stored_file", "number_sequence", "api_token", "catalogue_asset",
                    "catalogue_version", "catalogue_draft", "user_session", "auth_throttle",
                    "privacy_request",
                    "email_code", "password_reset", "captcha_challenge", "outbox_message",
                    "applicant_profile", "staff_profile", "ab_user_role", "ab_user")


class Mailbox:
    """Collects what the SMTP server receives, like a person's inbox."""

    def __init__(self):
        self.messages: list[Message] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        with self._lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def clear(self):
        with self._lock:
            self.messages.clear()

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address.lower() in m["To"].lower()]

    def last_code(self, address: str, digits: int = 6) -> str:
        body = self.to(address)[-1].get_payload(decode=True).decode()
        return re.search(rf"\b(\d{{{digits}}})\b", body).group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, f"smtp://127.0.0.1:{port}"
    controller.stop()


def _worker_database(url: str, worker: str) -> str:
    """Parallel test workers each get their own PostgreSQL database on the same server, so
    one worker emptying tables never pulls rows from under another."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": name}).scalar()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        url = _worker_database(url, os.environ["PYTEST_XDIST_WORKER"])
    from flask_migrate import upgrade

    from app import create_app

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, SECRET_KEY="test-secret-key")
    with app.app_context():
        from app.extensions import db

        if url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(directory=str(ROOT / "migrations"))
        from app.cli import sync_roles

        sync_roles()
        db.session.remove()
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server for this test process, started on a free port and stopped after the
    run. Skipped, with the reason in the summary, only when the binary is not installed."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; "
                    "`make test` installs it)")
    from tests.processes import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def served_sqlite(tmp_path_factory) -> str:
    """A migrated SQLite file for app servers started as separate processes."""
    from tests.processes import migrate_sqlite

    return migrate_sqlite(tmp_path_factory.mktemp("served") / "eptsp.db")


@pytest.fixture(scope="session")
def signing_config(tmp_path_factory) -> dict:
    """A development CA made once per run; apps under test sign permits with it."""
    from app.signing.devca import create_dev_ca

    paths = create_dev_ca(tmp_path_factory.mktemp("signing"))
    return {"SIGNING_BACKEND": "local", "SIGNING_P12_PATH": str(paths.p12),
            "SIGNING_P12_PASSWORD_FILE": str(paths.password_file),
            "SIGNING_TRUST_ROOTS": str(paths.root_pem)}


@pytest.fixture(scope="session")
def moto_s3():
    server = start_moto()
    yield server
    server.stop()


def pytest_generate_tests(metafunc):
    """A module with STORAGE_BACKENDS = ("local", "s3") runs each of its tests on both."""
    backends = getattr(metafunc.module, "STORAGE_BACKENDS", None)
    if backends and "storage_backend" in metafunc.fixturenames:
        metafunc.parametrize("storage_backend", backends, indirect=True)


@pytest.fixture
def storage_backend(request) -> str:
    return getattr(request, "param", None) or os.environ.get("TEST_STORAGE_BACKEND") or "local"


@pytest.fixture
def storage_config(request, storage_backend):
    """App settings for the chosen backend: nothing for local (UPLOAD_DIR under tmp_path),
    a fresh bucket on the moto server for s3 (emptied and removed afterwards)."""
    if storage_backend == "local":
        yield {}
        return
    assert storage_backend == "s3", storage_backend
    server = request.getfixturevalue("moto_s3")
    bucket = server.new_bucket()
    yield server.config(bucket)
    server.drop_bucket(bucket)


@pytest.fixture
def mailbox(smtp_server):
    box, _url = smtp_server
    box.clear()
    return box


@pytest.fixture
def app_overrides() -> dict:
    """Extra settings for the `app` fixture; a test module redefines this fixture to run its
    tests with other settings (for example with and without Redis)."""
    return {}


# apps built by the `app` fixture, by their settings: building one (about 330 routes compiled,
# two admin frameworks' view registries) costs more than most tests; see `_app_for`
_BUILT: dict[str, tuple] = {}


@pytest.fixture
def app(request, database_url, smtp_server, signing_config, tmp_path, storage_config,
        app_overrides):
    _box, smtp_url = smtp_server
    settings = dict(SQLALCHEMY_DATABASE_URI=database_url, SMTP_URL=smtp_url,
                    SECRET_KEY="test-secret-key", **signing_config, **storage_config)
    app = _app_for(settings | app_overrides, request.node.get_closest_marker("fresh_app"))
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    from app import storage

    storage.init_app(app)  # on this test's own folder
    # every client is a browser of its own: a plain FlaskClient run inside this pushed app
    # context shares its `g` with every other client, and with it the CSRF token Flask-WTF
    # keeps there (a second client's login was refused 400 with the first one's token)
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        release(app)
    if request.node.get_closest_marker("fresh_app"):
        _close_redis(app)


def _close_redis(app) -> None:
    for name in ("eptsp_redis", "eptsp_redis_probe"):
        if app.extensions.get(name) is not None:
            app.extensions[name].close()


def _app_for(settings: dict, fresh) -> Flask:
    """An app with these settings, as each test found it before any test changed it.

    An app is built once per test process and settings, and handed to the next test with the
    same settings in the state it was built in: its configuration restored (a test may change
    a setting for itself) and the rate limiter back on this app's own counters, emptied (the
    limiter is one object shared by every app of the process). Its rows are emptied after
    every test (`release`). What it keeps from one test to the next is what a server process
    keeps from one request to the next. A test that changes the app itself (adds a route) is
    marked `fresh_app` and gets one of its own."""
    from app import create_app
    from app.extensions import init_limiter, limiter

    key = repr(sorted(settings.items()))
    built = None if fresh else _BUILT.get(key)
    if built is None:
        made = create_app(TestConfig, **settings)
        built = (made, dict(made.config))
        if not fresh:
            _BUILT[key] = built
    app, config = built
    app.config.clear()
    app.config.update(config)
    init_limiter(app)
    limiter.reset()
    return app


@pytest.fixture(scope="session", autouse=True)
def _close_built_apps():
    """The apps `_app_for` kept: their Redis clients closed when the run ends."""
    yield
    for app, _config in _BUILT.values():
        _close_redis(app)


def release(app) -> None:
    """After an app's tests (inside its app context): its rows deleted and its database
    connections closed (none left for the garbage collector, an error under
    `filterwarnings = error`). The `app` fixture closes a fresh app's Redis client, and the
    run's end those of the apps it kept."""
    from app.extensions import db

    db.session.remove()
    with db.engine.begin() as conn:
        for table in _TABLES_TO_EMPTY:
            conn.execute(text(f"DELETE FROM {table}"))
    db.engine.dispose()


@pytest.fixture
def another_app(app):
    """Builds a second instance of the service with other settings, as a second server process
    would be. Its database connections and Redis client are closed when the test ends, so none
    is left for the garbage collector to find open (an error under `filterwarnings = error`)."""
    from app import create_app
    from app.extensions import db

    made = []

    def build(**overrides):
        made.append(create_app(TestConfig, **overrides))
        return made[-1]

    yield build
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()
        if other.extensions.get("eptsp_redis") is not None:
            other.extensions["eptsp_redis"].close()


class IsolatedClient(FlaskClient):
    """Each request runs in its own empty context, as in a real server process: it gets its
    own app context, `g` and database session instead of sharing the test's.

    The request's body is closed once the request is answered. Werkzeug spools a multipart
    body over 500 KB (a large upload) to a temporary file and closes it only when the
    response is closed, which no test does (and not at all without follow_redirects): the
    open file was found later by the garbage collector, and its ResourceWarning failed
    whichever test was running then (test_client_upload_files.py)."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(lambda: FlaskClient.open(self, *args, **kwargs))
        body = response.request.environ.get("wsgi.input") if response.request else None
        if body is not None:
            body.close()
        from flask import has_app_context

        from app.extensions import db

        if has_app_context():
            db.session.expire_all()
        return response


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def catalogue(app):
    """The shipped sample catalogue, published (a file of tests that all need it says
    `pytestmark = pytest.mark.usefixtures("catalogue")`)."""
    from tests.helpers import publish_catalogue

    return publish_catalogue(app)


@pytest.fixture
def user(app, client):
    """A new applicant, logged in on `client`."""
    from tests.helpers import login_new_applicant

    return login_new_applicant(app, client)


@pytest.fixture
def tmp_dir():
    with tempfile.TemporaryDirectory() as path:
        yield Path(path)


@pytest.fixture
def always_open(app):
    """Chat office hours covering every minute of the week, so no automatic reply interferes."""
    from datetime import time

    from app.extensions import db
    from app.models import ChatOfficeHours

    db.session.add_all(ChatOfficeHours(weekday=d, opens=time(0, 0), closes=time(23, 59, 59))
                       for d in range(7))
    db.session.commit()
