"""A row added to a repeating group keeps what describes its fields: a screen reader on the new
row's field hears its help line, as on the first row (form-fields.js copies the last row; it
used to drop every aria-describedby of the copy, hints with the error messages)."""

from __future__ import annotations

import copy

from playwright.sync_api import expect

from app.services import catalogue_store
from catalogue import DEFINITIONS
from tests.e2e.test_account_journeys import on_a_drafts_detail_step
from tests.e2e.test_g6_screen_reader import described_by

HELP = "Contoh: Senin-Rabu 16.00-20.00"


def _with_row_help(app) -> None:
    """The sample catalogue, with a help line on a field of SIP-DOKTER's repeating group."""
    with app.app_context():
        data, issues, assets = catalogue_store.read_source(DEFINITIONS)
        assert issues == []
        data = copy.deepcopy(data)
        permit = next(p for p in data["permits"] if p["code"] == "SIP-DOKTER")
        groups = [f for s in permit["form"]["sections"] for f in s["fields"]
                  if f["key"] == "other_practices"]
        schedule = next(f for f in groups[0]["fields"] if f["key"] == "schedule")
        schedule["help"] = {"id": HELP, "en": "E.g. Mon-Wed 16.00-20.00"}
        catalogue_store.publish(data, assets, source="uji", issues=[])


def test_a_new_rows_field_is_described_by_its_own_help(app, page):
    _with_row_help(app)
    on_a_drafts_detail_step(app, page, "SIP-DOKTER")
    page.fill("#practice_order", "3")
    expect(page.locator("#other_practices-0-schedule")).to_be_visible()
    assert described_by(page, "#other_practices-0-schedule") == HELP
    page.locator("[data-add-row=other_practices]").click()
    expect(page.locator("#other_practices-1-schedule")).to_be_visible()
    assert described_by(page, "#other_practices-1-schedule") == HELP
    assert page.get_attribute("#other_practices-1-schedule", "aria-describedby") == \
        "other_practices-1-schedule-help"
