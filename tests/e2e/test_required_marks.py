"""A field required by a condition carries the asterisk exactly while the condition holds
(static/js/conditions.js), like a field that is always required."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import on_a_drafts_detail_step
from tests.helpers import publish_catalogue

REQUIRED = re.compile(r"\brequired\b")


def test_a_conditionally_required_field_shows_its_asterisk_while_required(app, page):
    publish_catalogue(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    address = page.locator('label[for="practice_address"]')
    facility = page.locator('[data-field="faskes"] .form-label').first
    specialty = page.locator('label[for="specialty_name"]')
    page.select_option("#practice_kind", "mandiri")
    expect(address).to_have_class(REQUIRED)
    page.select_option("#practice_kind", "non_mandiri")
    expect(facility).to_have_class(REQUIRED)
    expect(address).not_to_have_class(REQUIRED)
    page.locator('input[name="specialty"][value="spesialis"]').check()
    expect(specialty).to_have_class(REQUIRED)
    page.locator('input[name="specialty"][value="umum"]').check()
    expect(specialty).not_to_have_class(REQUIRED)
    expect(page.locator('label[for="str_scan"]')).to_have_class(REQUIRED)  # its requirement


def test_the_blank_row_a_group_needs_is_asked_for_and_a_spare_row_is_not(app, page):
    """min_rows 1: the row on screen is the one the server asks for ("Wajib diisi" under its
    fields, not "Minimal 1 baris"); a second blank row added by the applicant is spare."""
    publish_catalogue(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    page.fill("#practice_order", "3")
    first = page.locator("#other_practices-0-place_name")
    expect(first).to_be_visible()
    for sub in ("place_name", "sip_number", "schedule"):  # the draft came filled
        page.fill(f"#other_practices-0-{sub}", "")
    page.click("[data-add-row=other_practices]")
    second = page.locator("#other_practices-1-place_name")
    expect(second).to_be_visible()
    assert first.evaluate("el => el.required") and not second.evaluate("el => el.required")
    page.click("#wizard-next")
    error = page.locator('[data-error-for="other_practices-0-place_name"]')
    expect(error).to_have_text("Wajib diisi.")
    expect(page.locator('[data-error-for="other_practices-0-sip_number"]')).to_be_visible()
    expect(page.locator('[data-error-for="other_practices"]')).to_have_count(0)
