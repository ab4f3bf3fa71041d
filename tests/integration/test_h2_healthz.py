"""`GET /healthz` as a load balancer and a monitor read it: 200 whenever the app can serve (its
database answers), with the body naming a Redis it cannot reach as degraded, because the pages
keep working without Redis; 503 only without a database, or with `?strict=1` on anything less
than fully healthy."""

from __future__ import annotations

import pytest

from tests.processes import free_port


@pytest.fixture
def app_overrides():
    return {"REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://"}


def health(app, query: str = ""):
    response = app.test_client().get(f"/healthz{query}")
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.get_json()


def test_without_redis_configured_the_app_is_healthy(app):
    expected = {"status": "ok", "database": "ok", "redis": "not configured"}
    assert health(app) == (200, expected)
    assert health(app, "?strict=1") == (200, expected)


def test_a_live_redis_is_reported_ok(app, another_app, redis_url):
    live = another_app(SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                       SECRET_KEY="x", REDIS_URL=redis_url)
    expected = {"status": "ok", "database": "ok", "redis": "ok"}
    assert health(live) == (200, expected)
    assert health(live, "?strict=1") == (200, expected)


def test_an_unreachable_redis_degrades_but_keeps_the_node_in_service(app, another_app):
    closed_port = free_port()  # nothing listens there: every connection is refused
    dead_redis = another_app(SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                             SECRET_KEY="x", REDIS_URL=f"redis://127.0.0.1:{closed_port}/0")
    expected = {"status": "degraded", "database": "ok", "redis": "unreachable"}
    assert health(dead_redis) == (200, expected)
    assert health(dead_redis, "?strict=1") == (503, expected)
    assert health(dead_redis, "?strict=0") == (200, expected)


def test_an_unreachable_database_takes_the_node_out(app, another_app, tmp_path):
    missing = tmp_path / "no-such-folder" / "eptsp.db"  # SQLite cannot open it
    no_database = another_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}", SECRET_KEY="x",
                              REDIS_URL=None, RATELIMIT_STORAGE_URI="memory://")
    expected = {"status": "error", "database": "unreachable", "redis": "not configured"}
    assert health(no_database) == (503, expected)
    assert health(no_database, "?strict=1") == (503, expected)


def test_a_hung_redis_is_reported_before_a_load_balancer_gives_up(app, another_app):
    """A Redis that accepts connections and never answers (a hung server, a full network
    buffer): the probe's own one-second timeout answers "degraded" well within the few
    seconds a load balancer waits, where the requests' five-second timeout would not."""
    import socket
    import time

    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(8)  # the kernel completes the handshake; nobody ever reads or writes
    try:
        port = hung.getsockname()[1]
        slow = another_app(SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                           SECRET_KEY="x", REDIS_URL=f"redis://127.0.0.1:{port}/0")
        started = time.monotonic()
        code, body = health(slow)
        waited = time.monotonic() - started
    finally:
        hung.close()
    assert (code, body["status"], body["redis"]) == (200, "degraded", "unreachable")
    assert waited < 3, f"/healthz took {waited:.1f} s on a hung Redis"
