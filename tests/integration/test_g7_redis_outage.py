"""Redis stopping while the service runs (REDIS_URL set): the pages keep working on the embedded
defaults (limits counted per process, captcha answers in the database) instead of answering 500,
so visitors can still track an application, log in and register until Redis is back."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from tests.helpers import CAPTCHA, PASSWORD, get_form, make_applicant
from tests.processes import redis_server


@pytest.fixture
def redis_process(tmp_path):
    stack = ExitStack()
    (tmp_path / "redis").mkdir()
    url = stack.enter_context(redis_server(tmp_path / "redis"))
    yield stack, url
    stack.close()


@pytest.fixture
def app_overrides(redis_process):
    return {"REDIS_URL": redis_process[1]}


def test_pages_and_login_keep_working_when_redis_goes_away(app, client, redis_process):
    _user, data = make_applicant(app, email="tanpa-redis@contoh.id")
    assert client.get("/lacak?resi=ABCD").status_code == 200
    stop_redis, _url = redis_process
    stop_redis.close()  # Redis is gone from here on

    health = client.get("/healthz")  # the node stays in service; monitoring sees the outage
    assert health.status_code == 200 and health.get_json()["status"] == "degraded"
    assert client.get("/healthz?strict=1").status_code == 503
    assert client.get("/lacak?resi=ABCD").status_code == 200
    token = get_form(client, "/masuk", "login")
    form = {"csrf_token": token, "identity": data["email"], "password": PASSWORD,
            "captcha": CAPTCHA}
    response = client.post("/masuk", data=form)
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200


def test_a_captcha_answer_still_counts_once_without_redis(app, client, redis_process):
    _user, data = make_applicant(app, email="sekali@contoh.id")
    redis_process[0].close()
    token = get_form(client, "/masuk", "login")
    cookie_with_the_challenge = client.get_cookie("session").value
    form = {"csrf_token": token, "identity": data["email"], "password": PASSWORD,
            "captcha": CAPTCHA}
    assert client.post("/masuk", data=form).status_code == 302
    client.get("/keluar")
    client.set_cookie("session", cookie_with_the_challenge)
    replay = client.post("/masuk", data=form)
    assert replay.status_code == 200 and "Kode captcha salah." in replay.get_data(as_text=True)


def test_a_wrong_api_token_is_still_refused_401_without_redis(app, client, redis_process):
    headers = {"Authorization": "Bearer eptsp_salah"}
    assert client.get("/api/v1/akun", headers=headers).status_code == 401
    redis_process[0].close()
    for _ in range(3):
        response = client.get("/api/v1/akun", headers=headers)
        assert response.status_code == 401 and response.is_json
