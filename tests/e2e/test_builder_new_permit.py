"""An Admin Katalog builds a permit type the catalogue has never had, in the console only and
without typing JSON: the permit's data, a routing whose middle step two Dinas work in
parallel, a requirement, a form of seven field types with a condition composed by picking
(not typing), a repeating group with its own sub-fields and a rule across fields; previews it
at desktop and phone width; publishes. An applicant completes it in the wizard (the rule
judged in the browser as typed) and submits. A second Admin Katalog then rolls the catalogue
back to the version before it: the version list says who did what, and the permit is no
longer offered to new applications — while the submitted one stays, pinned to the version it
was made under. In a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.catalogue_helpers import publish_sample
from tests.e2e.builder_steps import add_field, admin_publishes, clean_catalogue, compose  # noqa: F401
from tests.e2e.test_account_journeys import log_in, staff_signs_in, unique_email
from tests.e2e.test_full_journey import upload
from tests.e2e.test_wizard_journeys import (
    choose_permit,
    fill_location,
    on_step,
    submit_and_check_receipt,
)
from tests.helpers import make_applicant, make_staff

CODE = "IZIN-ANGKUTAN-WISATA"
ROUTING = "angkutan-paralel"
NAME = "Izin Angkutan Wisata"


pytestmark = pytest.mark.usefixtures("clean_catalogue")


def save(page: Page, button: str) -> None:
    """Submits a console form and checks the server took it: a save redirects (a refused one
    answers 200 with the reasons on the inputs). The flash message is not what is waited
    for: a request still in flight from the previous page can overwrite the session cookie
    that carries it."""
    with page.expect_response(lambda r: r.request.method == "POST"
                              and r.request.is_navigation_request()) as response:
        page.click(button)
    assert response.value.status == 302, f"{button} was refused: {response.value.url}"
    page.wait_for_load_state("load")


# the routing -------------------------------------------------------------------------------
def add_step(page: Page, key: str, name: str, role: str, actions: list[tuple[str, str]],
             *, parallel: tuple[str, ...] = ()) -> None:
    page.click("#add-step")
    expect(page.locator("#step-form")).to_be_visible()
    page.fill("#key", key)
    page.fill("#name_id", name)
    page.select_option("#role", role)
    page.fill("#sla_days", "2")
    if parallel:
        page.check("input[name=scope][value=parallel]")
        for agency in parallel:
            page.check(f"input[name=agencies][value='{agency}']")
    else:
        page.check("input[name=scope][value=office]")
    for i, (action, target) in enumerate(actions):
        page.locator("select[name=action]").nth(i).select_option(action)
        page.locator("select[name=target]").nth(i).select_option(target)
    save(page, "#save-step")
    expect(page.locator(f"#step-list [data-step='{key}']")).to_be_visible()


def admin_builds_the_routing(page: Page, snap) -> None:
    page.goto("/admin/katalog/draf/alur/_baru")
    page.fill("#code", ROUTING)
    page.fill("#name_id", "Angkutan: rekomendasi Dishub dan DLH")
    page.click("#save-item")
    # a new routing goes on in its step editor, which asks for a first step
    expect(page).to_have_url(re.compile(rf"/atur/alur/{ROUTING}/$"))
    expect(page.locator("#no-steps")).to_contain_text("Tambahkan minimal satu langkah")
    # steps are added from the last, so each one's actions can name a step that exists
    add_step(page, "tte", "Persetujuan dan TTE", "Penandatangan",
             [("terbitkan", "@issued"), ("tolak", "@rejected")])
    add_step(page, "rekomendasi", "Rekomendasi Dishub dan DLH", "Tim Teknis",
             [("lanjut", "tte"), ("revisi", "@applicant"), ("tolak", "@rejected")],
             parallel=("DISHUB", "DLH"))
    add_step(page, "verifikasi", "Verifikasi Berkas", "Verifikator",
             [("lanjut", "rekomendasi"), ("revisi", "@applicant"), ("tolak", "@rejected")])
    steps = page.locator("#step-list [data-step]")
    for key, place in (("verifikasi", 1), ("verifikasi", 0), ("rekomendasi", 1)):
        page.get_by_role("button", name=f"Naikkan {key}").click()
        expect(steps.nth(place)).to_have_attribute("data-step", key)
    assert steps.evaluate_all("els => els.map(e => e.dataset.step)") == [
        "verifikasi", "rekomendasi", "tte"]
    parallel = page.locator("#step-list [data-step=rekomendasi]")
    expect(parallel).to_contain_text("paralel")
    expect(parallel).to_contain_text("DISHUB, DLH")
    expect(page.locator("#item-issues")).to_have_count(0)
    expect(page.locator("#routing-diagram")).to_have_js_property("complete", True)
    snap(page, "routing-editor")


# the permit, its requirement ------------------------------------------------------------------
def admin_creates_the_permit(page: Page) -> None:
    page.goto("/admin/katalog/draf/izin/_baru")
    page.fill("#code", CODE)
    page.fill("#name_id", NAME)
    page.fill("#name_en", "Tourist transport permit")
    page.select_option("#agency", "DISHUB")
    page.select_option("#sector", "PERHUBUNGAN")
    page.check("input[name=application_types][value=baru]")
    page.fill("#sla_working_days", "7")
    page.fill("#validity_years", "1")
    page.fill("#fee", "0")
    page.fill("#registration_number", "{seq}/IAW/{month}/{year}")
    page.fill("#permit_number", "551/{seq:04}/IAW/DPMPTSP/{year}")
    page.select_option("#routing", ROUTING)
    page.click("#save-item")
    expect(page).to_have_url(re.compile(rf"/draf/izin/{CODE}$"))

    page.click("#add-requirement")
    page.fill("#key", "surat_pernyataan")
    page.fill("#name_id", "Surat pernyataan pengelola")
    page.check("#required")
    page.check("input[name=formats][value=pdf]")
    page.fill("#max_mb", "2")
    save(page, "#save-item")
    page.goto(f"/admin/katalog/draf/izin/{CODE}")
    expect(page.locator("#requirements [data-requirement=surat_pernyataan]")).to_be_visible()


# the form ----------------------------------------------------------------------------------
def save_field(page: Page) -> None:
    save(page, "#save-field")


def back_to_builder(page: Page) -> None:
    page.get_by_role("link", name="Kembali ke susunan formulir").click()
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)


def admin_composes_the_form(page: Page) -> None:
    page.click("#open-builder")
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)

    add_field(page, "s0", "text", "nama_usaha", "Nama usaha angkutan")
    page.check("#required")
    save_field(page)
    back_to_builder(page)
    add_field(page, "s0", "number", "jumlah_armada", "Jumlah armada")
    page.check("#required")
    page.fill("#min", "1")
    page.fill("#max", "50")
    save_field(page)
    back_to_builder(page)
    add_field(page, "s0", "date", "mulai_operasi", "Tanggal mulai operasi")
    save_field(page)
    back_to_builder(page)
    add_field(page, "s0", "time", "jam_buka", "Jam layanan dibuka")
    save_field(page)
    back_to_builder(page)
    add_field(page, "s0", "select", "jenis_angkutan", "Jenis angkutan")
    page.check("#required")
    page.fill("#options", "orang | Angkutan orang | Passengers\n"
                          "barang | Angkutan barang | Goods")
    save_field(page)
    back_to_builder(page)
    admin_adds_a_field_shown_only_for_goods(page)
    back_to_builder(page)
    admin_adds_a_repeating_group(page)


def admin_adds_a_field_shown_only_for_goods(page: Page) -> None:
    """The condition is picked in the composer (field, comparison, option), not typed."""
    add_field(page, "s0", "textarea", "jenis_muatan", "Jenis muatan barang")
    compose(page, "visible_if", "jenis_angkutan", "==", ("Nilai", "barang"))
    expect(page.locator("#visible_if")).to_have_value("jenis_angkutan == 'barang'")
    expect(page.locator("#visible_if-check")).not_to_contain_text("tidak ada")
    page.check("#required")
    save_field(page)
    expect(page.locator("#visible_if")).to_have_value("jenis_angkutan == 'barang'")


def admin_adds_a_repeating_group(page: Page) -> None:
    add_field(page, "s0", "group", "jadwal", "Jadwal keberangkatan")
    page.fill("#min_rows", "1")
    page.fill("#max_rows", "7")
    save_field(page)
    back_to_builder(page)
    add_field(page, "g:jadwal", "text", "tujuan", "Kota tujuan")
    page.check("#required")
    save_field(page)
    back_to_builder(page)
    add_field(page, "g:jadwal", "time", "jam_berangkat", "Jam berangkat")
    page.check("#required")
    save_field(page)
    back_to_builder(page)
    subs = page.locator("[data-sortable='g:jadwal'] > [data-sort-key]").evaluate_all(
        "els => els.map(e => e.dataset.sortKey)")
    assert subs == ["jadwal_keterangan", "tujuan", "jam_berangkat"]
    admin_adds_a_rule_across_fields(page)


def admin_adds_a_rule_across_fields(page: Page) -> None:
    """No more departures than vehicles: composed from the rows' count and another field."""
    page.click("#add-rule")
    compose(page, "check", "count(jadwal)", "<=", ("Bandingkan dengan", "jumlah_armada"))
    expect(page.locator("#check")).to_have_value("count(jadwal) <= jumlah_armada")
    page.fill("#message_id", "Jadwal tidak boleh lebih banyak dari armada.")
    page.select_option("#field", "jumlah_armada")
    save(page, "#save-rule")
    expect(page.locator("#rule-list")).to_contain_text("count(jadwal) <= jumlah_armada")


