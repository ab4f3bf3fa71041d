"""An auditor reads the audit log on a phone (390 px): each entry's who, what and address are
on screen under its event, not behind a sideways scroll of the table; at 1366 px the columns
are as before."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import make_staff


def test_an_auditor_reads_who_did_what_on_a_phone(app, live_server, new_page, snap):
    with live_server.app.app_context():
        admin = make_staff(live_server.app, "Super Admin", email="admin.h11@contoh.id")
        email = make_staff(live_server.app, "Auditor", email="auditor.h11@contoh.id").email
        from app.services.user_admin import deactivate
        target = make_staff(live_server.app, "Verifikator", email="pindah.h11@contoh.id")
        deactivate(target, by=admin, reason="Pindah tugas")
    page = new_page()
    staff_signs_in(page, email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/audit/?jenis=account.deactivated")
    row = page.locator("#audit-list tbody tr").first
    summary = row.locator("text=Alasan: Pindah tugas >> visible=true")
    expect(summary).to_be_visible()
    box = summary.bounding_box()
    assert box["x"] + box["width"] <= 390, "the entry's description is off the phone's screen"
    expect(row).to_contain_text("Super Admin DPMPTSP")
    expect(row.locator("text=Alamat IP >> visible=true")).to_have_count(1)
    assert page.evaluate("document.querySelector('#audit-list').scrollWidth <= "
                         "document.querySelector('#audit-list').parentElement.clientWidth")
    snap(page, "phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(row.locator("td.audit-summary")).to_be_visible()
    expect(row.locator(".audit-phone")).to_be_hidden()
    snap(page, "desktop")
