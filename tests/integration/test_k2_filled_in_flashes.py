"""A service's refusal marked where it is raised, N_("... {limit} MB").format(...), reads in
the reader's language on the page that shows it, with its number filled in: also when the
page comes from a web worker that has not run that refusal itself (the flash travels in the
session cookie; gunicorn runs several workers, and a restart empties them all), and when a
console page lists it beside other problems. The Indonesian page is unchanged."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.survey import store as survey_store
from tests.backoffice_helpers import page_text, staff_client
from tests.complaint_helpers import file_visitor, seed_categories
from tests.helpers import csrf_from, login, make_applicant

ROOT = Path(__file__).resolve().parents[2]
# a web worker that starts now: it shows, in `lang`, the flashes a request to another
# worker left in the session, on the login page
FRESH_WORKER = """
import json, re, sys
from config import TestConfig
from app import create_app
app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=sys.argv[1], SECRET_KEY="k2-fresh")
client = app.test_client()
client.get("/bahasa/" + sys.argv[2], headers={"Referer": "http://localhost/"})
with client.session_transaction() as session:
    session["_flashes"] = json.loads(sys.argv[3])
html = client.get("/masuk").get_data(as_text=True)
print(json.dumps(re.findall(r'<div class="alert alert-\\w+[^"]*" role="alert">\\s*([^<]*)<', html)))
"""


def flashes_of(client) -> list:
    with client.session_transaction() as session:
        return [list(item) for item in session.get("_flashes", [])]


def shown_by_fresh_worker(database_url: str, flashes: list, lang: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", FRESH_WORKER, database_url, lang,
                           json.dumps(flashes)], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return [text.strip() for text in json.loads(done.stdout.strip().splitlines()[-1])]


@pytest.fixture
def applicant(app, client):
    _user, data = make_applicant(app, email="foto-k2@contoh.id")
    login(client, data["nik"])
    app.config["PHOTO_MAX_MB"] = 1
    return client


def too_big_photo(client, follow: bool = True):
    """Posts a 2 MB photo."""
    token = csrf_from(client.get("/akun/profil").get_data(as_text=True))
    return client.post("/akun/foto", follow_redirects=follow, data={
        "csrf_token": token, "photo": (io.BytesIO(b"\xff\xd8" + b"0" * (2 << 20)), "besar.jpg")})


def test_a_flash_reads_in_english_on_a_worker_that_did_not_refuse_it(app, applicant,
                                                                     database_url):
    """The photo's limit, written by this worker, shown by a worker just started."""
    assert too_big_photo(applicant, follow=False).status_code == 302
    flashes = flashes_of(applicant)
    assert flashes == [["danger", "Ukuran foto maksimal 1 MB"]]
    assert shown_by_fresh_worker(database_url, flashes, "en") == [
        "The photo can be at most 1 MB"]
    assert shown_by_fresh_worker(database_url, flashes, "id") == ["Ukuran foto maksimal 1 MB"]


def test_a_too_long_reopening_reason_reads_in_english(app, database_url):
    seed_categories(app)
    complaint = file_visitor(app)
    helpdesk, _user = staff_client(app, "Helpdesk")
    base = f"/admin/pengaduan/{complaint.ticket}"
    page = helpdesk.get(base).get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "text": "x" * 301,
            "terakhir": re.search(r'name="terakhir" value="(\d+)"', page).group(1)}
    assert "Alasan terlalu panjang (maksimal 300 karakter)." in page_text(
        helpdesk.post(f"{base}/buka-kembali", data=form))
    helpdesk.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = page_text(helpdesk.post(f"{base}/buka-kembali", data=form))
    assert "The reason is too long (at most 300 characters)." in english
    # as another worker shows it
    flash = [["danger", "Alasan terlalu panjang (maksimal 300 karakter)."]]
    assert shown_by_fresh_worker(database_url, flash, "en") == [
        "The reason is too long (at most 300 characters)."]


def test_an_unchanged_questionnaire_is_refused_in_the_readers_language(app):
    survey_store.publish(json.loads(survey_store.SAMPLE.read_text()), source="contoh")
    admin, _user = staff_client(app, "Super Admin")

    def send_back_version_1():
        page = admin.get("/admin/ikm/kuesioner").get_data(as_text=True)
        return page_text(admin.post("/admin/ikm/kuesioner", data={
            "csrf_token": csrf_from(page),
            "file": (io.BytesIO(admin.get("/admin/ikm/kuesioner/1.json").data), "v1.json")}))

    assert "Tidak ada perubahan dibanding versi 1." in send_back_version_1()
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = send_back_version_1()
    assert "No changes compared with version 1." in english, english[:1500]
    assert "Tidak ada perubahan" not in english
