"""Settings that cannot work stop `flask --app run ...` and gunicorn before they serve anything,
with one plain line per problem and exit status 4, never a traceback and never the value (a
DATABASE_URL holds a password). gunicorn's master stops on status 4 instead of restarting its
workers forever, and the systemd unit does not restart it (test_deploy_files.py)."""

from __future__ import annotations

import subprocess

import pytest

from tests.processes import BIN, ROOT, Gunicorn, server_env

PASSWORD = "Rahasia-DB-9x"


def flask_command(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "flask"), "--app", "run", "users", "--help"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("settings", "named"), [
    ({"SECRET_KEY": "change-me"}, "SECRET_KEY"),
    ({"DATABASE_URL": f"postgres//eptsp:{PASSWORD}@db.example/eptsp"}, "DATABASE_URL"),
    ({"DATABASE_URL": f"postgres://eptsp:{PASSWORD}@db.example/eptsp"}, "DATABASE_URL"),
    ({"UPLOAD_MAX_MB": "50MB"}, "UPLOAD_MAX_MB"),
    ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET"),
    ({"REDIS_URL": f"http://:{PASSWORD}@127.0.0.1:6379"}, "REDIS_URL"),
])
def test_a_command_refuses_unusable_settings_plainly(served_sqlite, tmp_path, settings, named):
    result = flask_command(server_env(served_sqlite, tmp_path, **settings))
    output = result.stdout + result.stderr
    assert result.returncode == 4, output
    assert "E-PTSP tidak dijalankan" in result.stderr and named in result.stderr
    assert "Traceback" not in output and PASSWORD not in output and "change-me" not in output


def test_several_problems_are_listed_together(served_sqlite, tmp_path):
    result = flask_command(server_env(served_sqlite, tmp_path, SECRET_KEY="change-me",
                                      WHATSAPP_TIMEOUT="15s", PHOTO_MAX_MB="lima"))
    assert result.returncode == 4
    lines = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert sorted(line.split()[1] for line in lines) == ["PHOTO_MAX_MB", "SECRET_KEY",
                                                         "WHATSAPP_TIMEOUT"]


def test_usable_settings_still_start(served_sqlite, tmp_path):
    result = flask_command(server_env(served_sqlite, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "create" in result.stdout


def test_gunicorn_stops_on_unusable_settings_instead_of_restarting_workers(served_sqlite,
                                                                            tmp_path):
    web = Gunicorn(server_env(served_sqlite, tmp_path, SECRET_KEY="change-me"), tmp_path)
    web.start()
    assert web.process.wait(timeout=60) == 4
    output = web.output.read_text()
    assert "SECRET_KEY masih contoh" in output and "App failed to load" in output
    assert "Traceback" not in output
