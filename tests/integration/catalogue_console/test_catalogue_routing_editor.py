"""The routing editor as a catalogue admin uses it: a new routing opens in the step editor,
steps are added forwards (an action may point at a step still to be written), the checks say
what the routing graph really finds, and the page names things in the reader's language."""

from __future__ import annotations

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import publish_sample
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
