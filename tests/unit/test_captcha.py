import copy
import io
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from flask import Flask, session
from PIL import Image
from sqlalchemy import delete

from app import captcha, database, redis_client
from app.extensions import db
from app.models import CaptchaChallenge


@pytest.fixture(params=["database", "redis"])
def app(request, database_url):
    """A bare app with the captcha store of each kind: the migrated test database (no Redis)
    and a real redis-server (REDIS_URL)."""
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test-secret", CAPTCHA_TEST_ANSWER="AB3CD",
                      SQLALCHEMY_DATABASE_URI=database_url, REDIS_URL=None)
    if request.param == "redis":
        app.config["REDIS_URL"] = request.getfixturevalue("redis_url")
    database.configure(app)
    db.init_app(app)
    redis_client.configure(app)
    yield app
    redis = app.extensions["eptsp_redis"]
    if redis is not None:
        for key in redis.scan_iter("eptsp:captcha:*"):
            redis.delete(key)
        redis.close()
    with app.app_context():
        db.session.execute(delete(CaptchaChallenge))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def stored_challenges(app) -> int:
    """How many answers wait in the app's store."""
    redis = app.extensions["eptsp_redis"]
    if redis is not None:
        return len(redis.keys("eptsp:captcha:*"))
    with app.app_context():
        return db.session.query(CaptchaChallenge).count()


def test_png_is_a_real_image(app):
    with app.test_request_context():
        data = captcha.new_challenge("login")
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (200, 70)


def test_right_answer_passes_once(app):
    with app.test_request_context():
        captcha.new_challenge("register")
        assert captcha.verify("register", " ab3cd ")
        assert not captcha.verify("register", "AB3CD")


def test_wrong_answer_fails_and_uses_the_challenge_up(app):
    with app.test_request_context():
        captcha.new_challenge("register")
        assert not captcha.verify("register", "XXXXX")
        assert not captcha.verify("register", "AB3CD")


def test_answer_for_another_form_fails(app):
    with app.test_request_context():
        captcha.new_challenge("login")
        assert not captcha.verify("register", "AB3CD")
        assert captcha.verify("login", "AB3CD")


