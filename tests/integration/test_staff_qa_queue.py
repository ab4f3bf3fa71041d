"""The verifier grid as a busy counter uses it: the target of the step one works on beside
the permit's SLA, the way back to the same filtered list, the export's filter line as the
screen names it, and a case found by its permit number."""

from __future__ import annotations

import html as html_lib
import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.models import Application
from app.services import calendar, resi
from app.templating import tanggal_lokal
from tests.backoffice_helpers import act, lock_version, search, staff_client
from tests.helpers import csrf_from
from tests.integration.test_queue import three  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("catalogue")


def row_text(page: str, uid: str) -> str:
    row = re.search(rf'data-uid="{uid}".*?</tr>', page, re.S).group(0)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", row)))


def test_my_queue_shows_the_target_of_my_step_and_when_it_has_passed(app, three):  # noqa: F811
    """Verification has one working day in a permit of ten: the permit's SLA alone told the
    verifier "10 hari kerja" for a step already late."""
    late = three["dokter"]
    task = next(t for t in late.tasks if t.is_open)
    task.due_date = calendar.today() - timedelta(days=2)
    db.session.commit()
    on_time = three["ikan"]
    due = next(t for t in on_time.tasks if t.is_open).due_date
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    page = office.get("/admin/antrian/").get_data(as_text=True)

    assert f"Tahap ini: lewat target {tanggal_lokal(task.due_date)}" in row_text(page, late.uid)
    assert re.search(rf'data-uid="{late.uid}".*?class="small text-danger fw-bold" '
                     r'data-step-due=', page, re.S)
    assert f"Tahap ini: target {tanggal_lokal(due)}" in row_text(page, on_time.uid)
    # "Semua Permohonan" is not anyone's queue: no step target there
    assert "Tahap ini" not in office.get("/admin/permohonan/").get_data(as_text=True)


def test_the_case_leads_back_to_the_same_filtered_list(app, three):  # noqa: F811
    """Opened from a filtered, searched list: "Kembali ke daftar" and the redirect after an
    action return to that list, not to the bare queue."""
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    dokter = three["dokter"]
    listed = search(office, "/admin/permohonan/", "siti", permit="SIP-DOKTER")
    link = html_lib.unescape(re.search(rf'href="(/admin/antrian/{dokter.uid}\?[^"]+)"',
                                       listed.get_data(as_text=True)).group(1))
    assert "asal=semua" in link and "permit=SIP-DOKTER" in link and "cari=" in link
    page = office.get(link).get_data(as_text=True)
    back = html_lib.unescape(re.search(r'href="([^"]+)"[^>]*id="back-to-grid"', page).group(1))
    assert back.startswith("/admin/permohonan/?") and "permit=SIP-DOKTER" in back
    again = office.get(back)
    assert re.findall(r'data-uid="([^"]+)"', again.get_data(as_text=True)) == [dokter.uid]
    assert 'value="siti"' in again.get_data(as_text=True)  # the search box kept its term

    # acting from Antrian Saya filtered by permit: back to that filtered queue
    queue_link = f"/admin/antrian/{dokter.uid}?permit=SIP-DOKTER&urut=tanggal&arah=turun"
    page = office.get(queue_link).get_data(as_text=True)
    action = html_lib.unescape(re.search(r'action="([^"]+)" id="action-form"', page).group(1))
    response = office.post(action, data={
        "csrf_token": csrf_from(page), "lock_version": lock_version(page), "action": "lanjut",
        **{f"doc-{d.requirement_key}": "valid" for d in dokter.documents}})
    assert response.status_code == 302
    assert response.location == "/admin/antrian/?permit=SIP-DOKTER&urut=tanggal&arah=turun"


def test_the_exports_filter_line_reads_as_the_screen_and_masks_a_searched_nik(app, three):  # noqa: F811
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    nik = three["dokter"].applicant_identity
    listed = search(office, "/admin/permohonan/", nik, status="in_process", jenis="baru",
                    step="verifikasi", dari="2026-01-01")
    export = html_lib.unescape(re.search(r'href="([^"]+)" id="export-xlsx"',
                                         listed.get_data(as_text=True)).group(1))
    sheet = load_workbook(io.BytesIO(office.get(export).data)).active
    rows = list(sheet.iter_rows(values_only=True))
    line = rows[1][0]
    assert "Status: Dalam Proses" in line and "Jenis: Baru" in line
    assert "Tahap: Verifikasi Berkas" in line and "Dari: 01-01-2026" in line
    assert nik not in line and f"Cari: {nik[:4]}" in line
    assert [r[0] for r in rows[4:]] == [resi.display(three["dokter"].resi)]


def test_a_case_is_found_by_its_permit_number(app, signing_config):
    """A citizen at the counter often brings only the permit: its number finds the case."""
    from tests.integration.test_return_to_earlier_step import at_signing

    application, _verifikator, _dinkes, signer = at_signing(app)
    assert act(signer, application.uid, "terbitkan").status_code == 302
    db.session.expire_all()
    number = db.session.get(Application, application.id).permit.number
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    for typed in (number, number.lower()):
        found = search(office, "/admin/permohonan/", typed)
        assert re.findall(r'data-uid="([^"]+)"', found.get_data(as_text=True)) == \
            [application.uid], typed
