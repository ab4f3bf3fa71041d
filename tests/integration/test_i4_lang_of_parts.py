"""Catalogue texts an English reader gets in Indonesian (no English written) carry lang="id"
(WCAG 3.1.2) on the pages that name an application's steps, type and answers: the wizard's
header and review (Validasi Data), public tracking, the applicant's detail page and the staff
case page. Indonesian pages mark nothing, as `lokal_html` does everywhere."""

from __future__ import annotations

import copy

import pytest
from lxml import html as lxml_html
from sqlalchemy import select

from app.services import catalogue_store
from catalogue import DEFINITIONS
from tests.backoffice_helpers import staff_client
from tests.helpers import login, make_applicant, verifier_forwards
from tests.wizard_client import LAST_POST, fill_and_submit, post_step, review_url, submit_review

CODE = "SIP-DOKTER"
PERMIT = "Surat Izin Praktik Dokter"
OPTIONS = {"Dokter Umum", "Dokter Spesialis"}


@pytest.fixture
def catalogue(app):
    """The sample catalogue with SIP-DOKTER's name, the type "baru", the routing's steps,
    the "Kualifikasi" field and its options written only in Indonesian."""
    data, issues, assets = catalogue_store.read_source(DEFINITIONS)
    assert issues == []
    data = copy.deepcopy(data)
    permit = next(p for p in data["permits"] if p["code"] == CODE)
    permit["name"] = {"id": PERMIT}
    kind = next(t for t in data["application_types"] if t["code"] == "baru")
    kind["name"] = {"id": "Baru"}
    routing = next(r for r in data["routings"] if r["code"] == permit["routing"])
    for step in routing["steps"]:
        step["name"] = {"id": step["name"]["id"]}
    field = next(f for s in permit["form"]["sections"] for f in s["fields"]
                 if f["key"] == "specialty")
    field["label"] = {"id": "Kualifikasi"}
    for option in field["options"]:
        option["label"] = {"id": option["label"]["id"]}
    catalogue_store.publish(data, assets, source="uji", issues=[])
    return permit


def _tree(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.get_data())


def _marked(element) -> list[str]:
    return [" ".join(e.text_content().split()) for e in element.xpath('.//*[@lang="id"]')]


def _draft(app, client, permit) -> str:
    """An applicant's SIP-DOKTER with every step filled: its uid (the review page is next)."""
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    uid = fill_and_submit(client, app, permit, "baru", submit=False)
    assert post_step(client, uid, "detail", list(LAST_POST)).status_code == 302
    return uid


def _forwarded(app, client, uid):
    """The draft submitted, then forwarded by the Verifikator: one action in its history."""
    from app.extensions import db
    from app.models import Application

    assert submit_review(client, uid).status_code == 302
    return verifier_forwards(app, db.session.scalar(select(Application).filter_by(uid=uid)))


def _review_checks(tree):
    assert _marked(tree.xpath('//*[@id="wizard-permit"]')[0]) == [PERMIT, "Baru"]
    label = tree.xpath('//dt[.//*[@lang="id" and text()="Kualifikasi"]]')
    assert len(label) == 1
    answer = label[0].getnext()
    assert _marked(answer)[0] in OPTIONS
    assert not tree.xpath('//dt[normalize-space()="Registration number"]//*[@lang]')


def test_english_pages_mark_untranslated_steps_types_and_answers(app, client, catalogue):
    uid = _draft(app, client, catalogue)
    _review_checks(_tree(client, review_url(uid) + "?_l_=en"))
    application = _forwarded(app, client, uid)

    tracking = _tree(client, f"/lacak?resi={application.resi}&_l_=en")
    assert _marked(tracking.xpath('//*[@id="tracking-type"]')[0]) == ["Baru"]
    assert _marked(tracking.xpath('//ol[contains(@class, "stepper")]')[0]) == [
        "Verifikasi Berkas", "Rekomendasi Teknis", "Persetujuan dan Tanda Tangan Elektronik"]
    assert _marked(tracking.xpath('//*[@data-fact="step"]')[0]) == ["Rekomendasi Teknis"]
    titles = tracking.xpath('//ul[contains(@class, "timeline")]//div[@class="fw-semibold"]')
    assert [_marked(t) for t in titles] == [["Verifikasi Berkas"], []]
    assert "Verifikasi Berkas: Forwarded" in titles[0].text_content()

    detail = _tree(client, f"/permohonan/{uid}?_l_=en")
    assert "Verifikasi Berkas" in _marked(detail.xpath('//ol[@id="stages"]')[0])
    assert "Verifikasi Berkas" in _marked(detail.xpath('//ul[@id="timeline"]')[0])

    staff, _actor = staff_client(app, "Tim Teknis", "DINKES")
    case = _tree(staff, f"/admin/antrian/{uid}?_l_=en")
    assert _marked(case.xpath('//*[@id="detail-step"]')[0]) == ["Rekomendasi Teknis"]
    assert len(_marked(case.xpath('//ol[@id="stages"]')[0])) == 3


def test_indonesian_pages_mark_nothing(app, client, catalogue):
    uid = _draft(app, client, catalogue)
    review = _tree(client, review_url(uid))
    assert "Kualifikasi" in review.text_content() and not review.xpath('//main//*[@lang]')
    application = _forwarded(app, client, uid)
    for page in (_tree(client, f"/lacak?resi={application.resi}"),
                 _tree(client, f"/permohonan/{uid}"),
                 _tree(staff_client(app, "Tim Teknis", "DINKES")[0], f"/admin/antrian/{uid}")):
        assert "Verifikasi Berkas" in page.text_content()
        assert not page.xpath('//main//*[@lang]')
