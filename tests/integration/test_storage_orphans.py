"""An object stored for a row that never commits is deleted with the rolled-back transaction:
a signed permit whose issuance fails at the database, an upload whose row is refused. The
database refuses for real (a trigger on the table, as a full disk or a constraint would),
and the request fails as it would in production. Both storage backends."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select, text

from app import storage
from app.extensions import db
from app.models import Application, IssuedPermit, NumberSequence, StoredFile
from tests.answer_factory import SAMPLE_BYTES
from tests.backoffice_helpers import act, staff_client
from tests.helpers import (
    csrf_from,
    login,
    make_applicant,
    make_submitted,
    publish_catalogue,
    verifier_forwards,
)

STORAGE_BACKENDS = ("local", "s3")


@pytest.fixture
def refuse_inserts(app):
    """Makes the database refuse new rows of one table until the test ends."""
    made = []

    def refuse(table: str) -> None:
        name = f"refuse_{table}"
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                                  "RAISE EXCEPTION 'penyimpanan basis data penuh'; END $$ "
                                  "LANGUAGE plpgsql"))
                conn.execute(text(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} "
                                  f"FOR EACH ROW EXECUTE FUNCTION {name}()"))
            else:
                conn.execute(text(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} BEGIN "
                                  "SELECT RAISE(ABORT, 'penyimpanan basis data penuh'); END"))
        made.append((name, table))

    yield refuse
    db.session.rollback()
    with db.engine.begin() as conn:
        for name, table in made:
            conn.execute(text(f"DROP TRIGGER {name}" + (
                f" ON {table}" if conn.dialect.name == "postgresql" else "")))
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"DROP FUNCTION {name}()"))


def stored(prefix: str) -> list[str]:
    return [info.key for info in storage.current().list(prefix)]


def test_a_permit_whose_issuance_fails_to_commit_leaves_no_pdf(app, refuse_inserts):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    application = verifier_forwards(app, make_submitted(app, person, "IZIN-PENELITIAN"))
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    refuse_inserts("issued_permit")
    with pytest.raises(Exception, match="penyimpanan basis data penuh"):
        act(signer, application.uid, "terbitkan")
    db.session.expire_all()
    assert db.session.scalar(select(func.count(IssuedPermit.id))) == 0
    assert db.session.get(Application, application.id).status == "in_process"
    assert stored("permits/") == []
    given_back = db.session.scalar(select(NumberSequence.last_value).where(
        NumberSequence.scope == "permit", NumberSequence.permit_code == "IZIN-PENELITIAN"))
    assert not given_back  # the number went back with the rollback too


def test_a_permit_that_commits_keeps_its_pdf(app):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    application = verifier_forwards(app, make_submitted(app, person, "IZIN-PENELITIAN"))
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    assert act(signer, application.uid, "terbitkan").status_code == 302
    permit = db.session.scalar(select(IssuedPermit))
    assert stored("permits/") == [permit.storage_key]
    assert storage.current().read_bytes(permit.storage_key).startswith(b"%PDF-")


def test_an_upload_whose_row_is_refused_leaves_no_file(app, client, refuse_inserts):
    _user, data = make_applicant(app)
    login(client, data["nik"])
    token = csrf_from(client.get("/file-saya/unggah").get_data(as_text=True))
    refuse_inserts("stored_file")
    with pytest.raises(Exception, match="penyimpanan basis data penuh"):
        client.post("/file-saya/unggah", content_type="multipart/form-data", data={
            "csrf_token": token, "name": "KTP",
            "file": (io.BytesIO(SAMPLE_BYTES["pdf"]), "ktp.pdf")})
    db.session.expire_all()
    assert db.session.scalar(select(func.count(StoredFile.id))) == 0
    assert stored("files/") == []
