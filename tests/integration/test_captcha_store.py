"""Pending captcha answers live on the server (Redis, or the database without it): a solved
captcha logs in once, and resending the browser's earlier cookie does not make it count twice."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CaptchaChallenge, utcnow
from app.notify import worker
from tests.helpers import CAPTCHA, PASSWORD, get_form, make_applicant
from tests.processes import free_port


@pytest.fixture(params=["database", "redis"])
def app_overrides(request):
    if request.param == "redis":
        return {"REDIS_URL": request.getfixturevalue("redis_url")}
    return {"REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://"}


def test_a_replayed_cookie_cannot_reuse_a_solved_captcha(app, client):
    _user, data = make_applicant(app, email="replay@contoh.id")
    token = get_form(client, "/masuk", "login")
    cookie_with_the_challenge = client.get_cookie("session").value
    form = {"csrf_token": token, "identity": data["nik"], "password": PASSWORD,
            "captcha": CAPTCHA}

    first = client.post("/masuk", data=form)
    assert first.status_code == 302 and client.get("/dashboard").status_code == 200

    client.get("/keluar")
    client.set_cookie("session", cookie_with_the_challenge)
    replay = client.post("/masuk", data=form)
    assert replay.status_code == 200
    assert "Kode captcha salah." in replay.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_the_answer_is_kept_in_the_configured_store(app, client):
    get_form(client, "/masuk", "login")
    rows = db.session.scalar(select(func.count()).select_from(CaptchaChallenge))
    redis = app.extensions["eptsp_redis"]
    if redis is None:
        assert rows == 1
    else:
        assert rows == 0
        keys = list(redis.scan_iter(f"{app.config['REDIS_KEY_PREFIX']}:captcha:*"))
        assert len(keys) == 1
        assert 0 < redis.ttl(keys[0]) <= 300  # Redis drops it by itself when it expires


def test_the_worker_purges_expired_database_challenges(app, monkeypatch):
    now = utcnow()
    db.session.add_all([
        CaptchaChallenge(id="expired", digest="0" * 64, expires_at=now - timedelta(seconds=1)),
        CaptchaChallenge(id="waiting", digest="1" * 64, expires_at=now + timedelta(minutes=4)),
    ])
    db.session.commit()
    stop = threading.Event()
    monkeypatch.setattr(worker, "process_due", stop.set)  # one pass of the worker loop
    worker.run_forever(interval=0, stop=stop)
    assert db.session.scalars(select(CaptchaChallenge.id)).all() == ["waiting"]


def test_health_check_reports_an_unreachable_redis(app, another_app, client):
    assert client.get("/healthz").get_json()["status"] == "ok"
    dead = another_app(SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                       SECRET_KEY="x", REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    response = dead.test_client().get("/healthz")
    # degraded, not down: the app serves without Redis (tests/integration/test_h2_healthz.py)
    assert response.status_code == 200 and response.get_json()["redis"] == "unreachable"
