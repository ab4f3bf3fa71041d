"""The permit's name, the application's type, the steps and the answers' chosen options and
lookup rows are catalogue data: where an English page shows one untranslated it carries
lang="id" (WCAG 3.1.2) on the applicant's lists and detail page, public tracking, the staff
queue (its rows, its per-step counts and its step filter) and the staff case page (its
answers, summary, audit trail and the banner of a case sent back). A list of options marks
only the options that have no English. Indonesian pages mark nothing (`lokal_html`)."""

from __future__ import annotations

import copy

import pytest

from app.services import catalogue_store
from catalogue import DEFINITIONS
from tests.backoffice_helpers import act, staff_client
from tests.helpers import fill_draft, login, make_applicant, make_submitted, verifier_forwards
from tests.integration.test_i4_lang_of_parts import _marked, _tree
from tests.integration.test_return_to_earlier_step import at_signing

CODE = "SIP-DOKTER"
PERMIT = "Surat Izin Praktik Dokter"
STEPS = ("Verifikasi Berkas", "Rekomendasi Teknis")
SIGNING = "Persetujuan dan Tanda Tangan Elektronik"
SERVICES = {"key": "services", "type": "multiselect", "required": True, "min": 2,
            "label": {"id": "Layanan", "en": "Services"},
            "options": [{"value": "umum", "label": {"id": "Poli Umum", "en": "General clinic"}},
                        {"value": "gigi", "label": {"id": "Poli Gigi"}}]}


@pytest.fixture
def catalogue(app):
    """The sample catalogue with SIP-DOKTER's name, the type "baru" and the routing's steps
    written only in Indonesian; its practice at a facility (a lookup row, answered first) and
    a two-option list of services, one of them without English."""
    data, issues, assets = catalogue_store.read_source(DEFINITIONS)
    assert issues == []
    data = copy.deepcopy(data)
    permit = next(p for p in data["permits"] if p["code"] == CODE)
    permit["name"] = {"id": PERMIT}
    next(t for t in data["application_types"] if t["code"] == "baru")["name"] = {"id": "Baru"}
    routing = next(r for r in data["routings"] if r["code"] == permit["routing"])
    for step in routing["steps"]:
        step["name"] = {"id": step["name"]["id"]}
    fields = permit["form"]["sections"][0]["fields"]
    kind = next(f for s in permit["form"]["sections"] for f in s["fields"]
                if f["key"] == "practice_kind")
    kind["options"].reverse()  # non_mandiri first: the answer names a facility
    fields.append(copy.deepcopy(SERVICES))
    catalogue_store.publish(data, assets, source="uji", issues=[])
    facility = next(t for t in data["lookups"] if t["name"] == "faskes")["rows"][0]["name"]
    return facility


@pytest.fixture
def case(app, client, catalogue):
    """An applicant (logged in on `client`) with one draft and one application the
    Verifikator forwarded to the Dinas; the facility name its answers chose."""
    user, data = make_applicant(app)
    application = verifier_forwards(app, make_submitted(app, user, CODE, "baru"))
    fill_draft(app, user, CODE, "baru")
    assert login(client, data["nik"]).status_code == 302
    return application, catalogue


def _rows(tree, xpath):
    return [_marked(row) for row in tree.xpath(xpath)]


def test_english_applicant_pages_mark_the_untranslated_permit_name(app, client, case):
    application, _facility = case
    detail = _tree(client, f"/permohonan/{application.uid}?_l_=en")
    assert _marked(detail.xpath("//h1")[0]) == [PERMIT]
    services = detail.xpath('//dd[contains(., "General clinic")]')
    assert [_marked(dd) for dd in services] == [["Poli Gigi"]]  # not the whole list
    for url in ("/permohonan?_l_=en", "/permohonan/draf?_l_=en"):
        page = _tree(client, url)
        assert PERMIT in _marked(page.xpath("//table")[0]), url
        assert "Baru" in _marked(page.xpath("//table")[0]), url
    tracking = _tree(client, f"/lacak?resi={application.resi}&_l_=en")
    assert PERMIT in _marked(tracking.xpath("//main")[0])


def test_english_case_page_and_queue_mark_each_untranslated_text(app, case):
    application, facility = case
    staff, _actor = staff_client(app, "Tim Teknis", "DINKES")
    page = _tree(staff, f"/admin/antrian/{application.uid}?_l_=en")
    assert _marked(page.xpath('//*[@id="detail-title"]')[0]) == [PERMIT]
    assert _marked(page.xpath('//*[@id="detail-summary"]')[0])[:2] == [PERMIT, "Baru"]
    assert _marked(page.xpath('//dd[@data-answer="faskes"]')[0]) == [facility]
    services = page.xpath('//dd[@data-answer="services"]')[0]
    assert _marked(services) == ["Poli Gigi"]  # the option, not the whole list
    assert "General clinic, Poli Gigi" in services.text_content()
    audit = _rows(page, '//table[@id="audit-table"]/tbody/tr/td[5]')
    assert [STEPS[0]] in audit and list(STEPS) in audit  # "In process · A → In process · B"

    for url in ("/admin/antrian/?_l_=en", "/admin/permohonan/?_l_=en"):
        row = _tree(staff, url).xpath(f'//tr[@data-uid="{application.uid}"]')
        assert _marked(row[0]) == [PERMIT, "Baru", STEPS[1]], url


