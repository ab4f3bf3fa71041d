"""The permit editor's Bidang: each sector names its Dinas for the page's script to filter by,
and the server refuses another Dinas's sector next to the field, keeping what was typed."""

from __future__ import annotations

import re

from app.services import catalogue_console as console
from tests.catalogue_helpers import publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import form_values, start_draft

URL = "/admin/katalog/draf/izin/SIPA"
REFUSAL = ("Bidang &#39;KESEHATAN&#39; milik instansi DINKES, bukan DESDM. Pilih bidang milik "
           "instansi izin ini.")


def test_another_agencys_sector_is_refused_next_to_the_field_keeping_what_was_typed(admin):
    publish_sample()
    start_draft(admin)
    values = form_values(admin.get(URL).get_data(as_text=True))
    assert values["agency"] == "DESDM" and values["sector"] == "ESDM"
    response = admin.post(URL, data=dict(values, sector="KESEHATAN", fee="125000"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert re.search(r'data-error-for="sector">' + re.escape(REFUSAL) + "<", html)
    kept = form_values(html)
    assert kept["sector"] == "KESEHATAN" and kept["fee"] == "125000"
    assert console.draft_item(console.KINDS["izin"], "SIPA")["sector"] == "ESDM"

    english = admin.post(URL + "?_l_=en", data=dict(values, sector="KESEHATAN"))
    assert ("Sector &#39;KESEHATAN&#39; belongs to agency DINKES, not DESDM. Choose a sector "
            "of this permit&#39;s agency.") in english.get_data(as_text=True)

    assert admin.post(URL, data=dict(values, agency="DINKES", sector="KESEHATAN")
                      ).status_code == 302
    assert console.draft_item(console.KINDS["izin"], "SIPA")["sector"] == "KESEHATAN"


def test_each_sector_option_names_its_agency_for_the_script(admin):
    publish_sample()
    start_draft(admin)
    html = admin.get(URL).get_data(as_text=True)
    select = re.search(r'<select[^>]*name="sector"[^>]*>.*?</select>', html, flags=re.S).group(0)
    assert 'data-sector-of="agency"' in select
    assert re.search(r'<option[^>]*data-agency="DINKES"[^>]*value="KESEHATAN"|'
                     r'<option[^>]*value="KESEHATAN"[^>]*data-agency="DINKES"', select)
    assert "js/sector-filter.js" in html
