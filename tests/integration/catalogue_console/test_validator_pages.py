"""The catalogue console shows the validator's messages in its page's language: an uploaded
broken workbook's report and the form builder's condition check, in English with their values,
in Indonesian as the checks wrote them (tests/integration/test_validator_texts.py checks every
template)."""

from __future__ import annotations

import re

import pytest

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import broken_workbook, publish_sample, upload, version_count
from tests.integration.catalogue_console.test_catalogue_builder import post
from tests.integration.catalogue_console.test_catalogue_draft import start_draft


def speak(client, language: str):
    client.get(f"/bahasa/{language}", headers={"Referer": "http://localhost/"})
    return client


@pytest.mark.parametrize(("language", "shown", "absent"), [
    ("en", ["The value 'gratis' must be a number.",
            "Unknown token '{tahun}'. Available tokens: {seq}, {year}, {month}"],
     "Nilai 'gratis'"),
    ("id", ["Nilai 'gratis' harus berupa angka.",
            "Token '{tahun}' tidak dikenal. Token yang tersedia: {seq}, {year}, {month}"],
     "The value 'gratis'"),
])
def test_an_uploaded_broken_workbook_is_reported_in_the_pages_language(
        admin, tmp_path, language, shown, absent):
    publish_sample()
    path, planted = broken_workbook(tmp_path / "rusak.xlsx")
    speak(admin, language)
    response = upload(admin, path.read_bytes(), "rusak.xlsx")
    assert response.status_code == 200
    text = page_text(response)
    for message in shown:
        assert message in text
    assert absent not in text
    for sheet, row, column in planted:  # the places stay as they are
        assert re.search(rf"\d+ {sheet} {row} {column}\b", text), (sheet, row, column)
    assert version_count() == 1


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Condition: 'klinik' is not an option of the field 'practice_kind'."),
    ("id", "Syarat: 'klinik' bukan opsi field 'practice_kind'."),
])
def test_the_form_builders_condition_check_speaks_the_pages_language(admin, language, expected):
    publish_sample()
    start_draft(admin)
    page = "/admin/katalog/susun/izin/SIP-DOKTER/"
    speak(admin, language)
    text = page_text(post(admin, "/admin/katalog/susun/izin/SIP-DOKTER/periksa",
                          {"visible_if": "practice_kind == 'klinik'", "field": "faskes"}, page))
    assert expected in text
