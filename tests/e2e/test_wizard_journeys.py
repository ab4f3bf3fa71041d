"""The application wizard in a real browser, once per kind of applicant: cascading choice,
a map click, a lookup pick, a repeating group, uploads straight into requirement slots, the
receipt PDF, and a draft that is still there after logging out and back in."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.answer_factory import SAMPLE_BYTES
from tests.e2e.test_account_journeys import choose_region, log_in, scripts_ready
from tests.helpers import make_applicant, publish_catalogue

DOCTOR_NIK = "6472015505900001"


def choose_permit(page: Page, agency: str, permit: str, kind: str) -> None:
    page.click("nav.sidebar >> text=Pengajuan Permohonan")
    expect(page).to_have_url(re.compile(r"/permohonan/baru"))
    page.wait_for_load_state("load")
    page.select_option("#agency", agency)
    expect(page.locator(f"#permit option[value='{permit}']")).to_have_count(1)
    page.select_option("#permit", permit)
    expect(page.locator(f"#application_type option[value='{kind}']")).to_have_count(1)
    page.select_option("#application_type", kind)
    expect(page.locator("#requirement-list")).to_be_visible()
    expect(page.locator("#choose-process")).to_be_enabled()


def on_step(page: Page, step: str) -> None:
    """The step's page has loaded and its scripts have run: date boxes become dd/mm/yyyy
    text boxes (the native input is hidden then), maps and upload slots are bound. A fill
    before that can land on the input the script is about to hide."""
    expect(page).to_have_url(re.compile(rf"/langkah/{step}$"))
    scripts_ready(page)


def fill_location(page: Page) -> None:
    on_step(page, "lokasi")
    page.fill("#street", "Jl. Basuki Rahmat")
    page.fill("#number", "12")
    page.fill("#rt", "003")
    page.fill("#rw", "001")
    choose_region(page)
    page.locator("#location-map").scroll_into_view_if_needed()
    box = page.locator("#location-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#latitude")).to_have_value(re.compile(r"^-?\d+\.\d{6}$"))
    expect(page.locator("#longitude")).to_have_value(re.compile(r"^\d+\.\d{6}$"))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)


def click_point(page: Page, field: str) -> None:
    """A geopoint field of the permit's form: click its small map."""
    canvas = page.locator(f"[data-field='{field}'] .map-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.55)
    expect(page.locator(f"[data-field='{field}'] [data-geo=lat]")).not_to_have_value("")


def upload_slot(page: Page, slot: str, ext: str) -> None:
    target = page.locator(f"[data-doc-slot='{slot}']")
    target.locator("input[data-doc-file]").set_input_files(files=[{
        "name": f"{slot}.{ext}", "mimeType": "application/octet-stream",
        "buffer": SAMPLE_BYTES[ext]}])
    expect(target.locator("[data-doc-status]")).to_contain_text("Upload berhasil")


def submit_and_check_receipt(page: Page) -> str:
    page.click("#wizard-next")
    expect(page).to_have_url(re.compile(r"/validasi$"))
    page.check("#declaration")
    page.click("#wizard-submit")
    expect(page).to_have_url(re.compile(r"/permohonan$"))
    flash = page.locator(".alert-success")
    expect(flash).to_contain_text("Permohonan berhasil dikirim. Nomor resi Anda:")
    resi = re.search(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", flash.inner_text()).group(0)
    page.click(f"#applications-table a:has-text('{resi}')")
    expect(page.locator("#detail-resi")).to_have_text(resi)
    href = page.locator("#print-receipt").get_attribute("href")
    pdf = page.request.get(href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert resi in text
    assert page.locator("#detail-registration").inner_text() in text
    return resi


def test_perorangan_applies_for_a_practice_permit(app, page, live_server, snap):
    publish_catalogue(app)
    _user, data = make_applicant(app)
    log_in(page, data["nik"])
    choose_permit(page, "DINKES", "SIP-DOKTER", "baru")
    expect(page.locator("#info-sla")).to_have_text("5 hari kerja")
    expect(page.locator("#info-fee")).to_have_text("Gratis")
    page.click("#choose-process")

    expect(page.locator("#phone")).to_have_value(data["phone"])  # step 2, prefilled
    page.click("#wizard-next")
    expect(page.locator("#company-fields")).to_be_hidden()  # step 3: skipped, no "0" or "-"
    page.click("#wizard-next")
    fill_location(page)
    page.click("#wizard-next")

    # step 5: the permit's own form, conditions live in the page
    on_step(page, "detail")
    page.fill("#doctor_nik", DOCTOR_NIK)
    page.fill("#str_number", "1234567890123456")
    page.fill("#str_valid_until", "2029-12-31")
    page.check("#specialty-1")
    expect(page.locator("[data-field=specialty_name]")).to_be_visible()
    page.check("#specialty-0")
    expect(page.locator("[data-field=specialty_name]")).to_be_hidden()
    expect(page.locator("[data-field=faskes]")).to_be_hidden()
    page.select_option("#practice_kind", "non_mandiri")
    expect(page.locator("[data-field=faskes]")).to_be_visible()
    page.fill("[data-filter-select=faskes]", "wahab")
    expect(page.locator("#faskes option:not([hidden])")).to_have_count(2)  # blank + match
    page.select_option("#faskes", "6472RS001")
    click_point(page, "practice_point")
    expect(page.locator("[data-field=other_practices]")).to_be_hidden()
    page.fill("#practice_order", "3")
    expect(page.locator("[data-field=other_practices]")).to_be_visible()
    page.fill("#other_practices-0-place_name", "Klinik Sehat Sentosa")
    page.fill("#other_practices-0-sip_number", "503/0001/SIP-D/2025")
    page.click("[data-add-row=other_practices]")
    page.fill("#other_practices-1-place_name", "RS Dirgahayu")
    page.fill("#other_practices-1-sip_number", "503/0002/SIP-D/2025")
    expect(page.locator("[data-add-row=other_practices]")).to_be_disabled()  # max 2 rows
    page.fill("#contact_email", "dokter@contoh.id")
    page.fill("#contact_phone", "081255556666")
    upload_slot(page, "str_scan", "pdf")  # a form field that answers a requirement
    for slot, ext in (("ktp", "jpg"), ("ijazah", "pdf"), ("rekom_idi", "pdf"),
                      ("pas_foto", "png"), ("pernyataan", "pdf")):
        upload_slot(page, slot, ext)
    snap(page, "step5-filled")
    resi = submit_and_check_receipt(page)
    expect(page.locator("[data-answers-section=praktik]")).to_contain_text(
        "RSUD Abdul Wahab Sjahranie")
    expect(page.locator("[data-answers-section=praktik]")).to_contain_text("RS Dirgahayu")
    assert resi


def test_badan_usaha_applies_and_resumes_a_draft_after_logging_out(app, page, live_server,
                                                                   snap):
    publish_catalogue(app)
    _user, data = make_applicant(app, kind="badan_usaha")
    log_in(page, data["npwp"])
    # a draft left half way, then logout and back in: it is still there
    choose_permit(page, "DINKES", "IZOP-RS", "baru")
    page.click("#choose-process")
    page.click("#wizard-next")
    expect(page.locator("#name")).to_have_value("PT Maju Jaya")  # prefilled from the profile
    page.select_option("#form", "PT")
    page.select_option("#status", "Pusat")
    page.click("#wizard-next")
    page.fill("#street", "Jl. Setengah Jalan")
    page.click("#wizard-back")
    scripts_ready(page)
    page.click("#user-menu")
    page.click("#topnav button:has-text(\"Logout\")")
    expect(page).to_have_url(re.compile(r"/masuk"))
    log_in(page, data["npwp"])
    expect(page.locator("#my-drafts")).to_contain_text("Izin Operasional Rumah Sakit")
    page.click("#my-drafts a:has-text('Lanjutkan')")
    expect(page).to_have_url(re.compile(r"/langkah/lokasi$"))
    expect(page.locator("#street")).to_have_value("Jl. Setengah Jalan")
    fill_location(page)
    page.click("#wizard-next")
    on_step(page, "detail")

    page.fill("#hospital_name", "RS Mitra Husada")
    page.check("#hospital_kind-0")
    page.fill("[data-filter-select=kbli]", "rumah sakit swasta")
    page.select_option("#kbli", "86103")
    page.check("#services-0")
    page.fill("#bed_count", "120")
    page.select_option("[data-field=regency] select[data-region-level=province]", "64")
    regency = page.locator("[data-field=regency] select[data-region-level=regency]")
    expect(regency.locator("option[value='64.72']")).to_have_count(1)
    regency.select_option("64.72")
    click_point(page, "location")
    page.fill("#company_npwp", data["npwp"])
    page.fill("#company_nib", "1234567890123")
    page.fill("#medical_staff-0-name", "dr. Andi Wijaya")
    page.select_option("#medical_staff-0-profession", "Dokter Umum")
    page.fill("#medical_staff-0-str_number", "1234567890123456")
    page.click("[data-add-row=medical_staff]")
    page.fill("#medical_staff-1-name", "Ns. Rina")
    page.select_option("#medical_staff-1-profession", "Perawat")
    page.fill("#medical_staff-1-str_number", "6543210987654321")
    page.fill("#contact_email", "rs@contoh.id")
    page.fill("#contact_phone", "081211112222")
    for slot in ("akta", "npwp", "nib", "peta", "denah", "dokling", "profil_rs",
                 "rekom_dinkes_kabkota"):
        upload_slot(page, slot, "pdf")
    snap(page, "step5-filled")
    submit_and_check_receipt(page)
    section = page.locator("[data-answers-section=rumah_sakit]")
    expect(section).to_contain_text("Aktivitas Rumah Sakit Swasta")
    expect(section).to_contain_text("Ns. Rina")
