"""Antrian Saya in a browser, at a desk (1366 px) and on a phone (390 px): the rows shown red
are the ones the "Lewat target tahap" count counts and the overdue filter keeps (a step past
its own target, though the permit's SLA is far away), and the case page names each document
by the name its file had on the applicant's device."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services import calendar
from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import make_applicant, make_staff, make_submitted, publish_catalogue


@pytest.mark.parametrize("width", [1366, 390])
def test_red_rows_are_the_overdue_count_and_the_case_names_the_files(live_server, new_page,
                                                                    snap, width):
    served = live_server.app
    today = calendar.today()
    with served.app_context():
        publish_catalogue(served)
        person, _ = make_applicant(served)
        made = {}
        for key, permit, step_days, permit_days in (
                ("step_late", "SIP-DOKTER", -2, 20), ("permit_late", "SIUP-PERIKANAN", 1, -10),
                ("on_time", "IZIN-PENELITIAN", 4, 12)):
            application = make_submitted(served, person, permit)
            application.estimated_completion = today + timedelta(days=permit_days)
            for task in application.open_tasks:
                task.due_date = today + timedelta(days=step_days)
            made[key] = application.uid
            if key == "step_late":
                application.documents[0].file.original_filename = (
                    "scan_ktp_" + "halaman_depan_" * 6 + "6472011505900001.pdf")
        db.session.commit()
        email = make_staff(served, "Verifikator", email=f"verif.target{width}@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/admin/antrian/")
    red = page.locator("#grid tbody tr.table-danger")
    expect(red).to_have_count(1)
    expect(red).to_have_attribute("data-uid", made["step_late"])
    expect(page.locator("#summary-overdue")).to_have_text("1")
    expect(page.locator("#grid tbody tr").first).to_have_attribute("data-uid", made["step_late"])
    snap(page, f"antrian-{width}")
    page.locator("#summary-overdue").click()
    expect(page.locator("#grid tbody tr")).to_have_count(1)
    page.goto(f"/admin/antrian/{made['step_late']}")
    name = page.locator("[data-original-name]").first
    expect(name).to_contain_text("…********0001.pdf")  # shortened in the middle
    expect(name).to_have_attribute("title", re.compile(r"_6472\*{8}0001\.pdf$"))  # masked
    expect(name).not_to_contain_text("6472011505900001")
    snap(page, f"berkas-{width}")
