"""The verifier grid as a busy counter uses it: the target of the step one works on beside
the permit's SLA, the way back to the same filtered list, the export's filter line as the
screen names it, and a case found by its permit number."""

from __future__ import annotations

import html as html_lib
import re
from datetime import timedelta

import pytest

from app.extensions import db
from app.services import calendar
from app.templating import tanggal_lokal
from tests.backoffice_helpers import staff_client
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
