"""A workbook downloaded from the console is the whole catalogue: uploaded alone into a
database that has no catalogue (no version, no templates beside it), it publishes version 1
with the same content and the same files (certificate and download templates), and
downloading that again gives the same workbook content — lossless both ways."""

from __future__ import annotations

import catalogue as cat_lib
from app.services import catalogue_store as store
from tests.catalogue_helpers import publish_sample, publish_upload, reset_catalogue, upload


def test_an_exported_workbook_imports_alone_into_an_empty_database(admin, tmp_path):
    publish_sample()
    before = store.current()
    files = store.assets_of(store.current_version())
    assert any(path.startswith("templates/") for path in files)  # something to carry
    exported = admin.get("/admin/katalog/unduh/terkini.xlsx").data

    reset_catalogue()
    assert store.current_version() is None and store.current() is None
    response = upload(admin, exported, "katalog-v1.xlsx")
    assert response.status_code == 302 and response.location.endswith("/unggah/periksa")
    assert publish_upload(admin, note="Dipulihkan dari workbook").status_code == 302

    version = store.current_version()
    assert version is not None and version.number == 1
    assert store.current() == before
    assert store.current().to_dict() == before.to_dict()
    assert store.assets_of(version) == files  # the templates came inside the workbook

    again = tmp_path / "lagi.xlsx"
    again.write_bytes(admin.get("/admin/katalog/unduh/terkini.xlsx").data)
    first = tmp_path / "pertama.xlsx"
    first.write_bytes(exported)
    data_first, issues_first, _s, files_first = cat_lib.read_workbook(first)
    data_again, issues_again, _s, files_again = cat_lib.read_workbook(again)
    assert issues_first == issues_again == []
    assert data_again == data_first and files_again == files_first == files
