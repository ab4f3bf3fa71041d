"""Keys in the form builder, in a real browser: the key of a new field or section is
suggested from its label or title as it is typed (until the admin types one), an empty key
is asked for in Indonesian under the input (no English browser bubble), and a requirement's
formats are ticked in a checklist of the kinds the upload accepts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.catalogue_helpers import publish_sample
from tests.e2e.builder_steps import clean_catalogue  # noqa: F401
from tests.e2e.test_account_journeys import staff_signs_in, unique_email
from tests.helpers import make_staff

BUILDER = "/admin/katalog/susun/izin/SIP-DOKTER/"
pytestmark = pytest.mark.usefixtures("clean_catalogue")


def _admin(app, new_page) -> Page:
    publish_sample()
    email = unique_email("katalog")
    make_staff(app, "Admin Katalog", email=email)
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    staff_signs_in(page, email)
    page.goto("/admin/katalog/draf/")
    page.click("#start-draft")
    return page


def test_keys_are_suggested_from_labels_and_an_empty_key_is_asked_for(
        app, new_page, live_server, snap):
    page = _admin(app, new_page)
    page.goto(BUILDER)
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    row = page.locator("[data-add-field='s0']")
    key = row.locator("input[name=key]")
    row.locator("input[name=label_id]").press_sequentially("Nomor Izin Klinik")
    expect(key).to_have_value("nomor_izin_klinik")
    key.fill("no_klinik")  # the admin's own key is kept when the label changes
    row.locator("input[name=label_id]").fill("")
    row.locator("input[name=label_id]").press_sequentially("Klinik Utama")
    expect(key).to_have_value("no_klinik")
    key.fill("")  # a label whose key the form already has gets the next free one
    row.locator("input[name=label_id]").fill("")
    row.locator("input[name=label_id]").press_sequentially("Specialty")
    expect(key).to_have_value("specialty_2")
    row.locator("input[name=label_id]").fill("")
    row.locator("input[name=label_id]").press_sequentially("Klinik Utama")
    key.fill("no_klinik")

    page.locator("#section-title").press_sequentially("Data Lokasi Klinik")
    expect(page.locator("#section-key")).to_have_value("data_lokasi_klinik")
    snap(page, "suggested")

    key.fill("")
    row.get_by_role("button", name="Tambah isian").click()
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    row = page.locator("[data-add-field='s0']")
    expect(row.locator("[data-error-for=key]")).to_have_text("Kunci wajib diisi.")
    expect(row.locator("input[name=label_id]")).to_have_value("Klinik Utama")
    snap(page, "empty-key")


def test_a_lookup_and_a_requirement_are_refused_where_they_were_typed(
        app, new_page, live_server, snap):
    page = _admin(app, new_page)
    page.goto(BUILDER)
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    row = page.locator("[data-add-field='s0']")
    row.locator("select[name=type]").select_option("lookup")
    row.locator("input[name=label_id]").fill("KBLI")
    row.get_by_role("button", name="Tambah isian").click()
    expect(page).to_have_url(re.compile(r"/isian/kbli$"))
    expect(page.locator("#table option:checked")).to_have_text("— Pilih tabel —")
    page.click("#save-field")
    expect(page.locator("[data-error-for=table]")).to_contain_text("Tabel referensi")
    snap(page, "lookup")

    page.goto("/admin/katalog/draf/izin/SIP-DOKTER/persyaratan/_baru")
    page.fill("#key", "surat_rekomendasi")
    page.fill("#name_id", "Surat Rekomendasi")
    page.check("input[name=formats][value=pdf]")
    page.fill("#max_mb", "2")
    page.click("#save-item")
    expect(page).to_have_url(re.compile(r"/persyaratan/surat_rekomendasi$"))
    expect(page.locator("input[name=formats]:checked")).to_have_count(1)
    snap(page, "requirement-formats")
