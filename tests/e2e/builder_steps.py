"""Steps the browser tests of the catalogue's form builder share: a clean catalogue around
each test, adding a field by type, composing a condition without typing it, and publishing
the draft."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from app.extensions import db
from tests.catalogue_helpers import reset_catalogue
from tests.conftest import _TABLES_TO_EMPTY


@pytest.fixture
def clean_catalogue(app):
    """No catalogue before the test; after it, none again and no rows that point at one (an
    applicant's application is pinned to a version)."""
    reset_catalogue()
    yield
    db.session.rollback()
    with db.engine.begin() as conn:
        for table in _TABLES_TO_EMPTY:
            conn.execute(text(f"DELETE FROM {table}"))
    reset_catalogue()


def add_field(page: Page, where: str, kind: str, key: str, label: str,
              label_en: str | None = None) -> None:
    """Adds a field of type `kind` to a section ("s0") or a group ("g:key") and lands on the
    field's own page."""
    add = page.locator(f"[data-add-field='{where}']")
    add.locator("select[name=type]").select_option(kind)
    add.locator("input[name=label_id]").fill(label)
    if label_en is not None:
        add.locator("input[name=label_en]").fill(label_en)
    add.locator("input[name=key]").fill(key)
    add.get_by_role("button", name="Tambah isian").click()
    expect(page).to_have_url(re.compile(rf"/isian/{key}$"))


def compose(page: Page, target: str, field: str, comparison: str, other: tuple[str, str]):
    """Composes `field comparison other` in the condition composer of input `target` (opened
    from its summary): `other` is (the label of the right-hand list, the option picked)."""
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    composer = page.locator(f"[data-composer-target={target}]")
    page.locator(f"#{target}").locator("xpath=..").locator("summary").click()
    row = composer.locator("[data-row]").first
    row.get_by_label("Isian").select_option(field)
    row.get_by_label("Pembanding").select_option(comparison)
    row.get_by_label(other[0]).select_option(other[1])
    composer.get_by_role("button", name="Pakai syarat ini").click()


def admin_publishes(page: Page, note: str) -> None:
    page.goto("/admin/katalog/draf/")
    expect(page.locator("#publish-form")).to_be_visible()
    page.fill("#note", note)
    page.click("#publish-draft")
    expect(page).to_have_url(re.compile(r"/admin/katalog/versi/$"))
    expect(page.locator("tr[data-version='2']")).to_contain_text(note)
