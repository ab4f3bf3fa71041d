"""`make run`'s links: e-mails and receipts point to where the server listens when the
operator gave no PUBLIC_BASE_URL (a run on another port sent links to port 5000)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "serve_local.py"
spec = importlib.util.spec_from_file_location("serve_local", SCRIPT)
serve_local = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve_local)


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "http://127.0.0.1:5000"),
    ({"WEB_BIND": "127.0.0.1:5201"}, "http://127.0.0.1:5201"),
    ({"WEB_BIND": "0.0.0.0:8080, unix:/run/eptsp.sock"}, "http://127.0.0.1:8080"),
    ({"WEB_BIND": "[::1]:5300"}, "http://[::1]:5300"),
    ({"WEB_BIND": "unix:/run/eptsp.sock"}, None),
    ({"WEB_BIND": "127.0.0.1:5201", "PUBLIC_BASE_URL": "https://izin.example.go.id"}, None),
])
def test_links_follow_the_address_served(env, expected):
    assert serve_local.public_base_url(env) == expected
