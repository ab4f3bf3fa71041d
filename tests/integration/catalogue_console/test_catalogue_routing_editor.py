"""The routing editor as a catalogue admin uses it: a new routing opens in the step editor,
steps are added forwards (an action may point at a step still to be written), the checks say
what the routing graph really finds, and the page names things in the reader's language."""

from __future__ import annotations

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import start_draft

EDITOR = "/admin/katalog/atur/alur/rekomendasi-paralel/"


def test_the_english_editor_names_steps_and_actions_in_english(admin):
    publish_sample()
    start_draft(admin)
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    text = page_text(admin.get(EDITOR))
    assert "Document Verification" in text and "Approval and Electronic Signature" in text
    assert "Verifikasi Berkas" not in text
    assert "Forward → " in text  # the action's English name
    form = page_text(admin.get(EDITOR + "langkah/_baru"))
    assert "Document Verification (verifikasi)" in form


def test_a_new_routing_opens_in_its_step_editor(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/draf/alur/_baru"
    saved = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "izin-cepat",
                                  "name_id": "Izin Cepat", "steps_json": "[]"})
    assert saved.status_code == 302
    assert saved.location.endswith("/admin/katalog/atur/alur/izin-cepat/")
    text = page_text(admin.get(saved.location))
    assert "Alur izin-cepat dibuat di draf. Tambahkan langkah-langkahnya." in text
    assert "Tambahkan minimal satu langkah" in text
