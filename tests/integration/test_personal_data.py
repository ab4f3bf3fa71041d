"""Akun > Data Pribadi: the applicant's export opens as a zip whose data.json holds their
profile, applications (with history), files and inbox, and whose files/ hold the stored bytes;
nothing of another applicant; only for the signed-in applicant; served as a sandboxed
attachment."""

from __future__ import annotations

import io
import json
import zipfile

from tests.answer_factory import SAMPLE_BYTES
from tests.helpers import login, make_applicant, make_file, make_submitted, publish_catalogue

URL = "/akun/data-saya.zip"


def test_the_export_holds_the_applicants_data_and_files(app, client):
    publish_catalogue(app)
    user, data = make_applicant(app)
    application = make_submitted(app, user)
    photo = make_file(app, user, "png", "Pas Foto")
    other, _other_data = make_applicant(app)
    make_file(app, other, "pdf", "Milik Orang Lain")
    assert login(client, data["nik"]).status_code == 302

    response = client.get(URL)
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert "no-store" in response.headers["Cache-Control"]

    archive = zipfile.ZipFile(io.BytesIO(response.data))
    response.close()  # as a server does after sending: the temporary file goes with it
    held = json.loads(archive.read("data.json"))
    assert held["account"]["email"] == user.email
    assert held["profile"]["nik"] == data["nik"]
    assert [a["uid"] for a in held["applications"]] == [application.uid]
    assert held["applications"][0]["resi"] == application.resi
    assert any(e["kind"] for e in held["applications"][0]["history"])
    names = {f["name"] for f in held["files"]}
    assert "Pas Foto" in names and "Milik Orang Lain" not in names
    entry = next(f for f in held["files"] if f["name"] == "Pas Foto")
    assert archive.read(entry["path_in_zip"]) == SAMPLE_BYTES["png"]
    assert entry["path_in_zip"] == f"files/{photo.uid}.png"
    assert all(not f.get("missing") for f in held["files"])
    assert sorted(n for n in archive.namelist() if n.startswith("files/")) == sorted(
        f["path_in_zip"] for f in held["files"])
    assert "storage_key" not in json.dumps(held)


def test_only_a_signed_in_applicant_gets_an_export(app, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/masuk" in response.location


def test_the_profile_page_links_to_the_export(app, client):
    _user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    assert f'href="{URL}"' in client.get("/akun/profil").get_data(as_text=True)
