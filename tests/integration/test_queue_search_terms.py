"""One reading of a search term: what the grid searches by is what the Excel export's filter
line masks by (app/casework/search.classify), so a NIK that found rows never leaves the system
in the file, and a name or a resi reads as typed."""

from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from openpyxl import load_workbook

from app.casework import search as search_terms
from app.privacy.masking import mask_identity
from app.services import resi
from tests.backoffice_helpers import search, staff_client
from tests.integration.test_queue import three, uids  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("catalogue")


def dotted(nik: str) -> str:
    return f"{nik[:4]}.{nik[4:8]}.{nik[8:12]}.{nik[12:]}"


def spaced(nik: str) -> str:
    return f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"


@pytest.mark.parametrize(("shape", "kind", "masked"), [
    (lambda a: a.applicant_identity, search_terms.IDENTITY, True),
    (lambda a: dotted(a.applicant_identity), search_terms.IDENTITY, True),
    (lambda a: spaced(a.applicant_identity), search_terms.IDENTITY, True),
    (lambda a: resi.display(a.resi).lower(), search_terms.RESI, False),
    (lambda a: a.registration_number, None, False),
    (lambda a: a.applicant_name.split()[0], search_terms.NAME, False),
])
def test_the_grid_and_the_export_read_a_term_alike(app, three, shape, kind, masked):  # noqa: F811
    target = three["dokter"]
    typed = shape(target)
    term = search_terms.classify(typed)
    assert kind is None or term.kind == kind
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    listed = search(office, "/admin/antrian/", typed)
    assert target.uid in uids(listed)  # the grid found it by this reading
    export = html_lib.unescape(re.search(r'href="([^"]+)" id="export-xlsx"',
                                         listed.get_data(as_text=True)).group(1))
    line = load_workbook(io.BytesIO(office.get(export).data)).active["A2"].value
    if masked:
        assert target.applicant_identity not in line.replace(".", "").replace(" ", "")
        assert f"Cari: {mask_identity(target.applicant_identity)}" in line
    else:
        assert f"Cari: {typed}" in line
