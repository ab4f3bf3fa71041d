"""The whole journey in a real browser, for three routings: the applicant submits through the
wizard, the first step returns it with a document marked invalid, the applicant revises, then
every step of the pinned routing acts (one Dinas, two Dinas in parallel, or the roles of a
catalogue the code has never seen), the applicant downloads the signed permit, the signature
validates, the page rendered to PNG carries the number, the holder and a QR code that reads
back as the public verification page, which says the permit is valid.

Nothing here knows a permit: forms are filled from their definitions, staff are made from the
routing's steps."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.answer_factory import REGION_BY_LEVEL, SAMPLE_BYTES, answers_for
from tests.e2e.test_account_journeys import log_in
from tests.e2e.test_backoffice_journey import (
    judge_every_document_valid,
    open_from_queue,
    press,
    staff_login,
)
from tests.e2e.test_wizard_journeys import choose_permit, fill_location
from tests.helpers import make_applicant, make_staff, publish_catalogue
from tests.unit.catalogue.catalogue_builders import make_catalogue_dict
from tests.unit.test_documents import assert_page_qr_encodes

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
SCENARIOS = {
    "satu-dinas": ("sample", "SIP-DOKTER", "baru", "perorangan"),
    "dua-dinas-paralel": ("sample", "SIPA", "baru", "badan_usaha"),
    "katalog-baru": ("generated", "TDUP-HOMESTAY", "daftar", "perorangan"),
}


# filling any generated form --------------------------------------------------------------------
def fill_field(page: Page, spec: dict, value, name: str, scope=None) -> None:
    scope = scope or page
    wrapper = scope.locator(f"[data-field='{spec['key']}']").first
    if not wrapper.is_visible():
        return
    kind = spec["type"]
    if kind == "group":
        for i, row in enumerate(value):
            if i:
                page.click(f"[data-add-row='{name}']")
            box = page.locator(f"[data-row-prefix='{name}-{i}-']")
            for sub in spec["fields"]:
                fill_field(page, sub, row[sub["key"]], f"{name}-{i}-{sub['key']}", box)
    elif kind in ("select", "lookup"):
        page.select_option(f"#{name}", str(value))
    elif kind == "radio":
        values = [o["value"] if isinstance(o, dict) else o for o in spec["options"]]
        page.check(f"#{name}-{values.index(value)}")
    elif kind == "multiselect":
        values = [o["value"] if isinstance(o, dict) else o for o in spec["options"]]
        for chosen in value:
            page.check(f"#{name}-{values.index(chosen)}")
    elif kind == "boolean":
        if value:
            page.check(f"#{name}")
    elif kind == "region":
        level = spec.get("level", "village")
        for lvl in ("province", "regency", "district", "village"):
            select = wrapper.locator(f"select[data-region-level='{lvl}']")
            code = REGION_BY_LEVEL[lvl]
            expect(select.locator(f"option[value='{code}']")).to_have_count(1)
            select.select_option(code)
            if lvl == level:
                break
    elif kind == "geopoint":
        lat, lng = str(value).split(",")
        page.fill(f"#{name}-lat", lat)
        page.fill(f"#{name}-lng", lng)
    elif kind == "file":
        upload(page, spec["key"], value)
    else:
        page.fill(f"#{name}", str(value))


def upload(page: Page, slot: str, ext: str, name: str | None = None) -> None:
    target = page.locator(f"[data-doc-slot='{slot}']")
    target.locator("input[data-doc-file]").set_input_files(files=[{
        "name": f"{name or slot}.{ext}", "mimeType": "application/octet-stream",
        "buffer": SAMPLE_BYTES[ext]}])
    expect(target.locator("[data-doc-status]")).to_contain_text("Upload berhasil")


def applicable(permit: dict, kind: str) -> list[dict]:
    return [r for r in permit["requirements"]
            if kind in r.get("applies_to", permit["application_types"])]


def fill_detail_step(page: Page, permit: dict, kind: str, lookups: dict) -> None:
    form = permit.get("form") or {"sections": []}
    covered = {f.get("requirement") for s in form["sections"] for f in s["fields"]
               if f["type"] == "file"}
    first_format = {r["key"]: r["formats"][0] for r in permit["requirements"]}
    answers = answers_for(form, lookups=lookups, files_by_requirement=first_format)
    for section in form["sections"]:
        for spec in section["fields"]:
            fill_field(page, spec, answers[spec["key"]], spec["key"])
    for requirement in applicable(permit, kind):
        if requirement["key"] not in covered:
            upload(page, requirement["key"], requirement["formats"][0])


# the journey ---------------------------------------------------------------------------------
def staff_for(app, steps: list[dict], permit: dict) -> dict:
    """One staff member per (role, agency) the routing names, '@permit' resolved."""
    made = {}
    for step in steps:
        for agency in step.get("agencies") or [step.get("agency", "@permit")]:
            agency = permit["agency"] if agency == "@permit" else agency
            key = (step["role"], agency)
            if key not in made:
                email = f"{step['role'].lower().replace(' ', '')}.{agency.lower()}@contoh.id"
                made[key] = make_staff(app, step["role"], agency, email=email).email
    return made


def forward_action(step: dict) -> str:
    """The step's way forward: to another step, or issuing at the end."""
    actions = step["actions"]
    issue = [a for a, target in actions.items() if target == "@issued"]
    if issue:
        return issue[0]
    step_keys = [a for a, target in actions.items() if not target.startswith("@")]
    return step_keys[0]


