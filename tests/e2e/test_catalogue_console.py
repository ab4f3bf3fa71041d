"""An Admin Katalog uploads a changed workbook, sees the diff, publishes, and the public
Persyaratan page shows the change — in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.catalogue_helpers import changed_workbook, publish_sample, reset_catalogue
from tests.e2e.test_account_journeys import staff_signs_in, unique_email
from tests.helpers import make_staff


@pytest.fixture(autouse=True)
def clean_catalogue(app):
    reset_catalogue()
    yield
    reset_catalogue()




def test_admin_publishes_a_changed_workbook_and_the_public_page_shows_it(
        app, new_page, live_server, snap, tmp_path):
    publish_sample()
    workbook = changed_workbook(tmp_path / "katalog-revisi.xlsx")
    email = unique_email("katalog")
    make_staff(app, "Admin Katalog", email=email)

    page = new_page()
    staff_signs_in(page, email)
    page.locator("#admin-navbar-collapse").get_by_role("link", name="Katalog").click()
    expect(page.get_by_role("heading", name="Katalog Perizinan")).to_be_visible()
    page.locator("#catalogue-nav").get_by_role("link", name="Unggah Workbook").click()
    expect(page.get_by_role("heading", name="Unggah Katalog")).to_be_visible()
    page.set_input_files("#file", str(workbook))
    page.click("#upload-submit")

    expect(page).to_have_url(re.compile(r"/admin/katalog/unggah/periksa$"))
    expect(page.locator("#upload-valid")).to_contain_text("katalog-revisi.xlsx valid")
    change = page.locator("[data-permit-change=SIPA]")
    expect(change).to_contain_text("Retribusi: 0 → 1500000")
    expect(change).to_contain_text("Lama proses (hari kerja): 10 → 12")
    expect(change).to_contain_text("+ Hasil Uji Kualitas Air (uji_kualitas_air)")
    snap(page, "diff")
    page.fill("#note", "Retribusi dan persyaratan SIPA")
    page.get_by_role("button", name="Terbitkan sebagai versi 2").click()

    expect(page).to_have_url(re.compile(r"/admin/katalog/versi/$"))
    expect(page.get_by_text("Versi 2 diterbitkan dari katalog-revisi.xlsx.")).to_be_visible()
    latest = page.locator("tr[data-version='2']")
    expect(latest).to_contain_text(email)
    expect(latest).to_contain_text("Retribusi dan persyaratan SIPA")
    snap(page, "versions")

    public = new_page()
    public.goto("/")
    public.locator("#nav-persyaratan").click()
    expect(public.locator("#catalogue-version")).to_have_text("Katalog versi 2")
    public.fill("#q", "air tanah")
    public.click("#search-submit")
    public.locator("[data-permit=SIPA]").click()
    expect(public.locator("#permit-fee")).to_have_text("Rp 1.500.000")
    expect(public.locator("#permit-sla")).to_have_text("12 hari kerja")
    expect(public.locator("#req-baru [data-requirement=uji_kualitas_air]")).to_contain_text(
        "Hasil Uji Kualitas Air")