def test_expired_challenge_fails(app, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(captcha, "_now", lambda: clock[0])
    with app.test_request_context():
        captcha.new_challenge("login")
        clock[0] += 299
        captcha.new_challenge("reset")
        clock[0] += 2
        assert not captcha.verify("login", "AB3CD")
        assert captcha.verify("reset", "AB3CD")


def test_no_challenge_and_none_answer_fail(app):
    with app.test_request_context():
        assert not captcha.verify("login", "AB3CD")
        captcha.new_challenge("login")
        assert not captcha.verify("login", None)


def test_an_old_copy_of_the_session_cannot_reuse_a_solved_captcha(app):
    with app.test_request_context():
        captcha.new_challenge("login")
        cookie_after_the_image = copy.deepcopy(dict(session))
    outcomes = []
    for _attempt in range(2):  # the same cookie sent again, as a replaying client would
        with app.test_request_context():
            session.update(copy.deepcopy(cookie_after_the_image))
            outcomes.append(captcha.verify("login", "AB3CD"))
    assert outcomes == [True, False]


def test_the_answer_waits_on_the_server_until_its_one_check(app):
    with app.test_request_context():
        captcha.new_challenge("login")
        captcha.new_challenge("login")  # a reloaded image replaces the first challenge
        captcha.new_challenge("register")
        assert stored_challenges(app) == 2
        assert not captcha.verify("login", "WRONG")
        assert stored_challenges(app) == 1
        assert captcha.verify("register", "AB3CD")
        assert stored_challenges(app) == 0


def test_session_holds_no_readable_answer(app):
    with app.test_request_context():
        captcha.new_challenge("login")
        stored = json.dumps(session[captcha.SESSION_KEY])
        assert "AB3CD" not in stored.upper()


def test_random_answers_use_the_unambiguous_alphabet(app, monkeypatch):
    app.config["CAPTCHA_TEST_ANSWER"] = None
    seen = []

    class FakeImage:
        def __init__(self, **kwargs):
            pass

        def generate(self, chars, format):
            seen.append(chars)
            return io.BytesIO(b"png")

    monkeypatch.setattr(captcha, "ImageCaptcha", FakeImage)
    with app.test_request_context():
        for _ in range(50):
            captcha.new_challenge("login")
        assert captcha.verify("login", seen[-1].lower())
    assert all(len(s) == 5 and set(s) <= set(captcha.ALPHABET) for s in seen)
    assert not set("0O1IL") & set(captcha.ALPHABET)


def test_pending_challenges_are_bounded(app):
    with app.test_request_context():
        for i in range(20):
            captcha.new_challenge(f"form{i}")
        assert len(session[captcha.SESSION_KEY]) == captcha.MAX_PENDING
        assert captcha.verify("form19", "AB3CD")


@pytest.mark.parametrize("key", ["", "../x", "a" * 41, "a b", None])
def test_bad_form_keys_are_refused(app, key):
    with app.test_request_context(), pytest.raises(ValueError):
        captcha.new_challenge(key)


def test_disabled_captcha_always_passes(app):
    app.config["CAPTCHA_ENABLED"] = False
    with app.test_request_context():
        assert captcha.verify("login", "whatever")
        assert captcha.widget_context("login")["enabled"] is False


def test_builtin_widget_context(app):
    with app.test_request_context():
        ctx = captcha.widget_context("login")
    assert ctx["provider"] == "builtin"
    assert ctx["image_url"] == "/captcha/login.png"
    assert ctx["response_field"] == "captcha"


class FakeSiteverify:
    """A loopback stand-in for the provider's siteverify endpoint."""

    def __init__(self, accept_token):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                fields = urllib.parse.parse_qs(self.rfile.read(length).decode())
                outer.requests.append({k: v[0] for k, v in fields.items()})
                ok = fields.get("response") == [accept_token] and fields["secret"] == ["s3cret"]
                body = json.dumps({"success": ok}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/siteverify"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def siteverify():
    with FakeSiteverify(accept_token="good-token") as fake:
        yield fake


@pytest.mark.parametrize(
    ("name", "field"), [("RECAPTCHA", "g-recaptcha-response"), ("HCAPTCHA", "h-captcha-response")]
)
def test_provider_success_and_failure(app, siteverify, name, field):
    app.config.update(
        {f"{name}_SITE_KEY": "site", f"{name}_SECRET_KEY": "s3cret"},
        CAPTCHA_VERIFY_URL=siteverify.url,
    )
    with app.test_request_context(
        method="POST", data={field: "good-token"}, environ_base={"REMOTE_ADDR": "203.0.113.9"}
    ):
        assert captcha.provider() == name.lower()
        assert captcha.verify("login")
        ctx = captcha.widget_context("login")
        assert ctx["site_key"] == "site" and ctx["response_field"] == field
    with app.test_request_context(method="POST", data={field: "bad-token"}):
        assert not captcha.verify("login")
    with app.test_request_context(method="POST", data={}):
        assert not captcha.verify("login")
    assert [r["response"] for r in siteverify.requests] == ["good-token", "bad-token"]
    assert siteverify.requests[0]["remoteip"] == "203.0.113.9"
    assert siteverify.requests[0].get("sitekey") == ("site" if name == "HCAPTCHA" else None)


def test_unreachable_provider_fails_closed(app):
    fake = FakeSiteverify(accept_token="good-token")  # bound, then closed: nothing listens
    url = fake.url
    fake.server.server_close()
    app.config.update(
        RECAPTCHA_SITE_KEY="site", RECAPTCHA_SECRET_KEY="s3cret", CAPTCHA_VERIFY_URL=url,
        CAPTCHA_TIMEOUT_SECONDS=1,
    )
    with app.test_request_context(method="POST", data={"g-recaptcha-response": "good-token"}):
        assert not captcha.verify("login")


def test_one_key_alone_keeps_builtin(app):
    app.config["RECAPTCHA_SITE_KEY"] = "site"
    with app.test_request_context():
        assert captcha.provider() == "builtin"


def test_the_glyphs_stand_apart_and_no_v_is_asked():
    """Side by side, never overlapping (overlapping "VV" read as "W"): five glyphs are five
    separate runs of inked columns, before the noise is drawn. No V in the answers."""
    assert "V" not in captcha.ALPHABET and len(captcha.ALPHABET) == 30
    for _ in range(20):
        image = captcha.ImageCaptcha(width=200, height=70, font_sizes=(38, 42, 46)) \
            .create_captcha_image("WMWMW", (0, 0, 0), (255, 255, 255)).convert("L")
        width, height = image.size
        pixels = image.load()
        inked = [any(pixels[x, y] < 128 for y in range(height)) for x in range(width)]
        runs = sum(1 for x in range(width) if inked[x] and (x == 0 or not inked[x - 1]))
        assert runs == 5