@dataclass
class Scene:
    """The published catalogue, the permit applied for, its routing and the people."""
    cat: object
    permit: dict
    routing: dict
    lookups: dict
    staff: dict  # (role, agency) -> e-mail
    identity: str  # the applicant's NIK or NPWP
    kind: str  # application type
    applicant_kind: str


def published_catalogue_applicant_and_staff(served, scenario: str) -> Scene:
    source, code, kind, applicant_kind = SCENARIOS[scenario]
    with served.app_context():
        from app.services import catalogue_store

        publish_catalogue(served, make_catalogue_dict() if source == "generated" else None)
        cat = catalogue_store.current()
        permit = cat.permit(code)
        routing = cat.routing(permit["routing"])
        lookups = cat.lookup_tables()
        _user, person = make_applicant(served, kind=applicant_kind)
        staff = staff_for(served, routing["steps"], permit)
    return Scene(cat, permit, routing, lookups, staff, person.get("nik") or person["npwp"],
                 kind, applicant_kind)


def uninvolved_agency(served, scene: Scene) -> str | None:
    """A Dinas with no part in this application: not the office (which reads everything), not
    the permit's own Dinas, none the routing names (a generated catalogue may have none left)."""
    involved = {served.config["OFFICE_AGENCY"], scene.permit["agency"]}
    for routed in scene.routing["steps"]:
        involved |= set(routed.get("agencies") or [routed.get("agency", "@permit")])
    return next((a["code"] for a in scene.cat.agencies if a["code"] not in involved), None)


class Desks:
    """One logged-in browser per staff member, opened at first use."""

    def __init__(self, new_page, served, scene: Scene):
        self.new_page, self.served, self.scene = new_page, served, scene
        self.pages: dict[tuple[str, str], Page] = {}
        self.other = uninvolved_agency(served, scene)

    def of(self, role: str, agency: str) -> Page:
        agency = self.scene.permit["agency"] if agency == "@permit" else agency
        if (role, agency) not in self.pages:
            self.pages[(role, agency)] = staff_login(self.new_page,
                                                     self.scene.staff[(role, agency)])
        return self.pages[(role, agency)]

    def outsider(self, role: str) -> Page:
        """The same role in the uninvolved Dinas (made on first use)."""
        other = self.other
        if (role, other) not in self.pages:
            with self.served.app_context():
                email = f"luar.{role.lower().replace(' ', '')}.{other.lower()}@contoh.id"
                self.pages[(role, other)] = staff_login(self.new_page, make_staff(
                    self.served, role, other, email=email).email)
        return self.pages[(role, other)]


def applicant_submits_through_the_wizard(applicant: Page, scene: Scene) -> str:
    """Returns the uid of the submitted application."""
    log_in(applicant, scene.identity)
    choose_permit(applicant, scene.permit["agency"], scene.permit["code"], scene.kind)
    applicant.click("#choose-process")
    applicant.click("#wizard-next")
    if scene.applicant_kind == "badan_usaha":
        applicant.select_option("#form", "PT")
        applicant.select_option("#status", "Pusat")
    applicant.click("#wizard-next")
    fill_location(applicant)
    applicant.click("#wizard-next")
    # the detail step is loaded, with its scripts, before its fields are looked at: a field
    # looked for on the previous page counts as hidden and would be left empty
    expect(applicant.locator("#documents")).to_be_visible()
    applicant.wait_for_load_state("load")
    fill_detail_step(applicant, scene.permit, scene.kind, scene.lookups)
    applicant.click("#wizard-next")  # Validasi Data: everything read-only, then Kirim
    expect(applicant.locator("#review-answers")).to_be_visible()
    applicant.check("#declaration")
    applicant.click("#wizard-submit")
    expect(applicant.locator(".alert-success")).to_contain_text("Nomor resi Anda")
    applicant.locator("#applications-table tbody a").first.click()
    return re.search(r"/permohonan/([\w-]+)$", applicant.url).group(1)


def first_step_returns_it(desks: Desks, scene: Scene, uid: str, flagged: dict) -> None:
    """The first step sends it back with one document marked invalid."""
    first = scene.routing["steps"][0]
    returned = next(a for a, target in first["actions"].items() if target == "@applicant")
    desk = desks.of(first["role"], first.get("agency", "@permit"))
    open_from_queue(desk, uid)
    desk.click(f"label:has(#doc-{flagged['key']}-invalid)")
    desk.fill(f"#docnote-{flagged['key']}", "Dokumen buram, unggah ulang")
    press(desk, returned)


