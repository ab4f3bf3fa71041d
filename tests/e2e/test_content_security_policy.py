"""The policy as a real browser applies it (app/security/headers.py): the page's own scripts,
which carry the request's nonce, run; script or markup injected into the page does not, and
the browser reports the refusal in the console (what the `new_page` fixture listens for in
every other browser test)."""

from __future__ import annotations

from tests.e2e.conftest import TIMEOUT_MS


def test_own_scripts_run_and_injected_ones_are_refused(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda m: refused.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text else None)
        response = page.goto("/masuk")
        assert "'nonce-" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        # our files ran: Bootstrap (nonce on a <script src>) and the captcha refresh binding
        assert page.evaluate("() => typeof window.bootstrap?.Modal") == "function"
        assert refused == []

        with page.expect_console_message(lambda m: "inline event handler" in m.text):
            page.evaluate("""() => {
                const s = document.createElement('script');
                s.textContent = 'window.injected = 1';
                document.body.append(s);
                document.body.insertAdjacentHTML('beforeend',
                    '<img id="probe" src="x.png" onerror="window.handler = 1">');
            }""")
        assert page.evaluate("() => [window.injected, window.handler]") == [None, None]
        assert any("inline script" in text for text in refused), refused
    finally:
        context.close()
