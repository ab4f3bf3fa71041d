"""What an operator reads from the `flask --app run` commands: help in Indonesian like the rest
of the command line, a refused staff account named by the options to fix, and no library chatter
on standard error."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.processes import BIN, ROOT, server_env


def test_a_refused_staff_account_names_the_options_to_fix(runner, catalogue):
    result = runner.invoke(args=["users", "create", "--role", "Kepala Gudang", "--agency", "XXX",
                                 "--email", "bukan-email", "--password", "pendek"])
    assert result.exit_code == 1
    assert "--role: Pilih minimal satu peran staf yang dikenal (tidak dikenal: Kepala Gudang)" \
        in result.output
    assert "--agency: Pilih instansi dari katalog yang berlaku." in result.output
    assert "--email:" in result.output and "--password:" in result.output
    assert "ditandai merah" not in result.output  # the web form's wording
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "shown", "not_shown"), [
    (["users", "--help"], "Buat akun staf", "A staff account"),
    (["users", "--help"], "Nonaktifkan akun staf atau pemohon", "Ends the account's"),
    (["--help"], "Peran dan hak akses", "Roles and permissions"),
    (["worker", "--help"], "Jeda antarputaran (detik)", "Send outbox messages"),
    (["catalogue", "--help"], "Periksa lalu terbitkan", "Validate and publish"),
    (["survey", "--help"], "Daftar versi kuesioner", "Validate and publish"),
    (["signing", "dev-ca", "--help"], "kunci sungguhan", "Safe to run"),
    (["reports", "--help"], "Antrekan rekap bulan lalu", "Recount every"),
    (["storage", "cleanup", "--help"], "Hapus objek tersimpan", "Remove stored objects"),
    (["api-token", "--help"], "Cabut token menurut namanya", "Revoke a token"),
])
def test_command_help_reads_in_indonesian(runner, args, shown, not_shown):
    result = runner.invoke(args=args)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert shown in text and not_shown not in text


ENGLISH = re.compile(r"\b(the|and|of|from|every|with|is|are|to|or|by|an|its|it|never|once|"
                     r"unless|which)\b")
CLICK_OWN = "Show this message and exit."  # click's text, the same for every command


def _help_screens(runner, group, path=()):
    """(command path, the text `flask ... --help` prints) for `group` and every command in it."""
    result = runner.invoke(args=[*path, "--help"])
    assert result.exit_code == 0, result.output
    yield " ".join(path), result.output.replace(CLICK_OWN, "")
    for name, command in getattr(group, "commands", {}).items():
        yield from _help_screens(runner, command, (*path, name))


def test_every_command_of_ours_explains_itself_in_indonesian(app, runner):
    """Group, command and option help of every `flask` command the app adds (Flask-Migrate's
    `db` is the library's own); option names such as --from are not words."""
    english = {}
    for name, group in app.cli.commands.items():
        if name == "db":
            continue
        for path, text in _help_screens(runner, group, (name,)):
            words = ENGLISH.findall(re.sub(r"--?[\w-]+", "", text))
            if words:
                english[path] = sorted(set(words))
    assert english == {}


def test_a_command_prints_nothing_on_stderr_when_all_is_well(served_sqlite, tmp_path):
    result = subprocess.run([str(BIN / "flask"), "--app", "run", "users", "--help"], cwd=ROOT,
                            env=server_env(served_sqlite, tmp_path), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("args", [["users", "deactivate", "--email", "a@contoh.id"],
                                  ["setup"], ["catalogue", "versions"]])
def test_a_command_before_db_upgrade_says_to_run_it(tmp_path, args):
    env = server_env(f"sqlite:///{tmp_path / 'kosong.db'}", tmp_path)
    result = subprocess.run([str(BIN / "flask"), "--app", "run", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "flask --app run db upgrade" in result.stderr
    assert "Traceback" not in result.stderr and "ab_role" not in result.stderr


def test_every_new_app_leaves_each_command_wrapped_once(app):
    """The commands are module-level objects that every create_app registers again; wrapping
    them anew each time nested the wrappers until a test worker's thousandth app hit
    RecursionError in `flask setup`."""
    from app import create_app
    from config import TestConfig

    for _ in range(3):
        create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                   SECRET_KEY="test-secret-key")
    callback = app.cli.commands["setup"].callback
    assert getattr(callback, "explains_missing_schema", False)
    assert not getattr(callback.__wrapped__, "explains_missing_schema", False)