def the_preview_shows_it(page: Page, snap) -> None:
    page.reload()
    expect(page.locator("body[data-builder-ready]")).to_have_count(1)
    expect(page.locator("#form-issues")).to_have_count(0)
    frame = page.frame_locator("#preview-frame")
    for key in ("nama_usaha", "jumlah_armada", "mulai_operasi", "jam_buka", "jenis_angkutan",
                "jadwal"):
        expect(frame.locator(f"[data-field={key}]").first).to_be_visible()
    expect(frame.locator("[data-field=jenis_muatan]")).to_be_hidden()
    frame.locator("#jenis_angkutan").select_option("barang")
    expect(frame.locator("[data-field=jenis_muatan]")).to_be_visible()  # the condition, live
    page.set_viewport_size({"width": 1366, "height": 900})
    snap(page, "builder-desktop")
    page.click("#preview-phone")
    expect(page.locator("#preview-panel")).to_have_attribute("data-width", "390")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(frame.locator("[data-field=nama_usaha]")).to_be_visible()
    snap(page, "builder-390")
    page.set_viewport_size({"width": 1280, "height": 900})


# the applicant --------------------------------------------------------------------------------
def applicant_completes_it(page: Page, nik: str, snap) -> str:
    log_in(page, nik)
    choose_permit(page, "DISHUB", CODE, "baru")
    page.click("#choose-process")
    page.click("#wizard-next")
    page.click("#wizard-next")
    fill_location(page)
    page.click("#wizard-next")
    on_step(page, "detail")
    page.fill("#nama_usaha", "PO Mahakam Wisata")
    page.fill("#jumlah_armada", "1")
    page.fill("#mulai_operasi", "2027-01-04")
    page.fill("#jam_buka", "07:30")
    expect(page.locator("[data-field=jenis_muatan]")).to_be_hidden()
    page.select_option("#jenis_angkutan", "barang")
    expect(page.locator("[data-field=jenis_muatan]")).to_be_visible()
    page.fill("#jenis_muatan", "Hasil kerajinan untuk pameran")
    page.fill("#jadwal-0-tujuan", "Balikpapan")
    page.fill("#jadwal-0-jam_berangkat", "06:00")
    page.click("[data-add-row=jadwal]")
    page.fill("#jadwal-1-tujuan", "Bontang")
    page.fill("#jadwal-1-jam_berangkat", "13:15")
    rule = page.locator("[data-rule-message=jumlah_armada]")  # the browser's own verdict
    expect(rule).to_have_text("Jadwal tidak boleh lebih banyak dari armada.")
    page.fill("#jumlah_armada", "4")
    expect(rule).to_have_count(0)
    upload(page, "surat_pernyataan", "pdf")
    snap(page, "wizard-filled")
    resi = submit_and_check_receipt(page)
    answers = page.locator("#detail-answers, [data-answers-section]").first
    expect(answers).to_contain_text("PO Mahakam Wisata")
    expect(page.locator("body")).to_contain_text("Bontang")
    return resi


