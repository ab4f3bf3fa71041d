"""The permit editor sets the renewal window beside the permit's other general settings:
what is typed is saved to the draft, empty means no limit, and a value the catalogue would
refuse is refused next to its field."""

from __future__ import annotations

import re

from app.services import catalogue_console as console
from tests.catalogue_helpers import publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import form_values, start_draft

URL = "/admin/katalog/draf/izin/SIPA"
TYPES = ["baru", "perpanjangan", "perubahan"]


def saved() -> dict:
    return console.draft_item(console.KINDS["izin"], "SIPA")


def test_the_permit_editor_sets_and_clears_the_renewal_window(admin):
    publish_sample()
    start_draft(admin)
    html = admin.get(URL).get_data(as_text=True)
    values = dict(form_values(html), application_types=TYPES)
    assert values["renewal_window_days_before"] == "90"
    assert values["renewal_grace_days_after"] == "0"
    assert "Perpanjangan paling cepat (hari sebelum masa berlaku berakhir)" in html

    response = admin.post(URL, data=dict(values, renewal_window_days_before="60",
                                         renewal_grace_days_after="14"))
    assert response.status_code == 302
    assert (saved()["renewal_window_days_before"], saved()["renewal_grace_days_after"]) == (
        60, 14)

    response = admin.post(URL, data=dict(values, renewal_window_days_before="0"))
    assert response.status_code == 200
    assert re.search(r'data-error-for="renewal_window_days_before">[^<]*1', response.get_data(
        as_text=True)), "at least one day"
    assert saved()["renewal_window_days_before"] == 60, "nothing saved"

    response = admin.post(URL, data=dict(values, renewal_window_days_before="",
                                         renewal_grace_days_after=""))
    assert response.status_code == 302
    assert "renewal_window_days_before" not in saved()
    assert "renewal_grace_days_after" not in saved()
