"""The back office in a real browser: an application travels the whole routing of its pinned
catalogue (revision with an invalid document, forward, technical advice by the right Dinas
only, signature), then the public verification page and the signed PDF itself."""

from __future__ import annotations

import re
import subprocess
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


def test_an_application_through_the_whole_back_office(app, live_server, new_page, snap,
                                                      tmp_path):
    served = live_server.app
    with served.app_context():  # files land where the served app reads them
        publish_catalogue(served)
        person, _ = make_applicant(served)
        application = make_submitted(served, person, "SIP-DOKTER")
        uid, app_id = application.uid, application.id
        holder = application.data["applicant"]["name"]
        staff = {key: make_staff(served, role, agency, email=f"{key}@contoh.id").email
                 for key, role, agency in (("verifikator", "Verifikator", "DPMPTSP"),
                                           ("dinkes", "Tim Teknis", "DINKES"),
                                           ("dkp", "Tim Teknis", "DKP"),
                                           ("ttd", "Penandatangan", "DPMPTSP"))}

    # the Verifikator returns it: KTP invalid, everything else left unmarked
    verifikator = staff_login(new_page, staff["verifikator"])
    open_from_queue(verifikator, uid)
    expect(verifikator.locator("#detail-map .leaflet-marker-icon")).to_be_visible()
    expect(verifikator.locator("[data-answers-section]").first).to_be_visible()
    expect(verifikator.locator("#action-panel button[name=action]")).to_have_count(3)
    verifikator.click("label:has(#doc-ktp-invalid)")
    verifikator.fill("#docnote-ktp", "Foto KTP buram, unggah ulang yang jelas")
    snap(verifikator, "detail-before-revision")
    press(verifikator, "revisi")
    expect(verifikator.locator(".alert-success")).to_contain_text(
        "dikembalikan kepada pemohon untuk revisi")
    expect(verifikator.locator(f"tr[data-uid='{uid}']")).to_have_count(0)

    with served.app_context():
        from app.extensions import db
        from app.models import Application, InboxMessage

        application = db.session.get(Application, app_id)
        notice = db.session.query(InboxMessage).order_by(InboxMessage.id.desc()).first()
        assert "tidak valid: Foto KTP buram" in notice.body
        replace_document(served, application, "ktp")

    # back in the queue; forwarded to technical advice
    open_from_queue(verifikator, uid)
    expect(verifikator.locator("#audit-table")).to_contain_text("Foto KTP buram")
    verifikator.click("label:has(#doc-ktp-valid)")
    press(verifikator, "lanjut")
    expect(verifikator.locator(".alert-success")).to_contain_text(
        "diteruskan ke tahap Rekomendasi Teknis")

    # only the permit's own Dinas sees it
    other = staff_login(new_page, staff["dkp"])
    other.goto(f"/admin/antrian/{uid}")
    expect(other.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    other.goto("/admin/antrian/")
    expect(other.locator("#empty-grid")).to_be_visible()

    dinkes = staff_login(new_page, staff["dinkes"])
    open_from_queue(dinkes, uid)
    dinkes.fill("#note", "Memenuhi persyaratan teknis praktik")
    press(dinkes, "lanjut")
    expect(dinkes.locator(".alert-success")).to_contain_text("Persetujuan dan Tanda Tangan")

    signer = staff_login(new_page, staff["ttd"])
    open_from_queue(signer, uid)
    expect(signer.locator("#action-panel button[name=action]")).to_have_count(3)
    press(signer, "terbitkan")
    flash = signer.locator(".alert-success")
    expect(flash).to_contain_text("Izin terbit dengan nomor")
    number = re.search(r"nomor (\S+)\.", flash.inner_text()).group(1)

    # the staff screen links to the signed PDF and the public page
    signer.goto(f"/admin/antrian/{uid}")
    expect(signer.locator("#permit-number")).to_have_text(number)
    snap(signer, "detail-issued")
    pdf = signer.request.get(f"/admin/antrian/{uid}/izin.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    token = re.search(r"/verifikasi/([\w-]+)",
                      signer.locator("#permit-verify").get_attribute("href")).group(1)

    public = new_page()
    public.goto(f"/verifikasi/{token}")
    expect(public.locator("#permit-status")).to_have_text("Berlaku")
    expect(public.locator("#permit-number")).to_have_text(number)
    expect(public.locator("#signature-status")).to_have_attribute("data-ok", "1")
    expect(public.locator("#permit-holder")).not_to_contain_text(holder)
    snap(public, "verification")

    # the signed PDF as a person sees it: rendered to PNG, its text read back
    path = tmp_path / "izin.pdf"
    path.write_bytes(pdf.body())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                    str(ARTIFACTS / "backoffice-permit")], check=True, timeout=60)
    assert list(ARTIFACTS.glob("backoffice-permit*.png"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, timeout=60,
                          capture_output=True, text=True).stdout
    assert number in text
    assert holder.split(",")[0] in text
