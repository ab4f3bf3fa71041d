"""A requirement's formats in the console: only what the upload service accepts is saved."""

from __future__ import annotations

import re

from app.services import catalogue_console as console
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample

URL = "/admin/katalog/draf/izin/SIPA/persyaratan/_baru"


def _post(admin, formats: str):
    admin.post("/admin/katalog/draf/mulai",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    return admin.post(URL, data={
        "csrf_token": csrf(admin, URL), "key": "daftar_alat", "name_id": "Daftar Alat",
        "required": "y", "formats": formats, "max_mb": "5"})


def _requirement_keys() -> set[str]:
    permit = console.draft_item(console.KINDS["izin"], "SIPA")
    return {r["key"] for r in permit["requirements"]}


def test_a_format_the_upload_refuses_is_refused_next_to_its_input_keeping_the_text(admin):
    publish_sample()
    response = _post(admin, "pdf, docx")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    error = re.search(r'data-error-for="formats">([^<]*)<', html).group(1)
    assert error.startswith("Format berkas &#39;docx&#39; tidak dapat diunggah pemohon; "
                            "pilihan: pdf, jpg, jpeg, png, gif, dwg, kmz, xlsx.")
    assert 'value="pdf, docx"' in html
    assert "daftar_alat" not in _requirement_keys()


def test_the_form_names_the_formats_an_applicant_can_upload(admin):
    publish_sample()
    admin.post("/admin/katalog/draf/mulai",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    shown = page_text(admin.get(URL))
    assert "Format yang dapat diunggah pemohon: pdf, jpg, jpeg, png, gif, dwg, kmz, xlsx." in shown


def test_accepted_formats_are_saved(admin):
    publish_sample()
    response = _post(admin, "pdf, XLSX")
    assert response.status_code == 302
    assert "daftar_alat" in _requirement_keys()
