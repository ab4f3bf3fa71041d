"""A late answer in a real browser: a request that left before the language switch and whose
answer arrives after it must not put the old session back (the Monitoring page stayed
Indonesian once in CI). The server holds that request until the switch is done, so the order
is certain rather than a matter of luck; the browser then stores the answer like any other."""

from __future__ import annotations

import re
import threading

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import log_in
from tests.helpers import make_applicant, publish_catalogue

HELD = "/static/js/confirm-submit.js"


class HoldRequests:
    """WSGI middleware: a request for `path` with `?held` waits until released, as if the
    network or a busy server had delayed it. Everything else passes straight through."""

    def __init__(self, wsgi_app, path: str):
        self.wsgi_app = wsgi_app
        self.path = path
        self.arrived = threading.Event()
        self.release = threading.Event()

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == self.path and environ.get("QUERY_STRING") == "held":
            self.arrived.set()
            self.release.wait(timeout=20)
        return self.wsgi_app(environ, start_response)


def test_an_answer_arriving_after_the_language_switch_does_not_undo_it(app, browser,
                                                                         live_server):
    publish_catalogue(app)
    _user, data = make_applicant(app)
    gate = HoldRequests(live_server.app.wsgi_app, HELD)
    live_server.app.wsgi_app = gate
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    try:
        dashboard = context.new_page()
        log_in(dashboard, data["nik"])
        expect(dashboard).to_have_url(re.compile(r"/dashboard$"))
        # the dashboard's tab asks for a file; its request carries the session as it is now
        dashboard.evaluate(f"() => {{ window.late = fetch('{HELD}?held')"
                           ".then(r => r.status); }")
        assert gate.arrived.wait(timeout=10), "the held request never reached the server"
        other = context.new_page()  # a second tab of the same browser switches language
        other.goto("/dashboard")
        other.get_by_role("link", name="EN", exact=True).first.click()
        expect(other.locator("html")).to_have_attribute("lang", "en")
        gate.release.set()
        assert dashboard.evaluate("() => window.late") == 200  # the late answer has arrived
        other.goto("/monitoring")
        expect(other.locator("html")).to_have_attribute("lang", "en")
        expect(other.locator("label[for=monitoring-resi]")).to_have_text(
            "Search by receipt code")
    finally:
        gate.release.set()
        context.close()
