"""The officer's privacy queue in a real browser at desk and phone width: the request that has
waited past the 3 x 24 hour answer deadline is flagged, the waiting time is readable without
scrolling sideways; the registration form shows its privacy notice on a phone."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import make_applicant, make_staff


def test_overdue_privacy_request_stands_out_at_desk_and_phone_width(live_server, new_page,
                                                                    snap):
    served = live_server.app
    with served.app_context():
        from app.extensions import db
        from app.models import utcnow
        from app.privacy import requests

        person, _data = make_applicant(served)
        request = requests.request_erasure(person, {"reason": "Pindah ke luar provinsi.",
                                                    "confirm": True})
        request.requested_at = utcnow() - timedelta(hours=90)
        db.session.commit()
        request_id = request.id
        staff_email = make_staff(served, "Super Admin", email="super.g9@contoh.id").email

    console = new_page()
    console.set_viewport_size({"width": 1366, "height": 800})
    staff_signs_in(console, staff_email)
    console.goto("/admin/data-pribadi/")
    row = console.locator(f'tr[data-request="{request_id}"]')
    expect(row.locator("[data-overdue]")).to_be_visible()
    expect(row).to_contain_text("90 jam")
    expect(console.locator("#privacy-overdue")).to_be_visible()
    snap(console, "list-1366")
    console.set_viewport_size({"width": 390, "height": 844})
    badge = row.locator("[data-overdue]")
    expect(badge).to_be_visible()
    box = badge.bounding_box()
    assert box["x"] + box["width"] <= 390, "the overdue badge is off-screen on a phone"
    snap(console, "list-390")
    row.locator("a").click()
    expect(console.locator("#request-due")).to_contain_text("lewat batas")
    snap(console, "detail-390")
    console.set_viewport_size({"width": 1366, "height": 800})
    snap(console, "detail-1366")


def test_registration_privacy_notice_on_a_phone(live_server, new_page, snap):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/daftar/perorangan")
    notice = page.locator("#register-privacy")
    notice.scroll_into_view_if_needed()
    expect(notice.get_by_role("link")).to_have_attribute("href", "/privasi")
    snap(page, "register-390")
