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
