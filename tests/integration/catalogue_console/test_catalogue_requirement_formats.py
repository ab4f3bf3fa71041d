"""A requirement's formats in the console: a checkbox per kind the upload service accepts
(catalogue/file_kinds.py), saved as the list the catalogue keeps; a format of old data that
no upload accepts is still shown, ticked, with its refusal, and is never saved again."""

from __future__ import annotations

import re

from app.services import catalogue_console as console
from catalogue.file_kinds import FILE_KINDS
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample

URL = "/admin/katalog/draf/izin/SIPA/persyaratan/_baru"
IZIN = console.KINDS["izin"]


def _start(admin) -> None:
    publish_sample()
    admin.post("/admin/katalog/draf/mulai",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})


def _post(admin, url: str, formats: list[str], key: str = "daftar_alat"):
    return admin.post(url, data={
        "csrf_token": csrf(admin, url), "key": key, "name_id": "Daftar Alat",
        "required": "y", "formats": formats, "max_mb": "5"})


def _boxes(html: str) -> dict[str, tuple[str, bool]]:
    """value -> (label, ticked) of the formats checkboxes."""
    found = {}
    for tag, label in re.findall(r'(<input[^>]*name="formats"[^>]*>)\s*<label[^>]*>([^<]*)<',
                                 html):
        value = re.search(r'value="([^"]*)"', tag).group(1)
        found[value] = (label.strip(), " checked" in tag)
    return found


def _requirement(key: str) -> dict | None:
    permit = console.draft_item(IZIN, "SIPA")
    return next((r for r in permit["requirements"] if r["key"] == key), None)


def test_the_form_offers_a_checkbox_per_format_an_applicant_can_upload(admin):
    _start(admin)
    html = admin.get(URL).get_data(as_text=True)
    assert _boxes(html) == {kind: (kind.upper(), False) for kind in FILE_KINDS}
    assert 'name="formats" type="text"' not in html and 'id="formats" name="formats"' not in html
    assert "Centang format yang dapat diunggah pemohon." in page_text(admin.get(URL))


def test_ticked_formats_are_saved_as_the_catalogue_list_and_shown_ticked(admin):
    _start(admin)
    response = _post(admin, URL, ["pdf", "xlsx"])
    assert response.status_code == 302
    assert _requirement("daftar_alat")["formats"] == ["pdf", "xlsx"]
    boxes = _boxes(admin.get(response.location).get_data(as_text=True))
    assert [v for v, (_label, ticked) in boxes.items() if ticked] == ["pdf", "xlsx"]


def test_no_format_ticked_is_refused_next_to_the_checklist(admin):
    _start(admin)
    response = _post(admin, URL, [])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'data-error-for="formats">Pilih minimal satu format berkas\.<', html)
    assert 'value="daftar_alat"' in html  # what was typed is kept
    assert _requirement("daftar_alat") is None


def test_a_format_of_old_data_is_shown_ticked_with_its_refusal_until_unticked(admin):
    _start(admin)
    key = console.draft_item(IZIN, "SIPA")["requirements"][0]["key"]
    old = dict(_requirement(key), formats=["pdf", "docx"])
    console.save_child(IZIN, "SIPA", "requirements", "key", key, old, None)
    url = f"/admin/katalog/draf/izin/SIPA/persyaratan/{key}"

    html = admin.get(url).get_data(as_text=True)
    boxes = _boxes(html)
    assert boxes["docx"] == ("DOCX", True) and boxes["pdf"] == ("PDF", True)
    refusal = ("Format berkas &#39;docx&#39; tidak dapat diunggah pemohon; pilihan: pdf, jpg, "
               "jpeg, png, gif, dwg, kmz, xlsx.")
    assert re.search(r'data-issue-for="formats">[^<]*<i[^>]*></i> ' + re.escape(refusal), html)

    kept = _post(admin, url, ["pdf", "docx"], key=key)
    assert kept.status_code == 200
    html = kept.get_data(as_text=True)
    assert re.search(r'data-error-for="formats">' + re.escape(refusal), html)
    assert _boxes(html)["docx"] == ("DOCX", True)

    assert _post(admin, url, ["pdf"], key=key).status_code == 302
    assert _requirement(key)["formats"] == ["pdf"]
    assert "docx" not in _boxes(admin.get(url).get_data(as_text=True))