# the second admin rolls back --------------------------------------------------------------------
def another_admin_rolls_back(page: Page, snap, who: str, builder: str) -> None:
    page.goto("/admin/katalog/versi/")
    page.locator("[data-rollback='1']").click()
    expect(page).to_have_url(re.compile(r"/versi/1/pulihkan$"))
    expect(page.locator("body")).to_contain_text(CODE)  # what it changes, by label or key
    page.fill("#note", "Batalkan izin angkutan wisata")
    page.click("#rollback-submit")
    expect(page).to_have_url(re.compile(r"/admin/katalog/versi/$"))
    expect(page.locator(".alert-success")).to_contain_text(
        "Isi versi 1 diterbitkan sebagai versi 3.")
    newest = page.locator("tr[data-version='3']")
    expect(newest).to_contain_text("Batalkan izin angkutan wisata")
    expect(newest).to_contain_text(who)  # who changed what
    expect(newest).to_contain_text(f"Izin dihapus (1): {NAME} ({CODE})")
    before = page.locator("tr[data-version='2']")
    expect(before).to_contain_text("Izin baru: angkutan wisata")
    expect(before).to_contain_text(builder)
    snap(page, "versions-after-rollback")


def it_is_no_longer_offered(page: Page, resi: str) -> None:
    page.goto("/permohonan")
    expect(page.locator("#applications-table")).to_contain_text(resi)  # stays, pinned
    page.click("nav.sidebar >> text=Pengajuan Permohonan")
    page.wait_for_load_state("load")
    page.select_option("#agency", "DISHUB")
    expect(page.locator("#permit option[value='IZIN-TRAYEK-AKDP']")).to_have_count(1)
    expect(page.locator(f"#permit option[value='{CODE}']")).to_have_count(0)


def test_admin_builds_a_new_permit_an_applicant_applies_another_admin_rolls_back(
        app, new_page, live_server, snap):
    publish_sample()
    builder_email, other_email = unique_email("katalog"), unique_email("katalog2")
    make_staff(app, "Admin Katalog", email=builder_email)
    make_staff(app, "Admin Katalog", email=other_email)
    _user, data = make_applicant(app)

    admin = new_page()
    staff_signs_in(admin, builder_email)
    admin.goto("/admin/katalog/draf/")
    admin.click("#start-draft")
    admin_builds_the_routing(admin, snap)
    admin_creates_the_permit(admin)
    admin_composes_the_form(admin)
    the_preview_shows_it(admin, snap)
    admin_publishes(admin, "Izin baru: angkutan wisata")

    applicant = new_page()
    resi = applicant_completes_it(applicant, data["nik"], snap)

    other = new_page()
    staff_signs_in(other, other_email)
    another_admin_rolls_back(other, snap, other_email, builder_email)
    it_is_no_longer_offered(applicant, resi)
