"""What the page's scripts say comes from the server, in the reader's language: the upload
checks word their refusals as the server does (app/services/files.py), the password meter
gets its lengths, rules and labels from app/passwords.py, and a page hands over the texts of
every script it loads."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app import i18n, passwords
from app.services import files
from tests.helpers import csrf_from, fill_draft, login, make_applicant, publish_catalogue

ENGLISH = {
    "upload": {"format": "Files of type .{ext} are not accepted. Use: {formats}.",
               "size": "The file is larger than the {limit} limit.",
               "new": "Upload new", "uploaded": "Uploaded: {name}"},
    "password": {"too_short": "Use at least 12 characters for the password",
                 "labels": ["Very weak", "Weak", "Fair", "Strong"],
                 "strength": "Password strength: {label}"},
}
# a page, the scripts it loads that read texts, and the groups they read
PAGES = [("/masuk", ("password-meter.js",), ("password",)),
         ("/staff/login", ("password-meter.js",), ("password",)),
         ("/daftar/perorangan", ("password-meter.js", "account.js"), ("password", "email_code")),
         ("/akun/password", ("password-meter.js",), ("password",)),
         ("/file-saya", ("upload-rules.js", "file-upload.js"), ("upload",)),
         ("/file-saya/unggah", ("upload-rules.js", "file-upload.js"), ("upload",))]


def speak(client, language: str):
    client.get(f"/bahasa/{language}", headers={"Referer": "http://localhost/"})
    return client


def handed_over(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="script-texts" nonce="[^"]+">'
                      r"(.*?)</script>", html, re.S)
    assert found, "the page hands its scripts no texts"
    return json.loads(found.group(1))


def scripts(html: str) -> list[str]:
    return re.findall(r'<script nonce="[^"]+" src="[^"]*/js/([\w-]+\.js)[^"]*"', html)


@pytest.fixture
def applicant(app, client):
    _user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    return client


@pytest.mark.parametrize(("path", "readers", "groups"), PAGES)
def test_a_page_hands_its_scripts_the_texts_they_read_before_loading_them(
        app, applicant, path, readers, groups):
    visitor = applicant if path.startswith(("/akun", "/file-saya")) else app.test_client()
    html = visitor.get(path).get_data(as_text=True)
    assert set(handed_over(html)) == set(groups)
    loaded = scripts(html)
    for reader in readers:
        assert loaded.index("texts.js") < loaded.index(reader), loaded


@pytest.mark.parametrize(("step", "readers", "groups"), [
    ("lokasi", ("map-picker.js",), ("map",)),
    ("detail", ("map-picker.js", "upload-rules.js", "doc-slots.js"), ("map", "upload"))])
def test_the_wizard_hands_its_scripts_their_texts(app, client, step, readers, groups):
    publish_catalogue(app)
    user, data = make_applicant(app)
    draft = fill_draft(app, user, "SIP-DOKTER")
    assert login(client, data["nik"]).status_code == 302
    html = client.get(f"/permohonan/{draft.uid}/langkah/{step}").get_data(as_text=True)
    assert set(handed_over(html)) == set(groups)
    loaded = scripts(html)
    for reader in readers:
        assert loaded.index("texts.js") < loaded.index(reader), loaded


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_scripts_texts_are_in_the_readers_language(applicant, language):
    upload = handed_over(speak(applicant, language).get("/file-saya").get_data(as_text=True))
    password = handed_over(applicant.get("/akun/password").get_data(as_text=True))
    got = {"upload": upload["upload"], "password": password["password"]}
    if language == "id":  # the server's own words, as it refuses an upload or a password
        assert got["upload"]["format"] == files.MSG_FORMAT
        assert got["upload"]["size"] == files.MSG_SIZE
        assert got["password"]["too_short"] == passwords.MSG_MIN_LENGTH
        assert got["password"]["labels"] == list(passwords.STRENGTH_LABELS)
        return
    for group, texts in ENGLISH.items():
        for key, text in texts.items():
            assert got[group][key] == text, (group, key)


def test_the_meter_measures_with_the_servers_lengths(applicant):
    rule = handed_over(applicant.get("/akun/password").get_data(as_text=True))["password"]
    assert (rule["min_length"], rule["max_length"], rule["strong_length"],
            rule["nearly_length"]) == (passwords.MIN_LENGTH, passwords.MAX_LENGTH,
                                       passwords.STRONG_LENGTH, passwords.NEARLY_LENGTH)


def test_the_server_refuses_an_upload_in_the_words_the_script_was_given(applicant):
    """Same template, filled by the server: what the browser says first and what the
    server says when the browser's check is skipped agree."""
    page = applicant.get("/file-saya/unggah").get_data(as_text=True)
    answer = applicant.post("/file-saya/unggah", data={
        "csrf_token": csrf_from(page), "name": "Program",
        "file": (io.BytesIO(b"MZ" + b"\0" * 64), "program.exe")},
        headers={"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"})
    assert answer.status_code == 400
    expected = files.MSG_FORMAT.format(ext="exe", formats="PDF, JPG, PNG, GIF, DWG, KMZ, XLSX")
    assert answer.get_json()["error"] == expected


