"""Office lists read on a phone (390 px). The audit log: each entry's who, what and address are
on screen under its event, not behind a sideways scroll of the table; at 1366 px the columns
are as before. The complaint queue: who complained, about what, who handles it, its
status and due date are on screen. The staff list: an account's roles, named in English with
what each does, wrap in their column instead of running off the screen."""

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


def test_the_helpdesk_sees_status_officer_and_due_date_of_each_complaint_on_a_phone(
        app, live_server, new_page, snap):
    from tests.complaint_helpers import file_visitor, seed_categories

    with live_server.app.app_context():
        seed_categories(live_server.app)
        complaint = file_visitor(live_server.app)
        email = make_staff(live_server.app, "Helpdesk", email="hana.h11@contoh.id").email
        ticket = complaint.ticket
    page = new_page()
    staff_signs_in(page, email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/pengaduan/")
    row = page.locator(f"#complaint-queue tr[data-ticket='{ticket}']")
    for seen in ("Budi Tamu", "Teknis Aplikasi", "Petugas: -", "Baru", "Tenggat:"):
        shown = row.locator(f"text={seen} >> visible=true").first
        expect(shown).to_be_visible()
        box = shown.bounding_box()
        assert box["x"] + box["width"] <= 390, f"{seen!r} is off the phone's screen"
    snap(page, "queue-phone")


NO_SIDEWAYS_SCROLL = ("(() => { const page = document.documentElement;"
                      " return page.scrollWidth <= page.clientWidth && Array.from("
                      "document.querySelectorAll('.table-responsive'))"
                      ".every(t => t.scrollWidth <= t.clientWidth); })()")


def test_a_staff_members_roles_fit_the_staff_list_on_a_phone(app, live_server, new_page, snap):
    from app.services.user_admin import update_staff
    from tests.helpers import publish_catalogue

    with live_server.app.app_context():
        publish_catalogue(live_server.app)  # what each role does: the catalogue's roles
        admin = make_staff(live_server.app, "Super Admin", email="super.h11@contoh.id")
        update_staff(admin, roles=["Super Admin", "Verifikator", "Penandatangan", "Tim Teknis"])
        admin_id = admin.id
    page = new_page()
    staff_signs_in(page, "super.h11@contoh.id")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/pengguna/?_l_=en")
    roles = page.locator(f"#staff-list tr[data-user='{admin_id}'] td").nth(2)
    expect(roles).to_contain_text("Penandatangan (Approves and signs)")
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the staff list scrolls sideways"
    for badge in roles.locator(".badge").all():
        box = badge.bounding_box()
        assert box["x"] + box["width"] <= 390, f"{badge.inner_text()!r} is off the screen"
    snap(page, "staff-phone")
