"""Survey IKM in a real browser: an applicant whose permit was issued reads the invitation in
the Inbox, fills the survey from Permohonan Saya once (a second time is refused, also on the
portal by resi), staff open the IKM report and read the figures of the answers given in this
test as a hand computation gives them, publish them, and the portal shows them.

Screenshots of the form, the report and the public summary at 1366 and 390 px wide land in
test-artifacts/e2e/ (look at them)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.test_account_journeys import log_in, staff_signs_in
from tests.helpers import (
    make_applicant,
    make_finished,
    make_staff,
    publish_catalogue,
    publish_questionnaire,
)
from tests.survey_helpers import UNSUR, answers

# unsur code -> the answer the browser gives (others 3); two more respondents answer by service
IN_BROWSER = {"U1": 4, "U2": 4, "U3": 2, "U4": 3, "U5": 4, "U6": 4, "U7": 4, "U8": 3, "U9": 2}
OTHERS = [{c: 3 for c in UNSUR}, {**{c: 2 for c in UNSUR}, "U5": 4, "U9": 1}]
WIDTHS = (1366, 390)


def comma(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")


def by_hand() -> tuple[dict[str, str], str]:
    sheets = [IN_BROWSER, *OTHERS]
    nrr = {c: Decimal(sum(s[c] for s in sheets)) / len(sheets) for c in UNSUR}
    return {c: comma(v) for c, v in nrr.items()}, comma(sum(nrr.values()) / len(nrr) * 25)


def shots(page: Page, snap, step: str, *, charts: bool = False) -> None:
    """A page with charts is reloaded at each width, as a phone would open it (Chart.js
    sizes its canvas on load; a shrinking window is caught up with a moment later)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if charts:
            page.reload()
            expect(page.locator("canvas[data-chart-ready]").first).to_be_attached()
        snap(page, f"{step}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def no_accessibility_violations(page: Page, where: str) -> None:
    found = Axe().run(page, context=where)
    problems = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in found.response["violations"]]
    assert problems == [], problems


def a_finished_application_and_two_other_answers(served):
    """The applicant's issued permit, two other applicants' answers, and the staff."""
    with served.app_context():
        publish_catalogue(served)
        publish_questionnaire(served)
        person, data = make_applicant(served)
        mine = make_finished(served, person)
        uid, resi, permit_name = mine.uid, mine.resi, mine.permit_name
        from app.survey import responses, store

        for scores in OTHERS:
            other, _ = make_applicant(served)
            responses.submit(make_finished(served, other), store.current_version(),
                             answers(scores, saran="Papan informasi kurang jelas"),
                             channel="portal")
        helpdesk = make_staff(served, "Helpdesk", email="helpdesk.ikm@contoh.id").email
        admin = make_staff(served, "Super Admin", email="admin.ikm@contoh.id").email
    return data, uid, resi, permit_name, helpdesk, admin



def the_applicant_answers_from_the_invitation(page, snap, data, uid, permit_name):
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.locator("#survey-invitation")).to_contain_text(permit_name)
    page.goto("/inbox")
    page.get_by_text("Izin telah terbit").first.click()
    expect(page.locator("main")).to_contain_text("Survey Kepuasan Masyarakat (IKM)")
    page.goto("/permohonan")
    page.locator(f"[data-ikm='{uid}']").click()
    expect(page).to_have_url(re.compile(rf"/permohonan/{uid}/ikm$"))
    form = page.locator("#survey-form")
    expect(form.locator("fieldset legend").first).to_be_visible()
    expect(page.locator("#jenis_kelamin-1")).to_be_checked()  # from the profile
    for code, score in IN_BROWSER.items():
        page.check(f"#{UNSUR[code]}-{score - 1}")
    for field in [f for f in answers() if f.startswith("q_") and f not in UNSUR.values()] + \
            [f"k{n}" for n in range(1, 11)]:
        page.check(f"#{field}-2")
    page.select_option("#pekerjaan", "wirausaha")
    page.fill("#saran", "Terima kasih, prosesnya cepat")
    page.check("#pernyataan")
    no_accessibility_violations(page, "#survey-form")
    shots(page, snap, "form")
    page.click("#survey-submit")
    expect(page).to_have_url(re.compile(rf"/permohonan/{uid}$"))
    expect(page.locator(".alert-success")).to_contain_text("Survey berhasil dikirim")
    expect(page.locator("#survey-done")).to_be_visible()



def test_an_applicant_answers_once_and_staff_read_the_figures(app, live_server, new_page, snap):
    data, uid, resi, permit_name, helpdesk, admin = \
        a_finished_application_and_two_other_answers(live_server.app)
    page = new_page()
    the_applicant_answers_from_the_invitation(page, snap, data, uid, permit_name)

    # a second time: refused, in the applicant area and on the portal by resi
    page.goto(f"/permohonan/{uid}/ikm")
    expect(page.locator("#survey-refused")).to_contain_text(
        "Survey untuk permohonan ini sudah diisi")
    expect(page.locator("#survey-form")).to_have_count(0)
    visitor = new_page()
    visitor.goto("/")
    visitor.click("#nav-survey-kepuasan")
    visitor.fill("#survey-resi", resi.lower())
    visitor.click("#survey-resi-go")
    expect(visitor.locator("#survey-refused")).to_contain_text("sudah diisi")

    # staff read the report: the figures of the three answers, as computed by hand
    nrr, ikm = by_hand()
    staff = new_page()
    staff_signs_in(staff, helpdesk)
    staff.click("#home-ikm")
    expect(staff).to_have_url(re.compile(r"/admin/ikm/$"))
    expect(staff.locator("#ikm-respondents")).to_have_text("3")
    expect(staff.locator("#ikm-value")).to_have_text(ikm)
    for code, value in nrr.items():
        expect(staff.locator(f"#ikm-unsur tr[data-unsur='{code}'] .nrr")).to_have_text(value)
    expect(staff.locator("#ikm-suggestions")).to_contain_text("Terima kasih, prosesnya cepat")
    expect(staff.locator("canvas[data-chart-ready]").first).to_be_attached()
    no_accessibility_violations(staff, "#admin-main")
    shots(staff, snap, "report", charts=True)

    # the office publishes the year's result; the portal shows it
    chief = new_page()
    staff_signs_in(chief, admin)
    chief.goto("/admin/ikm/")
    chief.click("#ikm-publish button")
    expect(chief.locator(".alert-success")).to_contain_text("dipublikasikan")
    visitor.goto("/survey-kepuasan")
    expect(visitor.locator("#ikm-value")).to_have_text(ikm)
    expect(visitor.locator("#ikm-respondents")).to_have_text("3")
    expect(visitor.locator("#ikm-unsur tr[data-unsur='U1'] td").last).to_have_text(nrr["U1"])
    expect(visitor.locator("canvas[data-chart-ready]")).to_be_attached()
    no_accessibility_violations(visitor, "main")
    shots(visitor, snap, "public", charts=True)