@pytest.mark.parametrize(("language", "message"), [
    ("en", "Use at least 12 characters for the password"),
    ("id", "Gunakan minimal 12 karakter untuk Password")])
def test_a_refused_password_is_said_in_the_readers_language(applicant, language, message):
    """The server's own refusal under the field (pesan marks N_ texts): it was Indonesian on
    the English page."""
    page = speak(applicant, language).get("/akun/password").get_data(as_text=True)
    answer = applicant.post("/akun/password", data={
        "csrf_token": csrf_from(page), "old_password": "salah", "new_password": "pendek",
        "new_password_confirm": "pendek"})
    html = answer.get_data(as_text=True)
    errors = re.findall(r'data-error-for="new_password">([^<]*)<', html)
    assert message in errors, errors


SAMPLES = ["", "a", "abc", "password", "Password", "Password1", "Abcdefgh1", "Abcdefghij1!",
           "Abcdefghijklmno1", "Abcdefghij12", "abcdefghijk", "abcdefghijkl", "😀" * 12,
           "ÄÖÜäöü12", "ПарольДлинный7", "Ab9" + "x" * 126,
           "Ab9" + "😀" * 10, "ABCDEFGH١٢", "ǅungla12345!", "Tebak Ini 9x"]
JS = Path(__file__).resolve().parents[2] / "static" / "js"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_javascript_meter_judges_as_the_server_does(app, language):
    """password-meter.js, given what a page hands it (script_texts), scores and words every
    sample as app/passwords.py does, in the page's language (node runs the real scripts)."""
    from app.script_texts import script_texts

    with app.test_request_context(f"/?_l_={language}"):
        block = str(script_texts("password"))
        expected = [[passwords.strength(p), [i18n.marked_in(m, language)
                                             for m in passwords._rule_problems(p)]]
                    for p in SAMPLES]
    data = re.search(r">(.*)</script>", block, re.S).group(1)
    harness = (
        "global.window = global; const box = {textContent: " + json.dumps(data) + "};"
        "global.document = {addEventListener() {}, documentElement: {lang: "
        + json.dumps(language) + "}, getElementById: (id) => id === 'script-texts' ? box : null};"
        f"require({json.dumps(str(JS / 'texts.js'))});"
        f"require({json.dumps(str(JS / 'password-meter.js'))});"
        f"const s = {json.dumps(SAMPLES)};"
        "console.log(JSON.stringify(s.map(p => [EptspPassword.strength(p),"
        " EptspPassword.problems(p)])));"
    )
    out = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == expected
    if language == "en":
        assert expected[1][1] == ["Use at least 12 characters for the password"]


@pytest.mark.parametrize(("language", "refusal"), [
    ("en", "Files of type .exe are not accepted. Use: PDF, JPG, PNG, GIF, DWG, KMZ, XLSX."),
    ("id", "Format berkas .exe tidak diterima. Gunakan: PDF, JPG, PNG, GIF, DWG, KMZ, XLSX.")])
def test_the_servers_filled_in_refusal_reads_in_the_readers_language(
        applicant, language, refusal):
    """A marked template the service filled in (app.i18n.marked_in finds it and puts its
    values into the translation): the upload's JSON answer and the plain form's page."""
    page = speak(applicant, language).get("/file-saya/unggah").get_data(as_text=True)

    def upload(**headers):
        return applicant.post("/file-saya/unggah", data={
            "csrf_token": csrf_from(page), "name": "Program",
            "file": (io.BytesIO(b"MZ" + b"\0" * 64), "program.exe")}, headers=headers)

    as_json = upload(Accept="application/json", **{"X-Requested-With": "XMLHttpRequest"})
    assert as_json.status_code == 400 and as_json.get_json()["error"] == refusal
    plain = upload().get_data(as_text=True)
    assert re.search(r'data-error-for="file">([^<]*)<', plain).group(1) == refusal


def test_a_filled_in_template_is_found_and_only_a_whole_match_counts(app):
    with app.test_request_context("/"):
        filled = files.MSG_SIZE.format(limit="2,5 MB")
        assert i18n.marked_in(filled, "en") == "The file is larger than the 2,5 MB limit."
        assert i18n.marked_in(filled, "id") == filled
        assert i18n.marked_in("Sebelum: " + filled, "en") == "Sebelum: " + filled
        assert i18n.marked_in("Teks lain.", "en") == "Teks lain."


def test_a_value_the_catalogue_translates_is_translated_inside_the_template(app):
    from app.services import transitions

    with app.test_request_context("/"):
        refused = transitions.Transition.refused.format(status="Dalam Proses")
        assert i18n.marked_in(refused, "en") == (
            "The application's status is In Process; this action cannot be taken.")
