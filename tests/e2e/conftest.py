"""Real-browser fixtures: the app served over HTTP on loopback and Debian's headless chromium.

`live_server` is a second app on the same database as the `app` fixture, so the `app`
fixture's teardown also empties the rows the browser created. Mail is delivered on demand
(`live_server.deliver()`), never by a background thread, so a test reads its code from the
real SMTP mailbox at a moment it chooses.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

from config import TestConfig

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)
# Screenshots of every test's last page and of the steps tests name (`snap`) are for people
# looking at the pages: taken when E2E_SCREENSHOTS=1, and of a failed test's page always. A
# full-page shot costs 0.1-0.6 s, and a whole run takes about 250 of them.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS", "") == "1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Each phase's report kept on the test, so teardown knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def failed(node) -> bool:
    return any(getattr(getattr(node, f"report_{when}", None), "failed", False)
               for when in ("setup", "call"))


def keep_screenshot(page, path: Path, **options) -> None:
    """A screenshot for people to look at (test-artifacts/e2e/), when E2E_SCREENSHOTS=1."""
    if SCREENSHOTS:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), **options)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@dataclass
class LiveServer:
    app: Flask
    url: str
    server: BaseWSGIServer

    def deliver(self) -> int:
        """Run the outbox worker once in the served app, as `flask worker --once` would."""
        from app.notify.worker import process_due

        with self.app.app_context():
            return process_due()


def _wait_for_requests_in_flight(server: BaseWSGIServer, app: Flask,
                                 seconds: float = 10) -> None:
    """A request the browser started just before the test ended (a poll, a prefetch) still
    holds a database connection in its own thread; disposing the engine under it would leave
    that connection for the garbage collector to find open in some later test."""
    import time

    from app.services.chat_delivery import stop_waiting

    stop_waiting(app)  # a chat page's long poll answers now, not CHAT_LONGPOLL_SECONDS later
    deadline = time.monotonic() + seconds
    serving = [worker for worker in threading.enumerate()
               if getattr(getattr(worker, "_target", None), "__self__", None) is server]
    for worker in serving:
        worker.join(timeout=max(0.0, deadline - time.monotonic()))
    left = sum(worker.is_alive() for worker in serving)
    assert not left, (f"{left} request(s) of the live server still running {seconds:.0f} s "
                      "after it stopped")


def _connections_returned(engine, seconds: float = 10) -> None:
    """Waits until every connection of the live app's pool is back. `engine.dispose()` closes
    only connections in the pool: one a request still holds is later returned to the discarded
    pool and left there for the garbage collector, which on PostgreSQL raises psycopg's
    ResourceWarning in whichever later test it happens to run (an error there). Failing here
    names the test whose request kept it instead."""
    import time

    checked_out = getattr(engine.pool, "checkedout", lambda: 0)
    deadline = time.monotonic() + seconds
    while checked_out() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not checked_out(), (f"{checked_out()} database connection(s) of the live server "
                               f"still in use {seconds:.0f} s after its last request")


def _closing_responses(wsgi_app):
    """Werkzeug's development server leaves a response's iterable open when the browser drops
    the connection in the middle of it (a page navigating away while a script file is still
    being sent); the open static file then fails whichever test is running as a
    ResourceWarning. Here each response is read whole and closed before it is written: a
    dropped connection then loses bytes only. (No route streams; gunicorn serves production.)"""

    def wsgi(environ, start_response):
        body = wsgi_app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@pytest.fixture
def live_server(app, database_url, smtp_server, signing_config, storage_config, tmp_path):
    """The service on http://127.0.0.1:<free port>, in a daemon thread, for one test."""
    from app import create_app
    from app.extensions import db

    _box, smtp_url = smtp_server
    live_app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url,
                          SMTP_URL=smtp_url, UPLOAD_DIR=str(tmp_path / "live-uploads"),
                          SECRET_KEY="e2e-secret-key", OUTBOX_INPROCESS=False,
                          MAP_TILE_URL="none",  # no network here: maps work without tiles
                          PUBLIC_BASE_URL="http://127.0.0.1", **signing_config,
                          **storage_config)
    port = free_port()
    server = make_server("127.0.0.1", port, _closing_responses(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(live_app, f"http://127.0.0.1:{port}", server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        _wait_for_requests_in_flight(server, live_app)
        with live_app.app_context():
            db.session.remove()
            try:
                _connections_returned(db.engine)
            finally:
                db.engine.dispose()
        if live_app.extensions.get("eptsp_redis") is not None:
            live_app.extensions["eptsp_redis"].close()


# Pages are driven in Debian's chromium headless shell (package chromium-headless-shell: the
# same Blink engine without the desktop browser's GPU process, extensions and window
# machinery), which runs the suite's pages on about two thirds of the full browser's CPU. A
# page that opens a PDF in a tab needs the full browser's PDF viewer (the shell downloads the
# file instead): a test marked `pdf_viewer` gets Debian's `chromium`.
SHELL_BROWSER = "chromium-headless-shell"
FULL_BROWSER = "chromium"


@pytest.fixture(scope="session")
def playwright_driver():
    with sync_playwright() as pw:
        yield pw


def _launch(pw, name: str):
    executable = shutil.which(name)
    if not executable:
        pytest.fail(f"E2E tests need Debian's {name} at /usr/bin/{name} (apt-get install "
                    f"{name}; `make test` installs it); no such browser was found on PATH.",
                    pytrace=False)
    return pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = _launch(playwright_driver, SHELL_BROWSER)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def full_browser(playwright_driver):
    browser = _launch(playwright_driver, FULL_BROWSER)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """Opens pages in fresh browser contexts (separate cookies) for this test; on teardown
    the last page opened is saved as test-artifacts/e2e/<test name>.png (when the test
    failed, or E2E_SCREENSHOTS=1). Every page listens
    to its console: a Content-Security-Policy violation (a script, style or image the policy
    refused, see app/security/headers.py) fails the test, whichever journey met it."""
    if request.node.get_closest_marker("pdf_viewer"):
        browser = request.getfixturevalue("full_browser")
    contexts = []
    pages = []
    violations = []

    def listen(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(f"{message.location.get('url', '?')}: {message.text}")

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        pages.append(context.new_page())
        pages[-1].on("console", listen)
        return pages[-1]

    yield open_page
    try:
        if pages and not pages[-1].is_closed() and (SCREENSHOTS or failed(request.node)):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            pages[-1].screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        for context in contexts:
            context.close()
    assert not violations, "Content-Security-Policy violations in the browser console:\n" + \
        "\n".join(violations)


@pytest.fixture
def page(new_page):
    """One page in a fresh browser context for this test."""
    return new_page()


@pytest.fixture
def snap(request):
    """snap(page, step): a full-page screenshot of a step worth looking at, saved as
    test-artifacts/e2e/<test name>--<step>.png next to the teardown one (E2E_SCREENSHOTS=1)."""

    def take(page, step: str) -> None:
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        keep_screenshot(page, ARTIFACTS / f"{name}--{step}.png", full_page=True)

    return take


@pytest.fixture
def at_review(app, page):
    """An applicant logged in with a draft whose Validasi Data is open; its uid."""
    from app.services import applications as apps
    from tests.e2e.test_account_journeys import log_in
    from tests.helpers import fill_draft, make_applicant, publish_catalogue

    publish_catalogue(app)
    user, data = make_applicant(app)
    draft = fill_draft(app, user, "SIP-DOKTER")
    apps.reach_review(draft)
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    return draft.uid