def applicant_revises_the_document(applicant: Page, permit: dict, uid: str,
                                   flagged: dict) -> None:
    """From the Revisi screen, a new file for the flagged requirement."""
    applicant.goto("/revisi")
    expect(applicant.locator(f"[data-revision='{uid}']")).to_contain_text("Dokumen buram")
    applicant.click(f"[data-revision='{uid}'] a:has-text('Perbaiki')")
    applicant.goto(f"/permohonan/{uid}/langkah/detail")
    fields = {f.get("requirement"): f["key"] for s in (permit.get("form") or {}).get(
        "sections", []) for f in s["fields"] if f["type"] == "file"}
    slot_key = fields.get(flagged["key"], flagged["key"])  # a form field or its own slot
    slot = applicant.locator(f"[data-doc-slot='{slot_key}']")
    expect(slot).to_contain_text("Perlu diperbaiki")
    upload(applicant, slot_key, flagged["formats"][0], name="perbaikan")
    applicant.click("#wizard-next")
    applicant.check("#declaration")
    applicant.click("#wizard-submit")
    expect(applicant.locator(".alert-success")).to_contain_text("Revisi berhasil dikirim")


def every_step_acts_in_turn(desks: Desks, routing: dict, uid: str) -> None:
    """Each agency of a parallel step once; at each later step the same role in an uninvolved
    Dinas neither sees nor opens the application."""
    steps = {step["key"]: step for step in routing["steps"]}
    first = step = routing["steps"][0]
    while True:
        action = forward_action(step)
        if step is not first and desks.other:
            outsider = desks.outsider(step["role"])
            outsider.goto("/admin/antrian/")
            expect(outsider.locator(f"tr[data-uid='{uid}']")).to_have_count(0)
            assert outsider.request.get(f"/admin/antrian/{uid}").status == 404
        for agency in step.get("agencies") or [step.get("agency", "@permit")]:
            page = desks.of(step["role"], agency)
            open_from_queue(page, uid)
            if step is first:
                judge_every_document_valid(page)
            press(page, action)
            expect(page.locator(".alert-success")).to_be_visible()
        target = step["actions"][action]
        if target == "@issued":
            break
        step = steps[target]


def applicant_downloads_the_signed_permit(applicant: Page, uid: str) -> tuple[str, bytes]:
    """Returns the permit number the detail page shows and the PDF's bytes."""
    applicant.goto(f"/permohonan/{uid}")
    expect(applicant.locator("#print-permit")).to_be_visible()
    number = applicant.locator("#detail-permit-number").inner_text()
    pdf = applicant.request.get(applicant.locator("#print-permit").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    return number, pdf.body()


def signed_permit_validates_and_reads_back(served, signing_config, body: bytes, number: str,
                                           uid: str, tmp_path, scenario: str) -> str:
    """Signature, text, a PNG of page 1 and its QR code; returns the verification token."""
    from app.signing.verify import validate_pdf_signature

    report = validate_pdf_signature(body, [Path(signing_config["SIGNING_TRUST_ROOTS"])
                                           .read_bytes()])
    assert report.intact and report.valid and report.trusted, report
    assert report.subfilter == "ETSI.CAdES.detached"
    path = tmp_path / "izin.pdf"
    path.write_bytes(body)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, timeout=60,
                          capture_output=True, text=True).stdout
    assert number in text
    with served.app_context():
        from app.extensions import db
        from app.models import Application

        application = db.session.query(Application).filter_by(uid=uid).one()
        holder = application.permit.holder_name
        token = application.permit.token
    assert holder.split(",")[0] in " ".join(text.split())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                    str(ARTIFACTS / f"journey-{scenario}-permit")], check=True, timeout=60)
    assert_page_qr_encodes(body, f"http://127.0.0.1/verifikasi/{token}")
    return token


def public_page_says_valid(new_page, snap, token: str, number: str) -> None:
    public = new_page()
    public.goto(f"/verifikasi/{token}")
    expect(public.locator("#permit-status")).to_have_text("Berlaku")
    expect(public.locator("#permit-number")).to_have_text(number)
    snap(public, "verification")


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_whole_journey(app, live_server, new_page, signing_config, snap, tmp_path,
                           scenario):
    served = live_server.app
    scene = published_catalogue_applicant_and_staff(served, scenario)
    applicant = new_page()
    uid = applicant_submits_through_the_wizard(applicant, scene)
    flagged = applicable(scene.permit, scene.kind)[0]
    desks = Desks(new_page, served, scene)
    first_step_returns_it(desks, scene, uid, flagged)
    applicant_revises_the_document(applicant, scene.permit, uid, flagged)
    every_step_acts_in_turn(desks, scene.routing, uid)
    number, body = applicant_downloads_the_signed_permit(applicant, uid)
    token = signed_permit_validates_and_reads_back(served, signing_config, body, number, uid,
                                                   tmp_path, scenario)
    public_page_says_valid(new_page, snap, token, number)
