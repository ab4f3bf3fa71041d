"""The back office in a real browser: an application travels the whole routing of its pinned
catalogue (revision with an invalid document, forward, technical advice by the right Dinas
only, signature), then the public verification page and the signed PDF itself."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.test_account_journeys import staff_signs_in
from tests.helpers import (
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"


def staff_login(new_page, email: str) -> Page:
    page = new_page()
    staff_signs_in(page, email)
    return page


def open_from_queue(page: Page, uid: str) -> None:
    page.get_by_role("link", name="Antrian Saya").first.click()
    expect(page).to_have_url(re.compile(r"/admin/antrian/$"))
    row = page.locator(f"tr[data-uid='{uid}']")
    expect(row).to_be_visible()
    row.locator("a").first.click()
    expect(page).to_have_url(re.compile(rf"/admin/antrian/{uid}$"))


def judge_every_document_valid(page: Page) -> None:
    """The verifier's checklist: "Valid" on every document (the office refuses to forward or
    issue while one is unchecked)."""
    page.wait_for_load_state("load")
    for key in page.locator("#document-list [data-document]").evaluate_all(
            "items => items.map(item => item.dataset.document)"):
        page.click(f"label:has(#doc-{key}-valid)")


def press(page: Page, action: str) -> None:
    """An action button, then "Ya, lanjutkan" in the confirmation dialog (once the page's
    scripts have run: a click before that would submit without asking)."""
    page.wait_for_load_state("load")
    page.click(f"#action-{action}")
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#confirm-text")).not_to_be_empty()
    dialog.locator("#confirm-ok").click()
    expect(page).to_have_url(re.compile(r"/admin/antrian/$"))


def replace_document(app, application, key: str) -> None:
    """The applicant's revision (their Revisi screen is built elsewhere): a new file for the
    requirement, then Submit Revisi, through the same services."""
    from app.services import applications as apps
    from app.services import workflow
    from tests.helpers import make_file

    stored = make_file(app, application.applicant, "pdf", f"{key}-baru")
    data = application.data
    details, documents = dict(data["details"]), dict(data["documents"])
    covered = apps.file_fields(apps.form_definition(application))
    if key in covered:
        details[covered[key]] = stored.uid
    else:
        documents[key] = stored.uid
    assert not apps.save_details(application, details, documents, True, check=True)
    workflow.resubmit(application, application.applicant)


@dataclass
class Case:
    """The submitted application the journey follows, and who works on it."""
    uid: str
    app_id: int
    holder: str
    staff: dict[str, str]  # desk -> e-mail


def a_submitted_application_and_its_staff(served) -> Case:
    with served.app_context():  # files land where the served app reads them
        publish_catalogue(served)
        person, _ = make_applicant(served)
        application = make_submitted(served, person, "SIP-DOKTER")
        staff = {key: make_staff(served, role, agency, email=f"{key}@contoh.id").email
                 for key, role, agency in (("verifikator", "Verifikator", "DPMPTSP"),
                                           ("dinkes", "Tim Teknis", "DINKES"),
                                           ("dkp", "Tim Teknis", "DKP"),
                                           ("ttd", "Penandatangan", "DPMPTSP"))}
        return Case(application.uid, application.id, application.data["applicant"]["name"],
                    staff)


def verifikator_returns_it_with_the_ktp_invalid(new_page, snap, case: Case) -> Page:
    """KTP invalid, everything else left unmarked."""
    verifikator = staff_login(new_page, case.staff["verifikator"])
    open_from_queue(verifikator, case.uid)
    expect(verifikator.locator("#detail-map .leaflet-marker-icon")).to_be_visible()
    expect(verifikator.locator("[data-answers-section]").first).to_be_visible()
    expect(verifikator.locator("#action-panel button[name=action]")).to_have_count(3)
    verifikator.click("label:has(#doc-ktp-invalid)")
    verifikator.fill("#docnote-ktp", "Foto KTP buram, unggah ulang yang jelas")
    snap(verifikator, "detail-before-revision")
    press(verifikator, "revisi")
    expect(verifikator.locator(".alert-success")).to_contain_text(
        "dikembalikan kepada pemohon untuk revisi")
    expect(verifikator.locator(f"tr[data-uid='{case.uid}']")).to_have_count(0)
    return verifikator


def applicant_is_told_and_replaces_the_ktp(served, case: Case) -> None:
    with served.app_context():
        from app.extensions import db
        from app.models import Application, InboxMessage

        application = db.session.get(Application, case.app_id)
        notice = db.session.query(InboxMessage).order_by(InboxMessage.id.desc()).first()
        assert "tidak valid: Foto KTP buram" in notice.body
        replace_document(served, application, "ktp")


def verifikator_forwards_it_to_technical_advice(verifikator: Page, case: Case) -> None:
    open_from_queue(verifikator, case.uid)
    expect(verifikator.locator("#audit-table")).to_contain_text("Foto KTP buram")
    judge_every_document_valid(verifikator)
    press(verifikator, "lanjut")
    expect(verifikator.locator(".alert-success")).to_contain_text(
        "diteruskan ke tahap Rekomendasi Teknis")


def another_dinas_neither_opens_nor_lists_it(new_page, case: Case) -> None:
    other = staff_login(new_page, case.staff["dkp"])
    other.goto(f"/admin/antrian/{case.uid}")
    expect(other.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    other.goto("/admin/antrian/")
    expect(other.locator("#empty-grid")).to_be_visible()


def the_permits_dinas_advises(new_page, case: Case) -> None:
    dinkes = staff_login(new_page, case.staff["dinkes"])
    open_from_queue(dinkes, case.uid)
    dinkes.fill("#note", "Memenuhi persyaratan teknis praktik")
    press(dinkes, "lanjut")
    expect(dinkes.locator(".alert-success")).to_contain_text("Persetujuan dan Tanda Tangan")


def the_signer_issues_it(new_page, case: Case) -> tuple[Page, str]:
    """Returns the signer's page and the permit number the flash message announces."""
    signer = staff_login(new_page, case.staff["ttd"])
    open_from_queue(signer, case.uid)
    expect(signer.locator("#action-panel button[name=action]")).to_have_count(3)
    press(signer, "terbitkan")
    flash = signer.locator(".alert-success")
    expect(flash).to_contain_text("Izin terbit dengan nomor")
    return signer, re.search(r"nomor (\S+)\.", flash.inner_text()).group(1)


