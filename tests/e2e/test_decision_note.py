"""The decision note box on the case page counts what is typed against the service's limit
(review.NOTE_MAX) and stops at it; the count turns red at the limit."""

from __future__ import annotations

from playwright.sync_api import expect

from app.services import review
from tests.e2e.test_account_journeys import staff_signs_in
from tests.e2e.test_office import shots
from tests.helpers import make_applicant, make_staff, make_submitted, publish_catalogue


def test_the_note_box_counts_and_stops_at_the_limit(app, live_server, new_page, snap):
    served = live_server.app
    with served.app_context():
        publish_catalogue(served)
        person, _ = make_applicant(served)
        uid = make_submitted(served, person, "SIP-DOKTER").uid
        email = make_staff(served, "Verifikator", email="verif.catatan@contoh.id").email
    page = new_page()
    staff_signs_in(page, email)
    page.goto(f"/admin/antrian/{uid}")
    note, count = page.locator("#note"), page.locator("#note-count")
    expect(count).to_have_text(f"0 / {review.NOTE_MAX} karakter")
    note.fill("Proposal tidak sesuai")
    expect(count).to_have_text(f"21 / {review.NOTE_MAX} karakter")
    expect(count).not_to_have_class("text-danger")
    note.fill("Alasan panjang. " * 800)
    expect(count).to_have_text(f"{review.NOTE_MAX} / {review.NOTE_MAX} karakter")
    expect(count).to_have_class("form-text text-end text-danger")
    assert len(note.input_value()) == review.NOTE_MAX
    note.scroll_into_view_if_needed()
    shots(page, snap, "catatan-keputusan")
