"""Step 5's document cards say which documents must be uploaded and which may be, before an
error does, by the same rule step 1's requirement list uses."""

import re

from tests.catalogue_helpers import unseen_catalogue
from tests.helpers import login_new_applicant, publish_catalogue
from tests.wizard_client import fill_and_submit, step_url


def need_of(html: str) -> dict[str, str]:
    cards = re.findall(r'data-doc-slot="([^"]+)".*?data-need="([^"]+)"', html, re.S)
    return dict(cards)


def test_each_document_card_is_marked_required_or_optional(app, client):
    data = unseen_catalogue()
    publish_catalogue(app, data)
    login_new_applicant(app, client)
    uid = fill_and_submit(client, app, data["permits"][0], "izin_awal", submit=False)
    html = client.get(step_url(uid, "detail")).get_data(as_text=True)
    assert need_of(html) == {"gambar_teknis": "wajib", "persetujuan_warga": "opsional"}
    assert ">wajib</span>" in html and ">opsional</span>" in html
    client.get("/bahasa/en")
    english = client.get(step_url(uid, "detail")).get_data(as_text=True)
    assert ">required</span>" in english and ">optional</span>" in english


def test_step_one_still_marks_only_the_optional_requirement(app, client):
    data = unseen_catalogue()
    publish_catalogue(app, data)
    login_new_applicant(app, client)
    html = client.get("/permohonan/baru?agency=DISKOMINFO&permit=IZIN-MENARA-TELKOM"
                      "&application_type=izin_awal").get_data(as_text=True)
    listed = html.split('id="requirement-list"')[1].split("</ol>")[0]
    assert re.findall(r'data-need="([^"]+)"', listed) == ["opsional"]
    assert "Persetujuan Warga Sekitar" in listed