def test_indonesian_pages_mark_nothing(app, client, case):
    application, facility = case
    staff, _actor = staff_client(app, "Tim Teknis", "DINKES")
    for page in (_tree(client, f"/permohonan/{application.uid}"),
                 _tree(client, "/permohonan"), _tree(client, "/permohonan/draf"),
                 _tree(client, f"/lacak?resi={application.resi}"),
                 _tree(staff, f"/admin/antrian/{application.uid}"),
                 _tree(staff, "/admin/antrian/"), _tree(staff, "/admin/permohonan/")):
        assert PERMIT in page.text_content()
        assert not page.xpath("//main//*[@lang]")


@pytest.fixture
def returned(app, catalogue):
    """A case the signer sent back to the verifier: the Verifikator's client and its uid."""
    application, verifikator, _dinkes, signer = at_signing(app)
    assert act(signer, application.uid, "kembalikan", note="STR berbeda",
               docs={}).status_code == 302
    return verifikator, application.uid


def test_english_queue_counts_filter_and_return_banner_mark_untranslated_steps(app, returned):
    """The other routings name the step in English: only SIP-DOKTER's Indonesian-only name
    is marked, beside the translated one."""
    verifikator, uid = returned
    banner = _tree(verifikator, f"/admin/antrian/{uid}?_l_=en").xpath('//*[@id="arrival"]')[0]
    assert _marked(banner) == [SIGNING]
    assert "Sent back from the step" in banner.text_content()
    queue = _tree(verifikator, "/admin/antrian/?_l_=en")
    count = queue.xpath('//*[@data-step-count="verifikasi"]')[0]
    assert _marked(count) == [STEPS[0]] and "Document Verification" in count.text_content()
    options = queue.xpath('//select[@id="f-step"]/option')
    assert [_marked(o) for o in options if o.get("value") == "tte"] == [[SIGNING]]
    step = next(o for o in options if o.get("value") == "verifikasi")
    assert _marked(step) == [STEPS[0]] and "Document Verification" in step.text_content()


def test_indonesian_queue_counts_filter_and_return_banner_mark_nothing(app, returned):
    verifikator, uid = returned
    banner = _tree(verifikator, f"/admin/antrian/{uid}").xpath('//*[@id="arrival"]')[0]
    assert f"Dikembalikan dari tahap {SIGNING}" in " ".join(banner.text_content().split())
    queue = _tree(verifikator, "/admin/antrian/")
    assert queue.xpath('//*[@data-step-count="verifikasi"]')
    assert STEPS[0] in queue.xpath('//select[@id="f-step"]')[0].text_content()
    assert not banner.xpath(".//*[@lang]") and not queue.xpath("//main//*[@lang]")


def _filter_options(page, name: str) -> dict[str, list[str]]:
    """A queue filter's options: value -> the texts in it marked lang="id"."""
    return {o.get("value"): _marked(o) for o in page.xpath(f'//select[@id="f-{name}"]/option')}


def test_english_queue_filters_mark_only_the_untranslated_permit_and_type(app, catalogue):
    staff, _actor = staff_client(app, "Verifikator")
    for url in ("/admin/antrian/?_l_=en", "/admin/permohonan/?_l_=en"):
        page = _tree(staff, url)
        permits, types = _filter_options(page, "permit"), _filter_options(page, "jenis")
        assert permits[CODE] == [PERMIT], url
        assert not any(marked for code, marked in permits.items() if code != CODE), url
        assert types["baru"] == ["Baru"], url
        assert not any(marked for code, marked in types.items() if code != "baru"), url
        assert "Renewal" in page.xpath('//select[@id="f-jenis"]')[0].text_content(), url


def test_indonesian_queue_filters_carry_no_language_marks(app, catalogue):
    staff, _actor = staff_client(app, "Verifikator")
    for url in ("/admin/antrian/", "/admin/permohonan/"):
        page = _tree(staff, url)
        for name in ("permit", "jenis"):
            select = page.xpath(f'//select[@id="f-{name}"]')[0]
            assert len(select.xpath("./option")) > 2 and not select.xpath(".//*[@lang]"), \
                (url, name)
        assert PERMIT in page.xpath('//select[@id="f-permit"]')[0].text_content()
        assert "Baru" in page.xpath('//select[@id="f-jenis"]')[0].text_content()