def staff_screen_links_the_pdf_and_the_public_page(signer: Page, snap, case: Case,
                                                   number: str):
    """Returns the signed PDF response and the public verification token."""
    signer.goto(f"/admin/antrian/{case.uid}")
    expect(signer.locator("#permit-number")).to_have_text(number)
    snap(signer, "detail-issued")
    pdf = signer.request.get(f"/admin/antrian/{case.uid}/izin.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    token = re.search(r"/verifikasi/([\w-]+)",
                      signer.locator("#permit-verify").get_attribute("href")).group(1)
    return pdf, token


def public_page_says_valid_without_the_holders_name(new_page, snap, token: str, number: str,
                                                    holder: str) -> None:
    public = new_page()
    public.goto(f"/verifikasi/{token}")
    expect(public.locator("#permit-status")).to_have_text("Berlaku")
    expect(public.locator("#permit-number")).to_have_text(number)
    expect(public.locator("#signature-status")).to_have_attribute("data-ok", "1")
    expect(public.locator("#permit-holder")).not_to_contain_text(holder)
    snap(public, "verification")


def signed_pdf_renders_and_reads_back(body: bytes, tmp_path, number: str, holder: str) -> None:
    """The signed PDF as a person sees it: rendered to PNG, its text read back."""
    path = tmp_path / "izin.pdf"
    path.write_bytes(body)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                    str(ARTIFACTS / "backoffice-permit")], check=True, timeout=60)
    assert list(ARTIFACTS.glob("backoffice-permit*.png"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, timeout=60,
                          capture_output=True, text=True).stdout
    assert number in text
    assert holder.split(",")[0] in text


def test_an_application_through_the_whole_back_office(app, live_server, new_page, snap,
                                                      tmp_path):
    served = live_server.app
    case = a_submitted_application_and_its_staff(served)
    verifikator = verifikator_returns_it_with_the_ktp_invalid(new_page, snap, case)
    applicant_is_told_and_replaces_the_ktp(served, case)
    verifikator_forwards_it_to_technical_advice(verifikator, case)  # back in the queue
    another_dinas_neither_opens_nor_lists_it(new_page, case)  # only the permit's own Dinas
    the_permits_dinas_advises(new_page, case)
    signer, number = the_signer_issues_it(new_page, case)
    pdf, token = staff_screen_links_the_pdf_and_the_public_page(signer, snap, case, number)
    public_page_says_valid_without_the_holders_name(new_page, snap, token, number, case.holder)
    signed_pdf_renders_and_reads_back(pdf.body(), tmp_path, number, case.holder)
