"""The backup an operator takes with `flask backup create` (README, "Cadangan dan pemulihan"),
restored by copying its pieces into a fresh instance folder, gives a service with the same
accounts and the same stored files, while the original is gone."""

from __future__ import annotations

import io
import shutil
import subprocess

from tests.helpers import make_applicant
from tests.processes import BIN, ROOT, migrate_sqlite, server_env

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EMAIL = "cadangan@contoh.id"


def _service(another_app, folder):
    return another_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'eptsp.db'}",
                       UPLOAD_DIR=str(folder / "uploads"), STORAGE_BACKEND="local",
                       SECRET_KEY="test-secret-key")


def _backup(source, target) -> subprocess.CompletedProcess:
    env = server_env(f"sqlite:///{source / 'eptsp.db'}", source)
    return subprocess.run([str(BIN / "flask"), "--app", "run", "backup", "create", str(target)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_a_restored_backup_serves_the_same_accounts_and_files(another_app, tmp_path):
    from app import storage
    from app.cli import sync_roles
    from app.services import files

    source, backup, restored = tmp_path / "source", tmp_path / "backup", tmp_path / "restored"
    source.mkdir()
    migrate_sqlite(source / "eptsp.db")
    running = _service(another_app, source)  # still open while the backup is taken
    with running.app_context():
        sync_roles()  # `flask setup`
        user, _data = make_applicant(running, email=EMAIL)
        stored = files.save_upload(user.id, files.Upload(io.BytesIO(PDF), "akta.pdf"))
        user_id, uid = user.id, stored.uid

        result = _backup(source, backup)
        assert result.returncode == 0, result.stderr
        assert "Cadangan selesai" in result.stdout
    assert oct((backup / "eptsp.db").stat().st_mode & 0o777) == "0o600"

    restored.mkdir()  # the documented restore: the database file and the uploads folder
    shutil.copy2(backup / "eptsp.db", restored / "eptsp.db")
    shutil.copytree(backup / "uploads", restored / "uploads")
    shutil.rmtree(source)

    service = _service(another_app, restored)
    with service.app_context():
        from app.services.users import find_applicant

        assert find_applicant(EMAIL).id == user_id
        again = files.get_owned(user_id, uid)
        assert storage.current().read_bytes(again.storage_key) == PDF


def test_a_backup_never_overwrites_an_earlier_one(tmp_path):
    source, backup = tmp_path / "source", tmp_path / "backup"
    source.mkdir()
    migrate_sqlite(source / "eptsp.db")
    backup.mkdir()
    (backup / "eptsp.db").write_bytes(b"kemarin")
    result = _backup(source, backup)
    assert result.returncode == 1 and "sudah berisi" in result.stderr
    assert (backup / "eptsp.db").read_bytes() == b"kemarin"
