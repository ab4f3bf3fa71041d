"""axe-core (axe-playwright-python) over every public and applicant page in a real browser:
no serious or critical violation, in Indonesian and in English."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.test_account_journeys import log_in
from tests.helpers import (
    fill_draft,
    make_applicant,
    make_file,
    make_staff,
    make_submitted,
    publish_catalogue,
    walk_routing,
)

AXE = Axe()
SERIOUS = ("serious", "critical")


def violations(page: Page) -> list[str]:
    """Serious and critical findings, each with the first elements it names."""
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    return [f"{page.url} {v['id']} ({v['impact']}): {v['help']} -> "
            f"{[n['target'] for n in v['nodes']][:4]}"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


def check(page: Page, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(path)
        assert response.status < 500, (path, response.status)
        page.wait_for_load_state("load")
        found += violations(page)
    return found


@pytest.fixture
def portal(app):
    from app.models import FaqEntry, HelpPage, PortalAnnouncement
    from app.services import portal_seed

    publish_catalogue(app)
    portal_seed.seed_if_empty()
    from app.extensions import db

    return {"page": db.session.scalars(db.select(HelpPage.slug)).first(),
            "announcement": db.session.scalars(db.select(PortalAnnouncement.id)).first(),
            "faq": db.session.scalars(db.select(FaqEntry.id)).first()}


def test_public_pages_have_no_serious_violations(app, page, portal):
    user, _ = make_applicant(app)
    issued = walk_routing(app, make_submitted(app, user, "SIP-DOKTER"))
    running = make_submitted(app, user, "SIPA")
    paths = ["/", "/persyaratan", "/persyaratan/SIP-DOKTER", "/lacak",
             f"/lacak?resi={running.resi}", "/lacak?resi=SALAH", "/webgis", "/bantuan",
             "/bantuan/faq", "/bantuan/faq?q=password", f"/bantuan/{portal['page']}",
             f"/pengumuman/{portal['announcement']}", "/masuk", "/daftar",
             "/daftar/perorangan", "/daftar/badan-usaha", "/lupa-password",
             f"/verifikasi/{issued.permit.token}", "/halaman-tidak-ada"]
    found = check(page, paths)
    page.goto("/bahasa/en")
    found += check(page, ["/", "/webgis", "/bantuan/faq", f"/lacak?resi={running.resi}"])
    assert found == [], "\n".join(found)


def test_applicant_pages_have_no_serious_violations(app, page, portal):
    user, data = make_applicant(app)
    make_file(app, user, "pdf", "KTP")
    draft = fill_draft(app, user, "SIP-DOKTER")
    from app.services import applications as apps

    apps.reach_review(draft)
    in_process = make_submitted(app, user, "SIPA")
    returned = make_submitted(app, user, "SIP-PERAWAT")
    from app import casework
    from app.services import review

    review.act(returned, casework.actor_for(make_staff(app, "Verifikator", "DPMPTSP")),
               "revisi", note="Perbaiki STR.")
    issued = walk_routing(app, make_submitted(app, user, "IZOP-RS"))
    from app.extensions import db
    from app.models import InboxMessage

    message = db.session.scalars(db.select(InboxMessage.id)).first()
    log_in(page, data["nik"])
    expect(page).to_have_url(__import__("re").compile(r"/dashboard$"))
    wizard = [f"/permohonan/{draft.uid}/langkah/{step}"
              for step in ("jenis", "pemohon", "perusahaan", "lokasi", "detail")]
    paths = ["/dashboard", "/permohonan/baru", "/permohonan/baru?agency=DINKES&permit="
             "SIP-DOKTER&application_type=baru", *wizard, f"/permohonan/{draft.uid}/validasi",
             "/permohonan", "/permohonan/draf", f"/permohonan/{in_process.uid}",
             f"/permohonan/{returned.uid}", f"/permohonan/{issued.uid}", "/revisi",
             "/file-saya", "/file-saya/unggah", "/inbox", f"/inbox/{message}", "/monitoring",
             f"/monitoring?resi={returned.resi}", "/akun/profil", "/akun/password",
             "/akun/token-api"]
    found = check(page, paths)
    page.goto("/bahasa/en")
    found += check(page, ["/dashboard", "/monitoring", f"/permohonan/{draft.uid}/validasi"])
    assert found == [], "\n".join(found)


def test_the_staff_consoles_navigation_reads_clearly(app, page, portal):
    """The top bar's links (Beranda, Kotak Keluar, …) on the green bar pass WCAG AA contrast,
    for a role with many screens, in both languages, at desktop width."""
    from tests.e2e.test_account_journeys import staff_signs_in, unique_email

    email = unique_email("super")
    make_staff(app, "Super Admin", email=email)
    page.set_viewport_size({"width": 1366, "height": 900})
    staff_signs_in(page, email)
    found = []
    for language in ("id", "en"):
        page.goto(f"/bahasa/{language}")
        page.goto("/admin/")
        page.wait_for_load_state("load")
        results = AXE.run(page, context="#admin-navbar")
        found += [f"{language} {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
                  for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert found == [], "\n".join(found)


def every_violation(page: Page) -> list[str]:
    """All of axe's findings, moderate and minor too, each with the elements it names."""
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    return [f"{page.url} {v['id']} ({v['impact']}): {v['help']} -> "
            f"{[n['target'] for n in v['nodes']][:4]}" for v in results.response["violations"]]


def test_the_pages_an_applicant_meets_first_have_no_violation_of_any_impact(app, page, portal):
    """Moderate and minor findings too (content outside landmarks: the floating WhatsApp
    button was), on the public forms and the wizard, in both languages."""
    user, data = make_applicant(app)
    draft = fill_draft(app, user, "SIP-DOKTER")
    public = ["/", "/persyaratan", "/persyaratan/SIP-DOKTER", "/lacak", "/masuk",
              "/daftar/perorangan", "/pengaduan/baru", "/survey-kepuasan/isi", "/bantuan"]
    found = []
    for language in ("id", "en"):
        page.goto(f"/bahasa/{language}")
        for path in public:
            page.goto(path)
            page.wait_for_load_state("load")
            found += every_violation(page)
    log_in(page, data["nik"])
    expect(page).to_have_url(__import__("re").compile(r"/dashboard$"))
    for path in ("/dashboard", f"/permohonan/{draft.uid}/langkah/detail", "/pengaduan/kirim"):
        page.goto(path)
        page.wait_for_load_state("load")
        found += every_violation(page)
    assert found == [], "\n".join(found)
